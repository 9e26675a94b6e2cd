// A harvest day in two legs, each one VRPTW run of the same solver:
//   leg 1: households -> collection point (pick-ups), then
//   leg 2: collection point -> buyers (deliveries).
// Leg 2's windows come from leg 1: a delivery cannot leave before its boxes are back at
// the collection point and sorted (release), and must arrive within the freshness
// promise counted from when the fruit was picked (latest arrival).
// Several trips of one vehicle are several Vehicle entries with shifts that do not overlap.
import { latestArrival, promiseMinutes } from "./freshness";
import type {
  Job,
  Load,
  Place,
  RoutingResult,
  SolveOptions,
  TravelModel,
  UnassignedReason,
  Vehicle,
} from "./model";
import { RoutingInputError } from "./model";
import { solve } from "./solver";
import { vi } from "./messages";

export interface HarvestPick {
  id: string;
  place: Place;
  /** When the household may hand over the boxes. */
  window: { start: number; end: number };
  load: Load;
  serviceMinutes: number;
  /**
   * When the fruit was (or will be) picked. Unknown: the household is told to pick
   * `pickLeadMinutes` before the planned collection, so the clock starts then.
   */
  pickedAt?: number;
}

export interface HarvestDelivery {
  id: string;
  place: Place;
  window: { start: number; end: number };
  load: Load;
  serviceMinutes: number;
  /** The picks whose boxes make up this delivery (from the allocation). */
  pickIds: string[];
}

export interface HarvestDay {
  collectionPoint: Place;
  pickupVehicles: Vehicle[];
  deliveryVehicles: Vehicle[];
  picks: HarvestPick[];
  deliveries: HarvestDelivery[];
  travel: TravelModel;
  /** Unloading, weighing and sorting at the collection point before boxes can leave again. */
  handlingMinutes: number;
  pickLeadMinutes?: number;
}

export type DeliveryReason = UnassignedReason | "routing.unassigned.notCollected";
// every reason has its Vietnamese and English text
const _translated: Record<DeliveryReason, string> = vi;
void _translated;

export interface DeliveryPromise {
  deliveryId: string;
  pickedAt: number;
  roadKm: number;
  latestArrival: number;
  /** start of service at the buyer, when planned */
  deliveredAt?: number;
  kept: boolean;
  reason?: DeliveryReason;
}

export interface HarvestPlan {
  pickups: RoutingResult;
  deliveries: RoutingResult;
  promises: DeliveryPromise[];
  /** leg 2 jobs as given to the solver (for checking and display) */
  deliveryJobs: Job[];
  pickupJobs: Job[];
}

/**
 * Leg 1 jobs, narrowed by what leg 2 needs (necessary conditions only):
 * - a household told when to pick should not be collected so early that the promise runs
 *   out before its buyer's window opens: collected >= buyer window start - promise + lead;
 * - nor so late that the buyer's window has closed by the time the boxes could get there:
 *   collected <= buyer window end - (household -> collection point) - handling - (collection point -> buyer).
 * If that empties the pick-up window, the window is left as given (the delivery will then
 * be reported as unable to keep its promise or window, not hidden).
 */
export function pickupJobs(day: HarvestDay): Job[] {
  const lead = day.pickLeadMinutes ?? 30;
  const opensFor = new Map<string, number>();
  const closesFor = new Map<string, number>();
  const profile = day.deliveryVehicles[0]?.profile ?? "truck";
  for (const d of day.deliveries) {
    for (const id of d.pickIds) {
      const pick = day.picks.find((p) => p.id === id);
      if (!pick) continue;
      const km =
        day.travel.distance(pick.place, day.collectionPoint) +
        day.travel.distance(day.collectionPoint, d.place);
      const earliest = d.window.start - promiseMinutes(km) + lead;
      opensFor.set(id, Math.max(opensFor.get(id) ?? -Infinity, earliest));
      const latest =
        d.window.end -
        day.travel.minutes(pick.place, day.collectionPoint, profile) -
        day.handlingMinutes -
        day.travel.minutes(day.collectionPoint, d.place, profile);
      closesFor.set(id, Math.min(closesFor.get(id) ?? Infinity, latest));
    }
  }
  return day.picks.map((p) => {
    let start = p.pickedAt === undefined ? p.window.start : Math.max(p.window.start, p.pickedAt);
    const useful = opensFor.get(p.id);
    if (
      p.pickedAt === undefined &&
      useful !== undefined &&
      useful > start &&
      useful <= p.window.end
    )
      start = useful;
    let end = p.window.end;
    const last = closesFor.get(p.id);
    if (last !== undefined && last < end && last >= start) end = last;
    return {
      id: p.id,
      kind: "pickup",
      place: p.place,
      load: p.load,
      serviceMinutes: p.serviceMinutes,
      window: { start, end },
    };
  });
}

export function planHarvestDay(
  day: HarvestDay,
  options: SolveOptions & { pickupSeconds?: number; deliverySeconds?: number } = {},
): HarvestPlan {
  const lead = day.pickLeadMinutes ?? 30;
  const picksById = new Map(day.picks.map((p) => [p.id, p]));
  for (const d of day.deliveries) {
    for (const id of d.pickIds) {
      if (!picksById.has(id))
        throw new RoutingInputError("routing.error.badNumber", d.id, `unknown pick ${id}`);
    }
  }
  const legOne = pickupJobs(day);
  const pickups = solve(
    { vehicles: day.pickupVehicles, jobs: legOne, travel: day.travel },
    { ...options, seconds: options.pickupSeconds ?? options.seconds },
  );
  // When each pick was collected, and when its boxes are back at the collection point.
  const collected = new Map<string, { at: number; back: number }>();
  for (const r of pickups.routes)
    for (const s of r.stops) collected.set(s.jobId, { at: s.start, back: r.returnAt });

  const promises: DeliveryPromise[] = [];
  const legTwo: Job[] = [];
  for (const d of day.deliveries) {
    let release = -Infinity;
    let latest = Infinity;
    let pickedAt = -Infinity;
    let km = 0;
    let missing = false;
    for (const id of d.pickIds) {
      const pick = picksById.get(id) as HarvestPick;
      const c = collected.get(id);
      if (!c) {
        missing = true;
        continue;
      }
      const picked = pick.pickedAt ?? c.at - lead;
      const roadKm =
        day.travel.distance(pick.place, day.collectionPoint) +
        day.travel.distance(day.collectionPoint, d.place);
      release = Math.max(release, c.back + day.handlingMinutes);
      latest = Math.min(latest, latestArrival(picked, roadKm));
      pickedAt = Math.max(pickedAt, picked);
      km = Math.max(km, roadKm);
    }
    if (missing || !d.pickIds.length) {
      promises.push({
        deliveryId: d.id,
        pickedAt,
        roadKm: km,
        latestArrival: latest,
        kept: false,
        reason: "routing.unassigned.notCollected",
      });
      continue;
    }
    promises.push({ deliveryId: d.id, pickedAt, roadKm: km, latestArrival: latest, kept: false });
    legTwo.push({
      id: d.id,
      kind: "delivery",
      place: d.place,
      load: d.load,
      serviceMinutes: d.serviceMinutes,
      window: d.window,
      latestArrival: latest,
      releaseAt: release,
    });
  }
  const deliveries = solve(
    { vehicles: day.deliveryVehicles, jobs: legTwo, travel: day.travel },
    { ...options, seconds: options.deliverySeconds ?? options.seconds },
  );
  const served = new Map<string, number>();
  for (const r of deliveries.routes) for (const s of r.stops) served.set(s.jobId, s.start);
  const why = new Map(deliveries.unassigned.map((u) => [u.jobId, u.reason]));
  for (const p of promises) {
    if (p.reason) continue;
    const at = served.get(p.deliveryId);
    if (at === undefined) p.reason = why.get(p.deliveryId);
    else {
      p.deliveredAt = at;
      p.kept = at <= p.latestArrival + 1e-9;
    }
  }
  return { pickups, deliveries, promises, deliveryJobs: legTwo, pickupJobs: legOne };
}
