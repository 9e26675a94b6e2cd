// The province's figures by commune (issue 12): what extension officers and the
// province report. Every figure is one grouped query over an indexed column, so
// the report costs the same at one commune or ninety (docs/decisions/0060).
import { stringify } from "csv-stringify/sync";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";

export type CommuneFigures = {
  communeCode: string;
  commune: string;
  households: number;
  householdsTrained: number;
  stallsOpen: number;
  stallsVerified: number;
  productsListed: number;
  paymentAccounts: number;
  orders30d: number;
  revenue30dVnd: number;
};

const DAY = 86_400_000;
/** Orders that did not go through do not count as sales. */
const NOT_SALES = ["CANCELLED", "REFUNDED"];

const tally = <K extends string>(rows: { key: K | null; n: number }[]) => {
  const m = new Map<string, number>();
  for (const r of rows) if (r.key) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
  return m;
};

/**
 * One row per commune of every province where households live (communes with
 * nothing yet included: a zero is a figure too), in the order of their codes.
 */
export async function communeReport(at: Date = now()): Promise<CommuneFigures[]> {
  const since = new Date(at.getTime() - 30 * DAY);
  const [households, trained, stalls, verified, payment, products, orders] = await Promise.all([
    prisma.household.groupBy({ by: ["communeCode"], _count: { _all: true } }),
    // a household counts once however many sessions it attended
    prisma.onboardingRecord.findMany({
      where: { kind: "TRAINING" },
      distinct: ["householdId"],
      select: { household: { select: { communeCode: true } } },
    }),
    prisma.stall.groupBy({
      by: ["communeCode"],
      where: { status: "OPEN", banned: false },
      _count: { _all: true },
    }),
    prisma.stall.groupBy({
      by: ["communeCode"],
      where: { verification: "VERIFIED", banned: false },
      _count: { _all: true },
    }),
    // a payout account the stall has confirmed (not held after a change, decision 0041)
    prisma.stall.groupBy({
      by: ["communeCode"],
      where: { bankAccount: { not: null }, payoutHoldSince: null },
      _count: { _all: true },
    }),
    prisma.product.groupBy({
      by: ["stallId"],
      where: { status: "ACTIVE" },
      _count: { _all: true },
    }),
    prisma.order.groupBy({
      by: ["stallId"],
      where: { createdAt: { gte: since, lte: at }, status: { notIn: NOT_SALES } },
      _count: { _all: true },
      _sum: { totalVnd: true },
    }),
  ]);
  const stallCommune = new Map(
    (await prisma.stall.findMany({ select: { id: true, communeCode: true } })).map((s) => [
      s.id,
      s.communeCode,
    ]),
  );
  const byCommune = (rows: { communeCode: string; _count: { _all: number } }[]) =>
    tally(rows.map((r) => ({ key: r.communeCode, n: r._count._all })));
  const byStall = (rows: { stallId: string; n: number }[]) =>
    tally(rows.map((r) => ({ key: stallCommune.get(r.stallId) ?? null, n: r.n })));

  const figures = {
    households: byCommune(households),
    householdsTrained: tally(trained.map((t) => ({ key: t.household.communeCode, n: 1 }))),
    stallsOpen: byCommune(stalls),
    stallsVerified: byCommune(verified),
    paymentAccounts: byCommune(payment),
    productsListed: byStall(products.map((p) => ({ stallId: p.stallId, n: p._count._all }))),
    orders30d: byStall(orders.map((o) => ({ stallId: o.stallId, n: o._count._all }))),
    revenue30dVnd: byStall(orders.map((o) => ({ stallId: o.stallId, n: o._sum.totalVnd ?? 0 }))),
  };
  const provinces = [
    ...new Set(
      (
        await prisma.commune.findMany({
          where: { code: { in: [...figures.households.keys()] } },
          select: { provinceCode: true },
        })
      ).map((c) => c.provinceCode),
    ),
  ];
  const communes = await prisma.commune.findMany({
    where: {
      OR: [
        { provinceCode: { in: provinces } },
        { code: { in: [...figures.stallsOpen.keys(), ...figures.productsListed.keys()] } },
      ],
    },
    select: { code: true, name: true },
    orderBy: { code: "asc" },
  });
  return communes.map((c) => ({
    communeCode: c.code,
    commune: c.name,
    households: figures.households.get(c.code) ?? 0,
    householdsTrained: figures.householdsTrained.get(c.code) ?? 0,
    stallsOpen: figures.stallsOpen.get(c.code) ?? 0,
    stallsVerified: figures.stallsVerified.get(c.code) ?? 0,
    productsListed: figures.productsListed.get(c.code) ?? 0,
    paymentAccounts: figures.paymentAccounts.get(c.code) ?? 0,
    orders30d: figures.orders30d.get(c.code) ?? 0,
    revenue30dVnd: figures.revenue30dVnd.get(c.code) ?? 0,
  }));
}

/** The column names checks from outside read (issue 12): keep them exactly. */
export const REPORT_COLUMNS = [
  "commune_code",
  "commune",
  "households",
  "households_trained",
  "stalls_open",
  "stalls_verified",
  "products_listed",
  "payment_accounts",
  "orders_30d",
  "revenue_30d_vnd",
] as const;

/** The report as a spreadsheet: UTF-8 with a BOM, so Excel shows Vietnamese intact. */
export async function communeReportCsv(at: Date = now()): Promise<string> {
  const rows = (await communeReport(at)).map((r) => [
    r.communeCode,
    r.commune,
    r.households,
    r.householdsTrained,
    r.stallsOpen,
    r.stallsVerified,
    r.productsListed,
    r.paymentAccounts,
    r.orders30d,
    r.revenue30dVnd,
  ]);
  return "\uFEFF" + stringify(rows, { header: true, columns: [...REPORT_COLUMNS] });
}
