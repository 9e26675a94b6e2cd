import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/officer.report[.csv]";
import { prisma } from "~/utils/db.server";
import { client, get, settle } from "../../tests/helpers/http";
import { communeReport, REPORT_COLUMNS } from "./report.server";

const OFFICER = "0912000004";
const ADMIN = "0912000005";
const BUYER = "0912000001";
const args = (request: Request) => ({ request, params: {}, context: {} });
const DAY = 86_400_000;

describe("GET /officer/report.csv", () => {
  it("gives officers and admins one row per commune, UTF-8 with a BOM, the agreed columns", async () => {
    for (const phone of [OFFICER, ADMIN]) {
      const res = (await loader(args(get(await client(phone), "/officer/report.csv")))) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, for Excel
      const [header, ...rows] = parse(bytes.subarray(3).toString("utf8")) as string[][];
      expect(header).toEqual([...REPORT_COLUMNS]);
      const codes = rows.map((r) => r[0]);
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes).toEqual([...codes].sort());
      const tanCuong = rows.find((r) => r[1] === "Tân Cương");
      expect(tanCuong).toBeDefined();
      expect(rows.every((r) => r.slice(2).every((n) => /^\d+$/.test(n)))).toBe(true);
    }
  });

  it("is refused to buyers and guests", async () => {
    const asBuyer = await settle(() => loader(args(get(null, "/officer/report.csv"))));
    expect(asBuyer).toBeInstanceOf(Response);
    expect([302, 303]).toContain((asBuyer as Response).status);
    const buyer = await settle(async () =>
      loader(args(get(await client(BUYER), "/officer/report.csv"))),
    );
    expect((buyer as Response).status).toBe(403);
  });

  it("agrees with the records, counted another way, for every commune", async () => {
    const at = new Date();
    const report = await communeReport(at);
    const stalls = await prisma.stall.findMany({
      include: { products: { select: { status: true } } },
    });
    const households = await prisma.household.findMany({
      include: { onboarding: { select: { kind: true } } },
    });
    const orders = await prisma.order.findMany({
      where: { createdAt: { gte: new Date(at.getTime() - 30 * DAY), lte: at } },
      select: { stallId: true, status: true, totalVnd: true },
    });
    const communeOf = new Map(stalls.map((s) => [s.id, s.communeCode]));
    let checked = 0;
    for (const row of report) {
      const here = stalls.filter((s) => s.communeCode === row.communeCode);
      const people = households.filter((h) => h.communeCode === row.communeCode);
      const sales = orders.filter(
        (o) =>
          communeOf.get(o.stallId) === row.communeCode &&
          o.status !== "CANCELLED" &&
          o.status !== "REFUNDED",
      );
      expect(row).toEqual({
        communeCode: row.communeCode,
        commune: row.commune,
        households: people.length,
        householdsTrained: people.filter((h) => h.onboarding.some((o) => o.kind === "TRAINING"))
          .length,
        stallsOpen: here.filter((s) => s.status === "OPEN" && !s.banned).length,
        stallsVerified: here.filter((s) => s.verification === "VERIFIED" && !s.banned).length,
        productsListed: here.flatMap((s) => s.products).filter((p) => p.status === "ACTIVE").length,
        paymentAccounts: here.filter((s) => s.bankAccount && !s.payoutHoldSince).length,
        orders30d: sales.length,
        revenue30dVnd: sales.reduce((sum, o) => sum + o.totalVnd, 0),
      });
      if (row.households) checked++;
    }
    expect(checked).toBeGreaterThan(5);
    // every household of the data is in some row
    expect(report.reduce((s, r) => s + r.households, 0)).toBe(households.length);
  });

  it("counts a training once per household and an order only within its 30 days", async () => {
    const household = await prisma.household.findFirstOrThrow({
      where: { onboarding: { none: { kind: "TRAINING" } } },
    });
    const officer = await prisma.user.findFirstOrThrow({ where: { role: "OFFICER" } });
    const before = (await communeReport()).find((r) => r.communeCode === household.communeCode)!;
    await prisma.onboardingRecord.createMany({
      data: [1, 2].map((i) => ({
        officerId: officer.id,
        householdId: household.id,
        kind: "TRAINING",
        topic: `report-test-${i}`,
      })),
    });
    try {
      const after = (await communeReport()).find((r) => r.communeCode === household.communeCode)!;
      expect(after.householdsTrained).toBe(before.householdsTrained + 1);
    } finally {
      await prisma.onboardingRecord.deleteMany({
        where: { householdId: household.id, topic: { startsWith: "report-test-" } },
      });
    }
    // a month from now, today's orders are out of the window
    const order = await prisma.order.findFirst({
      where: { status: { notIn: ["CANCELLED", "REFUNDED"] } },
      orderBy: { createdAt: "desc" },
      include: { stall: true },
    });
    if (order) {
      const at = (d: Date) =>
        communeReport(d).then((r) => r.find((x) => x.communeCode === order.stall.communeCode)!);
      const within = await at(new Date(order.createdAt.getTime() + DAY));
      const later = await at(new Date(order.createdAt.getTime() + 31 * DAY));
      expect(within.orders30d).toBeGreaterThan(0);
      expect(later.orders30d < within.orders30d || later.revenue30dVnd < within.revenue30dVnd).toBe(
        true,
      );
    }
  });
});
