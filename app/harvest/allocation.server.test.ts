// A campaign's seller side against the real database: create (with refusals), open,
// picks (idempotent, refused for others), the cut-off with the injectable clock,
// publishing (once, even when two publish at once), the ledger recomputed by the rule,
// weighing corrections and the re-allocation with its SMS, the job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import {
  harvestAllocationJob,
  ledgerAwards,
  ledgerInput,
  publishAllocation,
  reallocateDay,
} from "./allocation.server";
import { changeCampaignStatus, createCampaign } from "./campaigns.server";
import { confirmPick, correctPick } from "./picks.server";
import { allocate } from "./rules/allocation";
import { CampaignSchema, type CampaignForm } from "./schema";

const COOP = "coop-na-la-hien";

async function sessionUser(id: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { id }, include: { household: true } });
  return {
    id: u.id,
    name: u.name,
    phone: u.phone,
    locale: u.locale,
    role: u.role as SessionUser["role"],
    householdId: u.household?.id ?? null,
    cooperativeId: u.cooperativeId,
  };
}

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields))
    (Array.isArray(v) ? v : [v]).forEach((x) => fd.append(k, x));
  return parseWithZod(fd, { schema: CampaignSchema });
}

function valid(fields: Record<string, string | string[]>): CampaignForm {
  const r = form(fields);
  if (r.status !== "success") throw new Error(JSON.stringify(r.reply().error));
  return r.value;
}

// a year of its own, far from the seeded campaign's
const Y = "2031";
const base = (members: string[]) => ({
  title: `Na thử ${Math.random().toString(36).slice(2, 7)}`,
  productId: "",
  unitKind: "BOX",
  boxKg: "5",
  price: "250.000",
  firstDay: `${Y}-08-13`,
  lastDay: `${Y}-08-16`,
  cutoffTime: "20:00",
  maxPerBuyer: "3",
  gradingReservePct: "0",
  deliveryCommunes: ["05740", "05503"],
  freshNearHours: "4",
  freshFarKm: "100",
  freshFarHours: "6",
  compensationPct: "10",
  payCod: "on",
  vietqrMode: "NONE",
  "points[0].name": "Sân HTX",
  "points[0].communeCode": "05740",
  ...Object.fromEntries(
    members.flatMap((h, i) => [
      [`households[${i}].householdId`, h],
      [`households[${i}].expectedUnits`, "30"],
    ]),
  ),
});

let manager: SessionUser;
let hhA: SessionUser;
let hhB: SessionUser;
let stall: {
  id: string;
  householdId: string | null;
  cooperativeId: string | null;
  communeCode: string;
};
let productId: string;
let campaignId: string;
const buyers = ["u-buyer-001", "u-buyer-002", "u-buyer-003"];

beforeAll(async () => {
  setClock(new Date(`${Y}-08-10T03:00:00Z`));
  manager = await sessionUser(`u-manager-${COOP}`);
  const members = await prisma.membership.findMany({
    where: { cooperativeId: COOP, status: "ACTIVE" },
    orderBy: { householdId: "asc" },
    take: 2,
    include: { household: true },
  });
  hhA = await sessionUser(members[0].household.userId!);
  hhB = await sessionUser(members[1].household.userId!);
  const s = await prisma.stall.findFirstOrThrow({ where: { cooperativeId: COOP } });
  stall = s;
  productId = (await prisma.product.findFirstOrThrow({ where: { stallId: s.id, deletedAt: null } }))
    .id;
});
afterAll(() => resetClock());

describe("campaign form", () => {
  it("refuses a window that ends before it starts, and keeps the values", () => {
    const r = form({
      ...base(["x"]),
      productId: "p",
      firstDay: `${Y}-08-16`,
      lastDay: `${Y}-08-13`,
    });
    expect(r.status).toBe("error");
    expect(r.reply().error?.lastDay).toEqual(["harvest.error.windowEndsBeforeStart"]);
    expect(r.reply().initialValue?.firstDay).toBe(`${Y}-08-16`);
  });

  it("refuses negative or absurd numbers and a campaign with no payment", () => {
    const r = form({
      ...base(["x"]),
      productId: "p",
      maxPerBuyer: "-2",
      payCod: [],
      vietqrMode: "NONE",
    });
    expect(r.reply().error?.maxPerBuyer).toEqual(["harvest.error.range"]);
    expect(r.reply().error?.payCod).toEqual(["harvest.error.payment"]);
  });

  it("refuses a household that is not a member", async () => {
    const stranger = await prisma.household.findFirstOrThrow({
      where: { memberships: { none: { cooperativeId: COOP } } },
    });
    const out = await createCampaign(manager, stall, valid({ ...base([stranger.id]), productId }));
    expect(out).toMatchObject({
      ok: false,
      fieldErrors: { households: ["harvest.error.notMember"] },
    });
  });
});

describe("a harvest day, end to end", () => {
  it("creates and opens a campaign, audited", async () => {
    const out = await createCampaign(
      manager,
      stall,
      valid({ ...base([hhA.householdId!, hhB.householdId!]), productId }),
    );
    expect(out.ok).toBe(true);
    campaignId = (out as { campaignId: string }).campaignId;
    expect(await prisma.campaignHousehold.count({ where: { campaignId } })).toBe(2);
    expect(await prisma.collectionPoint.count({ where: { campaignId } })).toBe(1);
    expect(await changeCampaignStatus(manager, campaignId, "resume")).toEqual({
      ok: false,
      error: "harvest.error.transition",
    });
    expect(await changeCampaignStatus(manager, campaignId, "open")).toMatchObject({
      ok: true,
      status: "OPEN",
    });
    const actions = (
      await prisma.auditLog.findMany({ where: { entity: "HarvestCampaign", entityId: campaignId } })
    )
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["harvest.campaign.create", "harvest.campaign.open"]);
  });

  it("households confirm picks once per key; another household's pick is refused", async () => {
    const day = `${Y}-08-14`;
    const a1 = await confirmPick(hhA, {
      campaignId,
      householdId: hhA.householdId!,
      day,
      units: 3,
      readyTime: "06:30",
      idempotencyKey: "key-a-000001",
    });
    expect(a1).toMatchObject({ ok: true, replay: false });
    // the phone's queue resends after a dropped connection: same answer, nothing recorded twice
    const again = await confirmPick(hhA, {
      campaignId,
      householdId: hhA.householdId!,
      day,
      units: 3,
      readyTime: "06:30",
      idempotencyKey: "key-a-000001",
    });
    expect(again).toMatchObject({ ok: true, replay: true });
    expect(
      await prisma.auditLog.count({
        where: { action: "harvest.pick.confirm", entityId: (a1 as { pickId: string }).pickId },
      }),
    ).toBe(1);
    expect(
      await confirmPick(hhA, {
        campaignId,
        householdId: hhB.householdId!,
        day,
        units: 9,
        readyTime: "06:30",
      }),
    ).toMatchObject({ ok: false, error: "harvest.pick.error.notYours" });
    expect(
      await confirmPick(hhB, {
        campaignId,
        householdId: hhB.householdId!,
        day,
        units: 501,
        readyTime: "06:30",
      }),
    ).toMatchObject({ ok: false, error: "harvest.pick.error.absurd" });
    expect(
      await confirmPick(hhB, {
        campaignId,
        householdId: hhB.householdId!,
        day: `${Y}-08-20`,
        units: 2,
        readyTime: "06:30",
      }),
    ).toMatchObject({ ok: false, error: "harvest.pick.error.day" });
    expect(
      await confirmPick(manager, {
        campaignId,
        householdId: hhB.householdId!,
        day,
        units: 2,
        readyTime: "07:00",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await prisma.pick.aggregate({ where: { campaignId, day }, _sum: { units: true } }),
    ).toEqual({ _sum: { units: 5 } });
  });

  it("shares the day after the cut-off, once, and the ledger recomputes", async () => {
    const day = `${Y}-08-14`;
    for (const [i, b] of buyers.entries())
      await prisma.preOrder.create({
        data: {
          campaignId,
          buyerId: b,
          requestedUnits: 3,
          queueDay: day,
          requestedDay: day,
          allowCarryOver: i !== 2,
          communeCode: "05740",
          line: "Xóm Thử",
          phone: `+8491700000${i}`,
        },
      });
    expect(await publishAllocation(campaignId, day, manager.id)).toEqual({
      ok: false,
      error: "board.error.beforeCutoff",
    });
    setClock(new Date(`${Y}-08-13T13:01:00Z`)); // 20:01 in Thái Nguyên
    const [one, two] = await Promise.all([
      publishAllocation(campaignId, day, manager.id),
      publishAllocation(campaignId, day, null),
    ]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    const entries = await prisma.allocationEntry.findMany({ where: { campaignId, day } });
    expect(entries).toHaveLength(1);
    const awards = await ledgerAwards(entries[0].id);
    // uniform rule: 5 boxes among three asking 3 -> 2, 2, 1 (the 1 by the seeded order)
    expect(Object.values(awards).sort()).toEqual([1, 2, 2]);
    // anyone can recompute it from the ledger's own input
    expect(allocate(await ledgerInput(entries[0].id)).awards).toEqual(awards);
    const pre = await prisma.preOrder.findMany({
      where: { campaignId },
      orderBy: { buyerId: "asc" },
    });
    for (const p of pre) {
      expect(p.allocatedUnits).toBe(awards[p.id]);
      expect(p.originDay).toBe(day);
      if (p.allowCarryOver) expect(p).toMatchObject({ status: "WAITING", queueDay: `${Y}-08-15` });
      else expect(p).toMatchObject({ status: "ALLOCATED", queueDay: null });
    }
    const sms = await prisma.outbox.findMany({
      where: { topic: "notify.sms", key: { in: pre.map((p) => p.phone) } },
    });
    expect(sms.filter((s) => JSON.parse(s.payload).subject === `Chia hàng 14/8`)).toHaveLength(3);
  });

  it("a weighing shortfall takes boxes back in a new entry and tells those affected", async () => {
    const day = `${Y}-08-14`;
    const pick = await prisma.pick.findFirstOrThrow({
      where: { campaignId, householdId: hhA.householdId!, day },
    });
    expect(
      await correctPick(hhA, { pickId: pick.id, toUnits: 1, reason: "GRADED_DOWN" }),
    ).toMatchObject({ ok: false, error: "harvest.pick.error.notYours" });
    expect(
      await correctPick(manager, { pickId: pick.id, toUnits: 4, reason: "GRADED_DOWN" }),
    ).toMatchObject({ ok: false, error: "harvest.pick.error.correction" });
    expect(
      await correctPick(manager, {
        pickId: pick.id,
        toUnits: 1,
        reason: "GRADED_DOWN",
        note: "quả nứt",
      }),
    ).toMatchObject({ ok: true });
    const before = await prisma.preOrder.findMany({ where: { campaignId } });
    const r = await reallocateDay(campaignId, day, manager.id, "cân thiếu");
    expect(r).toMatchObject({ ok: true, sequence: 2, awarded: 3 });
    const latest = await prisma.allocationEntry.findFirstOrThrow({
      where: { campaignId, day, sequence: 2 },
    });
    const after = await ledgerAwards(latest.id);
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(3);
    const changed = before.filter((p) => after[p.id] < (p.allocatedUnits ?? 0));
    expect(changed.length).toBeGreaterThan(0);
    for (const p of changed) {
      const sms = await prisma.outbox.findMany({ where: { topic: "notify.sms", key: p.phone } });
      expect(sms.some((s) => JSON.parse(s.payload).subject === "Chia lại 14/8")).toBe(true);
      const now = await prisma.preOrder.findUniqueOrThrow({ where: { id: p.id } });
      expect(now.allocatedUnits).toBe(after[p.id]);
      // the missing boxes wait for the next day (if allowed), ahead of new buyers
      if (p.allowCarryOver) expect(now.queueDay).toBe(`${Y}-08-15`);
    }
    // nothing more to take back
    expect(await reallocateDay(campaignId, day, manager.id)).toEqual({
      ok: false,
      error: "board.error.noShortfall",
    });
  });

  it("the job shares the next day once its cut-off and the grace have passed", async () => {
    const days = async () =>
      (
        await prisma.allocationEntry.findMany({
          where: { campaignId },
          select: { day: true },
          distinct: ["day"],
          orderBy: { day: "asc" },
        })
      ).map((e) => e.day);
    // 5 minutes after the 15th's cut-off: only the 13th (nobody published it) is shared
    await harvestAllocationJob(new Date(`${Y}-08-14T13:05:00Z`), { campaignIds: [campaignId] });
    expect(await days()).toEqual([`${Y}-08-13`, `${Y}-08-14`]);
    expect(
      (await harvestAllocationJob(new Date(`${Y}-08-14T13:11:00Z`), { campaignIds: [campaignId] }))
        .shared,
    ).toBe(1);
    expect(await days()).toEqual([`${Y}-08-13`, `${Y}-08-14`, `${Y}-08-15`]);
    const e = await prisma.allocationEntry.findFirstOrThrow({
      where: { campaignId, day: `${Y}-08-15` },
    });
    // no picks confirmed for the 15th: nothing to share, the carried-over wait again
    expect(e).toMatchObject({ supply: 0, awarded: 0, createdById: null });
    const waiting = await prisma.preOrder.findMany({ where: { campaignId, status: "WAITING" } });
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((p) => p.queueDay === `${Y}-08-16`)).toBe(true);
  });
});
