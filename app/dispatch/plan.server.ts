// Planning a campaign day: read the allocation's awards (deliveries), the confirmed
// picks and the active vehicles, solve the two legs (day-plan.ts, app/routing), and
// write the runs, their stops and the deliveries that cannot keep the promise in one
// transaction with the audit row. The DayDispatch version moves with a conditional
// update, so of two dispatchers planning at once one wins and the other is told; a
// re-plan keeps the runs already under way (replan.server.ts). Decision 0052.
import { preorderRef, shortDay } from "~/harvest/format";
import { localTimeOf } from "~/harvest/rules/campaign";
import { dayStart, daysOf, type Day } from "~/harvest/rules/preorder";
import { RoutingInputError, type Place } from "~/routing/model";
import { areaTravel } from "~/routing/travel";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { now } from "~/utils/clock.server";
import { prisma, type Prisma } from "~/utils/db.server";
import {
  minutesOf,
  PICK_WAIT_MINUTES,
  planDayLegs,
  type DayDelivery,
  type DayInput,
  type DayOutcome,
  type DayPick,
  type DayVehicle,
} from "./day-plan";
import { areaOfCommune, communeCentre } from "./places";
import { vi, type DispatchKey } from "./strings";

/** Unloading, weighing and sorting at the collection point before boxes leave again. */
export const HANDLING_MINUTES = 20;
/** A household told when to pick picks this long before the vehicle comes. */
export const PICK_LEAD_MINUTES = 30;
/** Deliveries to an address: the hours buyers are told to expect them in. */
export const DELIVERY_HOURS = { start: 7 * 60, end: 20 * 60 };
const DELIVERY_SERVICE_MINUTES = 5;
const COLLECT_SERVICE_MINUTES = 1;
/** Search budget of a whole plan; a re-plan uses less (replan.server.ts). */
export const PLAN_SECONDS = 3;
export const PLAN_ITERATIONS = 4000;

export type PlanOutcome =
  | { ok: true; version: number; exceptions: number; runs: number; elapsedMs: number }
  | { ok: false; error: DispatchKey; subject?: string; version?: number };

export class DispatchError extends Error {
  constructor(
    readonly key: DispatchKey,
    readonly subject = "",
    readonly version?: number,
  ) {
    super(key);
  }
}

const ACTIVE_PREORDER = ["ALLOCATED", "CONFIRMED", "WAITING", "REQUESTED"];

/** Minutes since local midnight of `day` for an instant. */
export const minutesIn = (day: Day, at: Date) => (at.getTime() - dayStart(day).getTime()) / 60_000;
/** The instant `minutes` after local midnight of `day`. */
export const instantOf = (day: Day, minutes: number) =>
  new Date(dayStart(day).getTime() + Math.round(minutes * 60_000));

function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function hours(text: string): { start: number; end: number } | null {
  const m = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(text);
  if (!m) return null;
  const start = minutesOf(m[1]);
  const end = minutesOf(m[2]);
  return start === null || end === null ? null : { start, end };
}

export async function dispatchOf(campaignId: string, day: Day) {
  const found = await prisma.dayDispatch.findUnique({
    where: { campaignId_day: { campaignId, day } },
  });
  if (found) return found;
  try {
    return await prisma.dayDispatch.create({ data: { campaignId, day } });
  } catch (e) {
    // two dispatchers opening the day at once: the other made it
    if ((e as { code?: string }).code !== "P2002") throw e;
    return prisma.dayDispatch.findUniqueOrThrow({ where: { campaignId_day: { campaignId, day } } });
  }
}

export type LoadedDay = Awaited<ReturnType<typeof loadDay>>;

/** Everything a plan of the day needs, read once; throws DispatchError for what cannot be planned. */
export async function loadDay(campaignId: string, day: Day) {
  const c = await prisma.harvestCampaign.findUnique({
    where: { id: campaignId },
    include: { collectionPoints: { orderBy: { position: "asc" } } },
  });
  if (!c) throw new DispatchError("dispatch.error.day");
  if (!daysOf(c.firstDay, c.lastDay).includes(day)) throw new DispatchError("dispatch.error.day");
  const entry = await prisma.allocationEntry.findFirst({
    where: { campaignId, day },
    orderBy: { sequence: "desc" },
  });
  if (!entry) throw new DispatchError("dispatch.error.notAllocated");
  const depotRow = c.collectionPoints.find((p) => p.latitude !== null && p.longitude !== null);
  if (!depotRow) throw new DispatchError("dispatch.error.noDepot");
  const depot: Place = {
    id: depotRow.id,
    lat: depotRow.latitude!,
    lng: depotRow.longitude!,
    area: areaOfCommune(depotRow.communeCode),
  };
  const dispatch = await dispatchOf(campaignId, day);
  const [awards, picks, members, vehicles, carried] = await Promise.all([
    prisma.award.findMany({
      where: { entryId: entry.id, units: { gt: 0 } },
      include: {
        preOrder: {
          include: { buyer: { select: { name: true, phone: true } }, collectionPoint: true },
        },
      },
      orderBy: { preOrderId: "asc" },
    }),
    prisma.pick.findMany({
      where: { campaignId, day, status: { not: "WITHDRAWN" } },
      include: {
        household: {
          select: {
            id: true,
            name: true,
            phone: true,
            plots: { select: { latitude: true, longitude: true, communeCode: true } },
          },
        },
      },
      orderBy: { id: "asc" },
    }),
    prisma.campaignHousehold.findMany({
      where: { campaignId },
      include: { plot: { select: { latitude: true, longitude: true, communeCode: true } } },
    }),
    prisma.vehicle.findMany({ where: { campaignId, active: true }, orderBy: { id: "asc" } }),
    // handed to a carrier earlier today: not the cooperative's to deliver any more
    prisma.deliveryException.findMany({
      where: { dispatchId: dispatch.id, decision: "CARRIER" },
      select: { preOrderId: true },
    }),
  ]);
  if (!vehicles.length) throw new DispatchError("dispatch.error.noVehicles");
  const kgPerUnit = c.unitKind === "KG" ? 1 : (c.boxGrams ?? 5000) / 1000;
  const plotOf = new Map(members.map((m) => [m.householdId, m.plot]));
  const dayPicks: (DayPick & { householdId: string; name: string; phone: string })[] = [];
  for (const p of picks) {
    const plots = [plotOf.get(p.householdId), ...p.household.plots].filter(
      (x): x is NonNullable<typeof x> => !!x && x.latitude !== null && x.longitude !== null,
    );
    const plot = plots[0];
    if (!plot) throw new DispatchError("dispatch.error.place", p.household.name);
    const units = p.weighedUnits ?? p.units;
    dayPicks.push({
      id: p.id,
      householdId: p.householdId,
      name: p.household.name,
      phone: p.household.phone ?? "",
      place: {
        id: `pick:${p.id}`,
        lat: plot.latitude!,
        lng: plot.longitude!,
        area: areaOfCommune(plot.communeCode),
      },
      readyAt: minutesIn(day, p.readyAt),
      units,
      kg: units * kgPerUnit,
    });
  }
  const skip = new Set(carried.map((x) => x.preOrderId));
  const deliveries: (DayDelivery & { name: string; phone: string; line: string })[] = [];
  for (const a of awards) {
    const p = a.preOrder;
    if (!ACTIVE_PREORDER.includes(p.status) || skip.has(p.id)) continue;
    const point = p.fulfilment === "PICKUP" ? p.collectionPoint : null;
    let lat = point ? point.latitude : p.latitude;
    let lng = point ? point.longitude : p.longitude;
    const commune = point ? point.communeCode : p.communeCode;
    if (lat === null || lng === null) {
      const centre = point ? null : communeCentre(p.communeCode);
      if (!centre) throw new DispatchError("dispatch.error.place", preorderRef(p.id));
      lat = centre.lat;
      lng = centre.lng;
    }
    const window = point ? (hours(point.hours) ?? DELIVERY_HOURS) : DELIVERY_HOURS;
    // a collection point open "19:00-15:00" cannot be served; said before solving, by name
    if (window.end < window.start)
      throw new DispatchError("routing.error.emptyWindow", point!.name);
    deliveries.push({
      id: p.id,
      name: point ? point.name : p.recipient || p.buyer.name,
      phone: p.phone || p.buyer.phone,
      line: point ? point.line : p.line,
      place: { id: `po:${p.id}`, lat, lng, area: areaOfCommune(commune) },
      window,
      units: a.units,
      kg: a.units * kgPerUnit,
      serviceMinutes: point ? COLLECT_SERVICE_MINUTES : DELIVERY_SERVICE_MINUTES,
    });
  }
  const fleet: (DayVehicle & { name: string; driverName: string; driverPhone: string })[] =
    vehicles.map((v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind === "MOTORBIKE" ? "MOTORBIKE" : "TRUCK",
      capacityUnits: v.capacityUnits,
      capacityKg: v.capacityKg,
      shiftStart: minutesOf(v.shiftStart) ?? 0,
      shiftEnd: minutesOf(v.shiftEnd) ?? 0,
      driverName: v.driverName,
      driverPhone: v.driverPhone,
    }));
  for (const v of fleet) {
    if (v.capacityUnits <= 0 || v.capacityKg <= 0)
      throw new DispatchError("routing.error.zeroCapacity", v.name);
    if (v.shiftEnd <= v.shiftStart)
      throw new DispatchError("routing.error.shiftEndsBeforeStart", v.name);
  }
  return { campaign: c, day, entry, dispatch, depot, picks: dayPicks, deliveries, fleet };
}

/** The routing input of a loaded day (before anything is under way). */
export function dayInput(
  d: LoadedDay,
  at: Date,
  opts: { seconds?: number; iterations?: number } = {},
): DayInput {
  return {
    depot: d.depot,
    vehicles: d.fleet,
    picks: d.picks,
    deliveries: d.deliveries,
    collected: new Map(),
    busy: [],
    from: Math.max(0, minutesIn(d.day, at)),
    travel: areaTravel(),
    handlingMinutes: HANDLING_MINUTES,
    pickLeadMinutes: PICK_LEAD_MINUTES,
    seed: seedOf(`${d.campaign.slug}-${d.day}`),
    seconds: opts.seconds ?? PLAN_SECONDS,
    iterations: opts.iterations ?? PLAN_ITERATIONS,
  };
}

/** Solves; a refusal of the routing module becomes a DispatchError with its own text. */
export function solveDay(input: DayInput): DayOutcome {
  try {
    return planDayLegs(input);
  } catch (e) {
    if (e instanceof RoutingInputError) {
      const key = e.code in vi ? e.code : "routing.error.badNumber";
      throw new DispatchError(key, e.subject);
    }
    throw e;
  }
}

export type KeptRuns = {
  /** runs of the current version that go on as they are (moved into the new version) */
  keep: string[];
  /** a broken-down vehicle's runs under way: their done stops stay, pending ones are re-planned */
  cut: string[];
};

/**
 * Writes a plan as the next version of the day, if nobody else planned it since
 * `expected`: runs and stops of `outcome`, the deliveries it could not place as
 * exceptions, the audit row, and for a day already sent out an SMS to each buyer whose
 * window moved. Throws DispatchError("dispatch.error.conflict") when another plan won.
 */
export async function writePlan(
  d: LoadedDay,
  outcome: DayOutcome,
  opts: {
    expected: number;
    actorId: string | null;
    kept?: KeptRuns;
    reason?: string;
    at: Date;
  },
): Promise<{ version: number; exceptions: number; runs: number }> {
  const version = opts.expected + 1;
  const kept = opts.kept ?? { keep: [], cut: [] };
  const picks = new Map(d.picks.map((p) => [p.id, p]));
  const deliveries = new Map(d.deliveries.map((x) => [x.id, x]));
  const at = (m: number) => instantOf(d.day, m);
  return prisma.$transaction(async (tx) => {
    const moved = await tx.dayDispatch.updateMany({
      where: { id: d.dispatch.id, version: opts.expected },
      data: {
        version,
        plannedAt: opts.at,
        plannedById: opts.actorId,
        seed: `${d.campaign.slug}-${d.day}`,
      },
    });
    if (moved.count !== 1) {
      const now = await tx.dayDispatch.findUnique({ where: { id: d.dispatch.id } });
      throw new DispatchError("dispatch.error.conflict", "", now?.version);
    }
    const carried = [...kept.keep, ...kept.cut];
    const before = await tx.runStop.findMany({
      where: {
        kind: "DELIVERY",
        run: { dispatchId: d.dispatch.id, version: opts.expected, id: { notIn: carried } },
      },
      select: { preOrderId: true, plannedArrival: true },
    });
    await tx.run.updateMany({
      where: { dispatchId: d.dispatch.id, version: opts.expected, id: { notIn: carried } },
      data: { status: "SUPERSEDED" },
    });
    if (carried.length)
      await tx.run.updateMany({ where: { id: { in: carried } }, data: { version } });
    if (kept.cut.length) {
      await tx.runStop.deleteMany({ where: { runId: { in: kept.cut }, status: "PENDING" } });
      await tx.run.updateMany({
        where: { id: { in: kept.cut } },
        data: { status: "DONE", finishedAt: opts.at },
      });
    }
    for (const r of outcome.runs) {
      const run = await tx.run.create({
        data: {
          dispatchId: d.dispatch.id,
          version,
          vehicleId: r.vehicleId,
          leg: r.leg,
          startsAt: at(r.route.departure),
          endsAt: at(r.route.returnAt),
          km: Math.round(r.route.distance * 10) / 10,
          loadUnits: r.route.load.boxes,
        },
      });
      const stops: Prisma.RunStopCreateManyInput[] = r.route.stops.map((s, i) => {
        if (r.leg === "PICKUP") {
          const p = picks.get(s.jobId)!;
          return {
            runId: run.id,
            position: i + 1,
            kind: "PICKUP",
            pickId: p.id,
            householdId: p.householdId,
            units: p.units,
            name: p.name,
            phone: p.phone,
            latitude: p.place.lat,
            longitude: p.place.lng,
            windowStart: at(p.readyAt),
            windowEnd: at(p.readyAt + PICK_WAIT_MINUTES),
            plannedArrival: at(s.start),
          };
        }
        const x = deliveries.get(s.jobId)!;
        const promise = outcome.promises.get(x.id);
        return {
          runId: run.id,
          position: i + 1,
          kind: "DELIVERY",
          preOrderId: x.id,
          units: x.units,
          name: x.name,
          phone: x.phone,
          line: x.line,
          latitude: x.place.lat,
          longitude: x.place.lng,
          windowStart: at(x.window.start),
          windowEnd: at(x.window.end),
          plannedArrival: at(s.start),
          latestArrival: promise ? at(promise.latestArrival) : null,
          pickedAt: promise ? at(promise.pickedAt) : null,
        };
      });
      if (r.leg === "PICKUP")
        stops.push({
          runId: run.id,
          position: stops.length + 1,
          kind: "DROP",
          units: r.route.load.boxes,
          name: d.campaign.collectionPoints.find((p) => p.id === d.depot.id)?.name ?? "",
          latitude: d.depot.lat,
          longitude: d.depot.lng,
          plannedArrival: at(r.route.returnAt),
        });
      await tx.runStop.createMany({ data: stops });
    }
    const exceptions = outcome.unassigned.map((u) => ({
      dispatchId: d.dispatch.id,
      version,
      preOrderId: u.id,
      units: deliveries.get(u.id)?.units ?? 0,
      reason: u.reason,
    }));
    if (exceptions.length) await tx.deliveryException.createMany({ data: exceptions });
    await audit(
      {
        actorId: opts.actorId,
        action: opts.reason ? "dispatch.replan" : "dispatch.plan",
        entity: "DayDispatch",
        entityId: d.dispatch.id,
        data: {
          campaignId: d.campaign.id,
          day: d.day,
          version,
          reason: opts.reason ?? null,
          runs: outcome.runs.length,
          kept: kept.keep.length,
          cut: kept.cut,
          exceptions: exceptions.length,
          elapsedMs: Math.round(outcome.elapsedMs),
        },
      },
      tx,
    );
    if (d.dispatch.status === "PUBLISHED") {
      // drivers and buyers already have the plan: tell those whose window moved
      const was = new Map(before.map((s) => [s.preOrderId, s.plannedArrival?.getTime() ?? 0]));
      for (const r of outcome.runs) {
        if (r.leg !== "DELIVERY") continue;
        for (const s of r.route.stops) {
          const old = was.get(s.jobId);
          if (old !== undefined && Math.abs(old - at(s.start).getTime()) < 30 * 60_000) continue;
          await smsWindow(tx, d, deliveries.get(s.jobId)!, at(s.start));
        }
      }
    }
    return { version, exceptions: exceptions.length, runs: outcome.runs.length };
  });
}

/** "khoảng 09:00–10:00": an hour around the planned arrival, on quarter hours. */
export function windowAround(arrival: Date): { from: string; to: string } {
  const q = 15 * 60_000;
  const from = new Date(Math.floor((arrival.getTime() - 15 * 60_000) / q) * q);
  return { from: localTimeOf(from), to: localTimeOf(new Date(from.getTime() + 60 * 60_000)) };
}

function fill(template: string, params: Record<string, string | number>) {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));
}

/** SMS bodies are Vietnamese (buyers' phones); the keys keep them with the rest. */
export function smsText(key: DispatchKey, params: Record<string, string | number>) {
  return fill(vi[key], params);
}

export async function smsWindow(
  tx: Prisma.TransactionClient,
  d: { campaign: { title: string }; day: Day },
  x: { id: string; phone: string },
  arrival: Date,
) {
  const w = windowAround(arrival);
  await enqueue(tx, "notify.sms", x.phone, {
    subject: `Giao hàng ${shortDay(d.day)}`,
    body: smsText("dispatch.sms.window", {
      title: d.campaign.title,
      day: shortDay(d.day),
      ref: preorderRef(x.id),
      ...w,
    }),
  });
}

/** Plans the day from scratch (a first plan, or the dispatcher's "plan again"). */
export async function planDay(input: {
  campaignId: string;
  day: Day;
  actorId: string | null;
  expectedVersion?: number;
  seconds?: number;
  iterations?: number;
}): Promise<PlanOutcome> {
  return refusing(async () => {
    const at = now();
    const d = await loadDay(input.campaignId, input.day);
    const expected = input.expectedVersion ?? d.dispatch.version;
    if (expected !== d.dispatch.version)
      return { ok: false, error: "dispatch.error.conflict", version: d.dispatch.version };
    const started = await prisma.run.count({
      where: {
        dispatchId: d.dispatch.id,
        version: d.dispatch.version,
        OR: [
          { status: { in: ["STARTED", "DONE"] } },
          { stops: { some: { status: { not: "PENDING" } } } },
        ],
      },
    });
    // once a driver is out, only the rest of the day can be planned again
    if (started) {
      const { replanRest } = await import("./replan.server");
      return replanRest({ ...input, reason: "PLAN", expectedVersion: expected });
    }
    return solveAndWrite(
      d,
      dayInput(d, at, { seconds: input.seconds, iterations: input.iterations }),
      { expected, actorId: input.actorId, at },
    );
  });
}

/** Solves a day's input and writes it as the next version. */
export async function solveAndWrite(
  d: LoadedDay,
  input: DayInput,
  opts: Parameters<typeof writePlan>[2],
): Promise<PlanOutcome> {
  const outcome = solveDay(input);
  const w = await writePlan(d, outcome, opts);
  return { ok: true, ...w, elapsedMs: outcome.elapsedMs };
}

/** Runs a planning step; a DispatchError becomes the refusal the page translates. */
export async function refusing(step: () => Promise<PlanOutcome>): Promise<PlanOutcome> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof DispatchError)
      return { ok: false, error: e.key, subject: e.subject, version: e.version };
    throw e;
  }
}

/**
 * Sends the current plan out: drivers get their runs and buyers their delivery window
 * by SMS. Conditional on the version the dispatcher looked at.
 */
export async function publishDay(input: {
  campaignId: string;
  day: Day;
  actorId: string | null;
  expectedVersion: number;
}): Promise<PlanOutcome> {
  const dispatch = await prisma.dayDispatch.findUnique({
    where: { campaignId_day: { campaignId: input.campaignId, day: input.day } },
    include: { campaign: { select: { title: true } } },
  });
  if (!dispatch || dispatch.version === 0) return { ok: false, error: "dispatch.error.noPlan" };
  if (dispatch.version !== input.expectedVersion)
    return { ok: false, error: "dispatch.error.stale", version: dispatch.version };
  const at = now();
  return prisma.$transaction(async (tx): Promise<PlanOutcome> => {
    const moved = await tx.dayDispatch.updateMany({
      where: { id: dispatch.id, version: input.expectedVersion, status: "DRAFT" },
      data: { status: "PUBLISHED", publishedAt: at },
    });
    if (moved.count !== 1) return { ok: false, error: "dispatch.error.stale" };
    const runs = await tx.run.findMany({
      where: { dispatchId: dispatch.id, version: dispatch.version },
      include: { stops: { orderBy: { position: "asc" } }, vehicle: true },
      orderBy: { startsAt: "asc" },
    });
    const d = { campaign: dispatch.campaign, day: input.day };
    for (const r of runs)
      for (const s of r.stops)
        if (s.kind === "DELIVERY" && s.preOrderId && s.plannedArrival)
          await smsWindow(tx, d, { id: s.preOrderId, phone: s.phone }, s.plannedArrival);
    const byVehicle = new Map<string, typeof runs>();
    for (const r of runs) byVehicle.set(r.vehicleId, [...(byVehicle.get(r.vehicleId) ?? []), r]);
    for (const [, list] of byVehicle) {
      const v = list[0].vehicle;
      if (!v.driverPhone) continue;
      await enqueue(tx, "notify.sms", v.driverPhone, {
        subject: `Chuyến xe ${shortDay(input.day)}`,
        body: smsText("dispatch.sms.driver", {
          title: dispatch.campaign.title,
          day: shortDay(input.day),
          vehicle: v.name,
          runs: list.length,
          at: localTimeOf(list[0].startsAt),
        }),
      });
    }
    await audit(
      {
        actorId: input.actorId,
        action: "dispatch.publish",
        entity: "DayDispatch",
        entityId: dispatch.id,
        data: { day: input.day, version: dispatch.version, runs: runs.length },
      },
      tx,
    );
    return { ok: true, version: dispatch.version, exceptions: 0, runs: runs.length, elapsedMs: 0 };
  });
}
