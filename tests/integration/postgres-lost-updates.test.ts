// Read-then-write transactions that SQLite ran one at a time, on PostgreSQL (issue 14): a
// concurrent change lands between the read and the write, every time (tests/helpers/pg-race.ts).
// Without serializable() the write puts back what was read and the change is lost.
// Skipped in the SQLite pass.
import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { commitImport, exportCsv, planImport } from "~/catalog/csv.server";
import { ledgerAwards, publishAllocation } from "~/harvest/allocation.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, usesPostgres } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";
import { holdWrite, someoneWaitsForLock } from "../helpers/pg-race";

const T = `lost${randomBytes(4).toString("hex")}`;
let user: SessionUser;

beforeAll(async () => {
  if (!usesPostgres) return;
  const u = await prisma.user.findFirstOrThrow({ where: { role: "OFFICER" } });
  user = { id: u.id, role: u.role, name: u.name, phone: u.phone, locale: "vi" } as SessionUser;
  await makeStall(T);
  await makeProduct(`stall-${T}`, T, { stock: 10, status: "DRAFT" }); // no photo: a draft imports
  await prisma.variant.update({ where: { id: `var-${T}` }, data: { sku: `SKU-${T}` } });
});

describe.skipIf(!usesPostgres)("PostgreSQL: no update lost between a read and its write", () => {
  it("CSV import: a sale while the import writes stays sold (10 - 3 sold + 2 added = 9)", async () => {
    const stall = await prisma.stall.findUniqueOrThrow({ where: { id: `stall-${T}` } });
    const rows = parse(await exportCsv(stall), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.sku === `SKU-${T}`)!;
    expect(row).toMatchObject({ stock: "10", stock_base: "10" });
    row.stock = "12"; // the seller adds two
    const plan = await planImport(stall, stringify([row], { header: true }));
    expect(plan.summary.problems).toBe(0);

    // an order takes 3 (the checkout's conditional decrement) and has not committed yet
    const sale = await holdWrite(
      `UPDATE "Variant" SET stock = stock - 3 WHERE id = $1`,
      `var-${T}`,
    );
    const imported = commitImport(user, stall, plan);
    await someoneWaitsForLock();
    await sale.commit();
    await imported;
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}` } })).stock).toBe(9);
  });

  it("harvest sharing: a buyer who cancels while the day is shared stays cancelled, unawarded", async () => {
    const day = "2032-08-14";
    const hh = await prisma.household.findFirstOrThrow({ where: { id: "hh-003" } });
    const c = await prisma.harvestCampaign.create({
      data: {
        slug: `na-${T}`,
        title: `Na ${T}`,
        stallId: `stall-${T}`,
        productId: `prod-${T}`,
        priceVnd: 250000,
        unitLabel: "Thùng 5 kg",
        expectedUnits: 30,
        maxPerBuyer: 5,
        preorderOpensAt: new Date("2032-08-01T00:00:00Z"),
        preorderClosesAt: new Date("2032-08-13T13:00:00Z"),
        firstDay: day,
        lastDay: day,
        harvestFrom: new Date("2032-08-14T00:00:00Z"),
        harvestTo: new Date("2032-08-14T10:00:00Z"),
        status: "OPEN",
      },
    });
    await prisma.pick.create({
      data: {
        campaignId: c.id,
        householdId: hh.id,
        day,
        units: 4,
        readyAt: new Date("2032-08-14T00:00:00Z"),
      },
    });
    const buyers = await prisma.user.findMany({ where: { role: "BUYER" }, take: 2 });
    const [leaving, staying] = await Promise.all(
      buyers.map((b, i) =>
        prisma.preOrder.create({
          data: {
            campaignId: c.id,
            buyerId: b.id,
            requestedUnits: 4,
            queueDay: day,
            requestedDay: day,
            allowCarryOver: false,
            communeCode: "05740",
            line: "Xóm Thử",
            phone: `+8491780000${i}`,
          },
        }),
      ),
    );

    // the buyer's cancel (app/harvest/preorders.server.ts cancelPreorder's write), not yet committed
    const cancel = await holdWrite(
      `UPDATE "PreOrder" SET status = 'CANCELLED', "cancelledAt" = now() WHERE id = $1`,
      leaving.id,
    );
    const shared = publishAllocation(c.id, day, null, new Date("2032-08-13T13:01:00Z"));
    await someoneWaitsForLock();
    await cancel.commit();
    const r = await shared;
    expect(r).toMatchObject({ ok: true, shared: 4, awarded: 4 });

    const after = await prisma.preOrder.findUniqueOrThrow({ where: { id: leaving.id } });
    expect(after).toMatchObject({ status: "CANCELLED", allocatedUnits: null });
    const awards = await ledgerAwards((r as { entryId: string }).entryId);
    expect(awards).toEqual({ [staying.id]: 4 });
    expect(await prisma.preOrder.findUniqueOrThrow({ where: { id: staying.id } })).toMatchObject({
      status: "ALLOCATED",
      allocatedUnits: 4,
    });
  });
});
