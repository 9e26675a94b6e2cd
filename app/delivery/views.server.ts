// What buyers and households read about a published plan: the buyer's delivery window,
// "on the way, about N minutes", delivered (and the compensation when the promise was
// broken); the household's pick-up window and, after weighing, what it will be paid.
// Only the day's current plan counts, and only once the dispatcher has published it.
import { windowAround } from "~/dispatch/plan.server";
import { localTimeOf } from "~/harvest/rules/campaign";
import { addDays, localDay } from "~/harvest/rules/preorder";
import { prisma } from "~/utils/db.server";
import { householdPayVnd, roundMinutes } from "./rules";

const PUBLISHED = ["PUBLISHED", "DONE"];

const currentStops = async (where: { preOrderId?: string; pickId?: { in: string[] } }) =>
  (
    await prisma.runStop.findMany({
      where: {
        ...where,
        run: {
          status: { notIn: ["SUPERSEDED", "CANCELLED"] },
          dispatch: { status: { in: PUBLISHED } },
        },
      },
      include: { run: { include: { dispatch: true, vehicle: true } } },
      orderBy: { run: { dispatch: { day: "asc" } } },
    })
  ).filter((s) => s.run.version === s.run.dispatch.version);

export type BuyerDelivery = {
  day: string;
  state: "PLANNED" | "ON_THE_WAY" | "DELIVERED" | "FAILED";
  units: number;
  window: { from: string; to: string } | null;
  minutes: number | null;
  deliveredAt: string | null;
  failReason: string;
  compensation: { late: boolean; compensationVnd: number; via: string; limitHours: number } | null;
};

/** Each day's delivery of a pre-order in the published plans, oldest day first. */
export async function buyerDeliveries(preOrderId: string, at: Date): Promise<BuyerDelivery[]> {
  const stops = (await currentStops({ preOrderId })).filter((s) => s.kind === "DELIVERY");
  if (!stops.length) return [];
  const [told, checks] = await Promise.all([
    prisma.auditLog.findMany({
      where: { action: "delivery.onTheWay", entity: "PreOrder", entityId: preOrderId },
      select: { data: true },
    }),
    prisma.lateDeliveryCheck.findMany({ where: { preOrderId } }),
  ]);
  return stops.map((s) => {
    const day = s.run.dispatch.day;
    const eta = told
      .map((row) => JSON.parse(row.data) as { day?: string; eta?: string })
      .find((d) => d.day === day)?.eta;
    const check = s.doneAt
      ? (checks.find((c) => c.deliveredAt.getTime() === s.doneAt!.getTime()) ??
        (checks.length === 1 && stops.length === 1 ? checks[0] : undefined))
      : undefined;
    const state =
      s.status === "DELIVERED"
        ? "DELIVERED"
        : s.status === "FAILED"
          ? "FAILED"
          : eta
            ? "ON_THE_WAY"
            : "PLANNED";
    return {
      day,
      state,
      units: s.units,
      window: s.plannedArrival ? windowAround(s.plannedArrival) : null,
      minutes:
        state === "ON_THE_WAY" && eta
          ? roundMinutes((new Date(eta).getTime() - at.getTime()) / 60_000)
          : null,
      deliveredAt: s.doneAt ? localTimeOf(s.doneAt) : null,
      failReason: s.failReason,
      compensation: check
        ? {
            late: check.late,
            compensationVnd: check.compensationVnd,
            via: check.via,
            limitHours: check.limitHours,
          }
        : null,
    };
  });
}

export type HouseholdPickup = {
  day: string;
  window: { from: string; to: string } | null;
  vehicle: string;
  driver: string;
  status: string;
  weighedUnits: number | null;
  weighedAt: string | null;
  payVnd: number | null;
  priceVnd: number;
};

/** Per pick of this household: the published pick-up and, once weighed, the pay (rules.householdPayVnd). */
export async function householdPickups(
  householdId: string,
  pickIds: string[],
): Promise<Record<string, HouseholdPickup>> {
  if (!pickIds.length) return {};
  const [stops, picks] = await Promise.all([
    currentStops({ pickId: { in: pickIds } }),
    prisma.pick.findMany({
      where: { id: { in: pickIds }, householdId },
      include: { campaign: { select: { priceVnd: true } } },
    }),
  ]);
  const out: Record<string, HouseholdPickup> = {};
  for (const p of picks) {
    const s = stops.find((x) => x.pickId === p.id && x.kind === "PICKUP");
    const weighed = p.weighedUnits;
    if (!s && weighed === null) continue;
    out[p.id] = {
      day: p.day,
      window: s?.plannedArrival ? windowAround(s.plannedArrival) : null,
      vehicle: s?.run.vehicle.name ?? "",
      driver: s
        ? [s.run.vehicle.driverName, s.run.vehicle.driverPhone].filter(Boolean).join(" ")
        : "",
      status: s?.status ?? "PENDING",
      weighedUnits: weighed,
      weighedAt: s?.doneAt ? localTimeOf(s.doneAt) : null,
      payVnd: weighed === null ? null : householdPayVnd(weighed, p.campaign.priceVnd),
      priceVnd: p.campaign.priceVnd,
    };
  }
  return out;
}

/** The pick-ups a household sees on its pick page: its picks from two days back to tomorrow that have a published pick-up or a weighing. */
export async function householdPickupLines(
  user: { role: string; householdId: string | null },
  at: Date,
) {
  if (user.role !== "HOUSEHOLD" || !user.householdId) return [];
  const today = localDay(at);
  const picks = await prisma.pick.findMany({
    where: {
      householdId: user.householdId,
      day: { gte: addDays(today, -2), lte: addDays(today, 1) },
      status: { not: "WITHDRAWN" },
    },
    include: { campaign: { select: { title: true, unitKind: true } } },
    orderBy: { day: "desc" },
    take: 20,
  });
  const lines = await householdPickups(
    user.householdId,
    picks.map((p) => p.id),
  );
  return picks.flatMap((p) =>
    lines[p.id]
      ? [{ pickId: p.id, campaignTitle: p.campaign.title, units: p.units, ...lines[p.id] }]
      : [],
  );
}
