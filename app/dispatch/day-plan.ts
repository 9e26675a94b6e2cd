// A campaign day as the routing module sees it, and back: the cooperative's vehicles
// cut into trips, the day's picks and deliveries, which picks' boxes make up which
// delivery, and the two legs solved with app/routing (households -> collection point,
// then collection point -> buyers). Plain TypeScript, no database: plan.server.ts reads
// the day and writes the runs.
//
// Why not planHarvestDay as it is: a re-plan starts from a day under way - some picks
// are already on a vehicle or back at the collection point (their boxes count, with
// the time they were picked), some vehicles are busy until their current run ends.
// This composes the same pieces (pickupJobs, solve, latestArrival) with those two
// facts; with nothing collected and nobody busy it is planHarvestDay's two legs.
import { latestArrival } from "~/routing/freshness";
import { pickupJobs, type DeliveryReason, type HarvestDay } from "~/routing/harvest-day";
import type {
  Job,
  Place,
  PlannedRoute,
  RoutingResult,
  TravelModel,
  Vehicle,
} from "~/routing/model";
import { solve } from "~/routing/solver";

export type VehicleKind = "MOTORBIKE" | "TRUCK";

export interface DayVehicle {
  id: string;
  kind: VehicleKind;
  capacityUnits: number;
  capacityKg: number;
  /** minutes since local midnight */
  shiftStart: number;
  shiftEnd: number;
}

export interface DayPick {
  id: string;
  place: Place;
  /** minutes: when the household will have the boxes ready */
  readyAt: number;
  units: number;
  kg: number;
}

export interface DayDelivery {
  /** the pre-order */
  id: string;
  place: Place;
  window: { start: number; end: number };
  units: number;
  kg: number;
  serviceMinutes: number;
  /** on a run kept as it is (re-plan): counts for the boxes, not planned again */
  kept?: boolean;
}

export interface DayInput {
  depot: Place;
  vehicles: DayVehicle[];
  picks: DayPick[];
  deliveries: DayDelivery[];
  /** picks already collected or on a kept run: when picked, when their boxes are back */
  collected: Map<string, { pickedAt: number; back: number }>;
  /** kept runs: the vehicle is not free between these minutes */
  busy: { vehicleId: string; from: number; until: number }[];
  /** re-plan: nothing new starts before this minute */
  from: number;
  travel: TravelModel;
  handlingMinutes: number;
  pickLeadMinutes: number;
  seed: number;
  seconds: number;
  iterations?: number;
}

export interface TripRun {
  vehicleId: string;
  leg: "PICKUP" | "DELIVERY";
  route: PlannedRoute;
}

export interface DayOutcome {
  runs: TripRun[];
  /** deliveries on no run, with the routing reason (never placed late) */
  unassigned: { id: string; reason: DeliveryReason }[];
  /** per planned delivery: when its fruit was picked and the latest arrival it keeps */
  promises: Map<string, { pickedAt: number; latestArrival: number; pickIds: string[] }>;
  pickups: RoutingResult | null;
  deliveries: RoutingResult | null;
  elapsedMs: number;
}

/** Short collection trips keep the fruit fresh; delivery waves follow them. */
export const COLLECT_TRIP_MINUTES = 150;
export const DELIVERY_WAVE_MINUTES = 240;
const SHORTEST_TRIP = 30;
export const PICKUP_SERVICE_MINUTES = 5;
/** How long a household waits with its boxes after the time it said they are ready. */
export const PICK_WAIT_MINUTES = 240;

/** "05:30" -> 330; null when it is not HH:MM. */
export function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Cuts [start, end] into trips of `length`; a short remainder joins the last trip. */
export function trips(start: number, end: number, length: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = start; s < end; s += length) out.push([s, Math.min(end, s + length)]);
  if (out.length > 1 && out[out.length - 1][1] - out[out.length - 1][0] < length / 2) {
    const last = out.pop()!;
    out[out.length - 1][1] = last[1];
  }
  return out;
}

/**
 * Which vehicles collect and which deliver: motorbikes go up the hill roads to the
 * farms, trucks carry to buyers. A fleet of one kind does both, collecting in the first
 * half of the shift and delivering in the second.
 */
export function tripsOf(vehicles: DayVehicle[], depot: Place) {
  const bikes = vehicles.filter((v) => v.kind === "MOTORBIKE");
  const trucks = vehicles.filter((v) => v.kind === "TRUCK");
  const both = !bikes.length || !trucks.length;
  const make = (v: DayVehicle, leg: "c" | "d", [s, e]: [number, number], i: number): Vehicle => ({
    id: `${v.id}#${leg}${i + 1}`,
    profile: v.kind === "MOTORBIKE" ? "motorbike" : "truck",
    capacity: { boxes: v.capacityUnits, kg: v.capacityKg },
    start: depot,
    end: depot,
    shift: { start: s, end: e },
  });
  const collect: Vehicle[] = [];
  const deliver: Vehicle[] = [];
  for (const v of vehicles) {
    const mid = both ? Math.round((v.shiftStart + v.shiftEnd) / 2) : v.shiftEnd;
    if (both || v.kind === "MOTORBIKE")
      trips(v.shiftStart, mid, COLLECT_TRIP_MINUTES).forEach((t, i) =>
        collect.push(make(v, "c", t, i)),
      );
    if (both || v.kind === "TRUCK")
      trips(both ? mid : v.shiftStart, v.shiftEnd, DELIVERY_WAVE_MINUTES).forEach((t, i) =>
        deliver.push(make(v, "d", t, i)),
      );
  }
  return { collect, deliver };
}

export const vehicleOfTrip = (tripId: string) => tripId.slice(0, tripId.lastIndexOf("#"));

/** Trips clipped to what is still free: not before `from`, not while a kept run is out. */
function available(trips: Vehicle[], input: DayInput): Vehicle[] {
  const out: Vehicle[] = [];
  for (const t of trips) {
    let start = Math.max(t.shift.start, input.from);
    for (const b of input.busy) {
      if (b.vehicleId !== vehicleOfTrip(t.id)) continue;
      if (b.from < t.shift.end && b.until > start) start = Math.max(start, b.until);
    }
    if (t.shift.end - start >= SHORTEST_TRIP)
      out.push({ ...t, shift: { start, end: t.shift.end } });
  }
  return out;
}

/**
 * Which picks' boxes make up each delivery, once leg 1 is known: boxes in the order they
 * are back at the collection point, buyers farthest first (they need the longest drive
 * inside the promise, so they take the first boxes back); ids break ties. Each buyer
 * takes whole boxes from the next pick with boxes left; a buyer the day's boxes cannot
 * cover is reported not collected.
 */
export function boxesFor(
  picks: { id: string; units: number; back: number }[],
  deliveries: { id: string; units: number; km: number }[],
) {
  const order = [...picks].sort((a, b) => a.back - b.back || (a.id < b.id ? -1 : 1));
  const left = order.map((p) => p.units);
  const out = new Map<string, { pickIds: string[]; short: boolean }>();
  let i = 0;
  const farFirst = [...deliveries].sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : 1));
  for (const d of farFirst) {
    let need = d.units;
    const ids: string[] = [];
    while (need > 0 && i < order.length) {
      const take = Math.min(need, left[i]);
      if (take > 0) {
        ids.push(order[i].id);
        need -= take;
        left[i] -= take;
      }
      if (left[i] === 0) i++;
    }
    out.set(d.id, { pickIds: ids, short: need > 0 });
  }
  return out;
}

function solveLeg(vehicles: Vehicle[], jobs: Job[], input: DayInput, seconds: number) {
  if (!jobs.length) return null;
  if (!vehicles.length)
    return {
      routes: [],
      unassigned: jobs.map((j) => ({ jobId: j.id, reason: "routing.unassigned.fleet" as const })),
      distance: 0,
      vehicles: 0,
      iterations: 0,
      elapsedMs: 0,
    } satisfies RoutingResult;
  return solve(
    { vehicles, jobs, travel: input.travel },
    { seed: input.seed, seconds, iterations: input.iterations },
  );
}

export function planDayLegs(input: DayInput): DayOutcome {
  const began = performance.now();
  const { collect, deliver } = tripsOf(input.vehicles, input.depot);
  const picksById = new Map(input.picks.map((p) => [p.id, p]));
  const open = input.deliveries.filter((d) => !d.kept);
  const toCollect = input.picks.filter((p) => !input.collected.has(p.id) && p.units > 0);

  // Leg 1: what is still on the farms (the buyer windows of the day are wide, so
  // pickupJobs has nothing to narrow before boxes are matched to buyers).
  const collectVehicles = available(collect, input);
  const day: HarvestDay = {
    collectionPoint: input.depot,
    pickupVehicles: collectVehicles,
    deliveryVehicles: deliver.length ? deliver : collect,
    picks: toCollect.map((p) => ({
      id: p.id,
      place: p.place,
      window: {
        start: Math.max(p.readyAt, input.from),
        end: Math.max(p.readyAt, input.from) + PICK_WAIT_MINUTES,
      },
      load: { boxes: p.units, kg: p.kg },
      serviceMinutes: PICKUP_SERVICE_MINUTES,
    })),
    deliveries: [],
    travel: input.travel,
    handlingMinutes: input.handlingMinutes,
    pickLeadMinutes: input.pickLeadMinutes,
  };
  const pickups = solveLeg(collectVehicles, pickupJobs(day), input, input.seconds / 2);
  const collected = new Map(input.collected);
  for (const r of pickups?.routes ?? [])
    for (const s of r.stops)
      collected.set(s.jobId, { pickedAt: s.start - input.pickLeadMinutes, back: r.returnAt });
  const km = (place: Place) => input.travel.distance(input.depot, place);
  // boxes already handed over on kept runs are matched first, so they are not counted twice
  const boxes = boxesFor(
    input.picks.map((p) => ({
      id: p.id,
      units: p.units,
      back: collected.get(p.id)?.back ?? Infinity,
    })),
    input.deliveries.map((d) => ({
      id: d.id,
      units: d.units,
      km: d.kept ? Infinity : km(d.place),
    })),
  );

  // Leg 2: a delivery leaves once all its boxes are back and sorted, and arrives
  // within the promise counted from the earliest picking among them.
  const unassigned: DayOutcome["unassigned"] = [];
  const promises: DayOutcome["promises"] = new Map();
  const legTwoJobs: Job[] = [];
  for (const d of open) {
    const b = boxes.get(d.id);
    if (!b || b.short || !b.pickIds.length) {
      unassigned.push({ id: d.id, reason: "routing.unassigned.notCollected" });
      continue;
    }
    let release = input.from;
    let latest = Infinity;
    let pickedAt = -Infinity;
    let missing = false;
    for (const id of b.pickIds) {
      const c = collected.get(id);
      const pick = picksById.get(id);
      if (!c || !pick) {
        missing = true;
        break;
      }
      const km =
        input.travel.distance(pick.place, input.depot) +
        input.travel.distance(input.depot, d.place);
      release = Math.max(release, c.back + input.handlingMinutes);
      latest = Math.min(latest, latestArrival(c.pickedAt, km));
      pickedAt = Math.max(pickedAt, c.pickedAt);
    }
    if (missing) {
      unassigned.push({ id: d.id, reason: "routing.unassigned.notCollected" });
      continue;
    }
    promises.set(d.id, { pickedAt, latestArrival: latest, pickIds: b.pickIds });
    legTwoJobs.push({
      id: d.id,
      kind: "delivery",
      place: d.place,
      load: { boxes: d.units, kg: d.kg },
      serviceMinutes: d.serviceMinutes,
      window: d.window,
      latestArrival: latest,
      releaseAt: release,
    });
  }
  const deliveries = solveLeg(available(deliver, input), legTwoJobs, input, input.seconds / 2);
  for (const u of deliveries?.unassigned ?? []) {
    unassigned.push({ id: u.jobId, reason: u.reason });
    promises.delete(u.jobId);
  }
  const runs: TripRun[] = [
    ...(pickups?.routes ?? []).map((route) => ({
      vehicleId: vehicleOfTrip(route.vehicleId),
      leg: "PICKUP" as const,
      route,
    })),
    ...(deliveries?.routes ?? []).map((route) => ({
      vehicleId: vehicleOfTrip(route.vehicleId),
      leg: "DELIVERY" as const,
      route,
    })),
  ].sort((a, b) => a.route.departure - b.route.departure || (a.vehicleId < b.vehicleId ? -1 : 1));
  return {
    runs,
    unassigned,
    promises,
    pickups,
    deliveries,
    elapsedMs: performance.now() - began,
  };
}
