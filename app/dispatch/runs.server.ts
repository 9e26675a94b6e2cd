// One screen per campaign day: the current plan's runs with their stops in order, and
// the deliveries that could not keep the promise with what was decided for them.
import { preorderRef } from "~/harvest/format";
import { daysOf, isDay, localDay, type Day } from "~/harvest/rules/preorder";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { isDispatchKey, type DispatchKey } from "./strings";

type Campaign = { id: string; firstDay: string; lastDay: string };

/** The day asked for when it is in the window; else the first shared day not past, else the first. */
export async function chooseDay(c: Campaign, asked: string | null): Promise<Day> {
  const days = daysOf(c.firstDay, c.lastDay);
  if (asked && isDay(asked) && days.includes(asked)) return asked;
  const shared = (
    await prisma.allocationEntry.findMany({
      where: { campaignId: c.id },
      select: { day: true },
      distinct: ["day"],
      orderBy: { day: "asc" },
    })
  ).map((e) => e.day);
  const today = localDay(now());
  return shared.find((d) => d >= today) ?? shared.at(-1) ?? days[0];
}

export async function dayRuns(c: Campaign, day: Day) {
  const [dispatch, entry, vehicles] = await Promise.all([
    prisma.dayDispatch.findUnique({ where: { campaignId_day: { campaignId: c.id, day } } }),
    prisma.allocationEntry.findFirst({
      where: { campaignId: c.id, day },
      orderBy: { sequence: "desc" },
      select: { id: true },
    }),
    prisma.vehicle.count({ where: { campaignId: c.id, active: true } }),
  ]);
  const version = dispatch?.version ?? 0;
  const [runs, exceptions, by] = await Promise.all([
    dispatch && version
      ? prisma.run.findMany({
          where: { dispatchId: dispatch.id, version },
          include: {
            vehicle: { select: { name: true, kind: true, driverName: true, driverPhone: true } },
            stops: { orderBy: { position: "asc" } },
          },
          orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        })
      : [],
    dispatch
      ? prisma.deliveryException.findMany({
          where: { dispatchId: dispatch.id, OR: [{ version }, { decision: { not: null } }] },
          orderBy: [{ decision: "asc" }, { createdAt: "asc" }, { preOrderId: "asc" }],
        })
      : [],
    dispatch?.plannedById
      ? prisma.user.findUnique({ where: { id: dispatch.plannedById }, select: { name: true } })
      : null,
  ]);
  const preOrders = await prisma.preOrder.findMany({
    where: { id: { in: exceptions.map((x) => x.preOrderId) } },
    select: { id: true, recipient: true, queueDay: true, buyer: { select: { name: true } } },
  });
  const po = new Map(preOrders.map((p) => [p.id, p]));
  // one row per pre-order: the latest exception (a decided one wins over a newer flag)
  const seen = new Set<string>();
  const rows = exceptions
    .sort((a, b) => Number(!!b.decision) - Number(!!a.decision) || b.version - a.version)
    .filter((x) => (seen.has(x.preOrderId) ? false : (seen.add(x.preOrderId), true)));
  const deliveries = runs.flatMap((r) => r.stops.filter((s) => s.kind === "DELIVERY"));
  const reason = (k: string): DispatchKey => (isDispatchKey(k) ? k : "routing.unassigned.fleet");
  return {
    day,
    allocated: !!entry,
    vehicles,
    dispatch: dispatch
      ? {
          version,
          status: dispatch.status,
          plannedAt: dispatch.plannedAt?.toISOString() ?? null,
          by: by?.name ?? null,
        }
      : null,
    summary: {
      runs: runs.length,
      stops: runs.reduce((n, r) => n + r.stops.length, 0),
      km: Math.round(runs.reduce((n, r) => n + r.km, 0)),
      deliveries: deliveries.length + rows.filter((x) => !x.decision).length,
      kept: deliveries.length,
    },
    runs: runs.map((r) => ({
      id: r.id,
      leg: r.leg,
      status: r.status,
      vehicle: r.vehicle,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      km: r.km,
      loadUnits: r.loadUnits,
      stops: r.stops.map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        phone: s.phone,
        line: s.line,
        units: s.units,
        ref: s.preOrderId ? preorderRef(s.preOrderId) : null,
        status: s.status,
        plannedArrival: s.plannedArrival?.toISOString() ?? null,
        latestArrival: s.latestArrival?.toISOString() ?? null,
      })),
    })),
    exceptions: rows.map((x) => ({
      id: x.id,
      ref: preorderRef(x.preOrderId),
      name: po.get(x.preOrderId)?.recipient || po.get(x.preOrderId)?.buyer.name || "",
      units: x.units,
      reason: reason(x.reason),
      decision: x.decision,
      nextDay: x.decision === "NEXT_DAY" ? (po.get(x.preOrderId)?.queueDay ?? null) : null,
      current: x.version === version,
    })),
  };
}
