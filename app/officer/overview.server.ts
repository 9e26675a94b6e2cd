// The officer's overview of a commune (issue 12): households by onboarding stage, who
// is stuck, whose visit is due, filtered by stage, cooperative and a name typed
// without diacritics. One commune at a time: a commune's households are read in a few
// batched queries, so the page costs the same in a small commune or the province's
// largest (decision 0069).
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { matchesFolded } from "./scope.server";
import {
  CERT_EXPIRY_WARNING_DAYS,
  funnel,
  stageOf,
  stuckReasons,
  visitDue,
  type Progress,
  type Stage,
  type StuckReason,
} from "./stages";

/** Orders that did not go through are not a first order (as in the province's report). */
const NOT_SALES = ["CANCELLED", "REFUNDED"];
const DAY = 86_400_000;
export const OVERVIEW_ROWS = 100;

export type OverviewFilters = {
  communeCode: string;
  stage?: Stage | null;
  cooperativeId?: string | null;
  q?: string;
  /** only households stuck or due a visit */
  attention?: boolean;
};

export type OverviewRow = {
  id: string;
  name: string;
  hamlet: string | null;
  phone: string | null;
  cooperative: string | null;
  stage: Stage;
  progress: Progress;
  stuck: StuckReason[];
  visitDue: boolean;
  lastContactAt: Date | null;
};

export async function communeOverview(f: OverviewFilters, at: Date = now()) {
  const soon = new Date(at.getTime() + CERT_EXPIRY_WARNING_DAYS * DAY);
  const households = await prisma.household.findMany({
    where: { communeCode: f.communeCode },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      hamlet: true,
      phone: true,
      createdAt: true,
      memberships: {
        where: { status: "ACTIVE" },
        select: { cooperative: { select: { id: true, name: true } } },
      },
      onboarding: {
        where: { kind: { in: ["TRAINING", "VISIT"] } },
        select: { kind: true, at: true },
      },
      stalls: {
        where: { banned: false },
        select: {
          createdAt: true,
          status: true,
          verification: true,
          bankAccount: true,
          payoutHoldSince: true,
          _count: {
            select: {
              products: { where: { status: "ACTIVE", deletedAt: null } },
              orders: { where: { status: { notIn: NOT_SALES } } },
            },
          },
          certifications: {
            where: { status: "VERIFIED", expiresAt: { gt: at, lte: soon } },
            select: { expiresAt: true },
          },
        },
      },
      // a cooperative member's goods listed on the cooperative's stall
      _count: { select: { products: { where: { status: "ACTIVE", deletedAt: null } } } },
    },
  });

  const all = households.map((h) => {
    const stalls = h.stalls;
    const progress: Progress = {
      trained: h.onboarding.some((r) => r.kind === "TRAINING"),
      stallOpened: stalls.length > 0,
      firstProduct: h._count.products > 0 || stalls.some((s) => s._count.products > 0),
      paymentAccount: stalls.some((s) => !!s.bankAccount && !s.payoutHoldSince),
      firstOrder: stalls.some((s) => s._count.orders > 0),
      verified: stalls.some((s) => s.verification === "VERIFIED"),
    };
    const lastContact = h.onboarding.reduce<Date | null>(
      (m, r) => (!m || r.at > m ? r.at : m),
      null,
    );
    const opened = stalls.reduce<Date | null>(
      (m, s) => (!m || s.createdAt < m ? s.createdAt : m),
      null,
    );
    const expiring = stalls
      .flatMap((s) => s.certifications.map((c) => c.expiresAt))
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const coop = h.memberships[0]?.cooperative ?? null;
    return {
      id: h.id,
      name: h.name,
      hamlet: h.hamlet,
      phone: h.phone,
      cooperativeId: coop?.id ?? null,
      cooperative: coop?.name ?? null,
      stage: stageOf(progress),
      progress,
      stuck: stuckReasons(
        {
          stallOpenedAt: opened,
          firstProduct: progress.firstProduct,
          certExpiresAt: expiring ?? null,
        },
        at,
      ),
      visitDue: visitDue({ registeredAt: h.createdAt, lastContactAt: lastContact }, at),
      lastContactAt: lastContact,
    };
  });

  const cooperatives = [
    ...new Map(
      all.filter((h) => h.cooperativeId).map((h) => [h.cooperativeId!, h.cooperative!]),
    ).entries(),
  ]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  // the funnel follows the cooperative and name filters, not the stage one (it is the stages)
  const population = all.filter(
    (h) =>
      (!f.cooperativeId || h.cooperativeId === f.cooperativeId) &&
      matchesFolded(`${h.name} ${h.hamlet ?? ""} ${h.phone ?? ""}`, f.q ?? ""),
  );
  const rows = population.filter(
    (h) => (!f.stage || h.stage === f.stage) && (!f.attention || h.stuck.length > 0 || h.visitDue),
  );
  return {
    funnel: funnel(population.map((h) => h.progress)),
    households: population.length,
    stuck: population.filter((h) => h.stuck.length > 0).length,
    visitsDue: population.filter((h) => h.visitDue).length,
    cooperatives,
    matching: rows.length,
    rows: rows.slice(0, OVERVIEW_ROWS) satisfies OverviewRow[],
  };
}
export type CommuneOverview = Awaited<ReturnType<typeof communeOverview>>;
