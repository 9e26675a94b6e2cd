// The routing model: vehicles, jobs, places and the travel function, as the
// cooperative describes a day. Times are minutes (for a real day: minutes since
// midnight, local time); loads are boxes and kilograms. No framework imports here.
import type { RoutingErrorCode } from "./messages";

/** Where a stop is. Geographic places (lat/lng) for Vietnam, plane points (x/y) for benchmarks. */
export interface Place {
  id: string;
  lat?: number;
  lng?: number;
  x?: number;
  y?: number;
  /** Area (commune) key for the detour and speed table; unknown or missing uses the default row. */
  area?: string;
}

export interface Load {
  boxes: number;
  kg: number;
}

export type SpeedProfile = "motorbike" | "truck";
export const SPEED_PROFILES: readonly SpeedProfile[] = ["motorbike", "truck"];

export interface Vehicle {
  id: string;
  profile: SpeedProfile;
  capacity: Load;
  start: Place;
  end: Place;
  /** Shift hours: leaves the start no earlier than `start`, back at the end no later than `end`. */
  shift: { start: number; end: number };
  /** Cost of using this vehicle at all (same unit as distance). 0 = distance only. */
  fixedCost?: number;
}

export type JobKind = "pickup" | "delivery";

export interface Job {
  id: string;
  kind: JobKind;
  place: Place;
  load: Load;
  serviceMinutes: number;
  /** Service must START within [start, end] (Solomon's convention: ready time, due date). */
  window: { start: number; end: number };
  /** Latest start of service allowed by the freshness promise (see freshness.ts); tighter of the two wins. */
  latestArrival?: number;
  /**
   * The vehicle may not leave its start before this (a delivery's boxes reach the
   * collection point then). The route's departure is the latest release on board.
   */
  releaseAt?: number;
}

/**
 * Travel between two places. `distance` is what the objective minimises (km, or plane
 * units for Solomon); `minutes` is the driving time for a speed profile. Injectable:
 * Euclidean for Solomon, haversine x detour x speed table for Vietnam (travel.ts).
 */
export interface TravelModel {
  distance(from: Place, to: Place): number;
  minutes(from: Place, to: Place, profile: SpeedProfile): number;
}

export interface RoutingProblem {
  vehicles: Vehicle[];
  jobs: Job[];
  travel: TravelModel;
}

export interface SolveOptions {
  /** Seed of the PRNG; the same seed and the same iteration budget give the same routes. */
  seed?: number;
  /** Wall-clock budget for the search. */
  seconds?: number;
  /** Iteration budget; when given, the cooling schedule follows iterations, so runs are reproducible. */
  iterations?: number;
  /**
   * "distance": least total distance with the fleet given (Solomon's distance-only table).
   * "vehicles": fewest vehicles first, then distance (SINTEF's table); adds a large fixed cost per route.
   */
  objective?: "distance" | "vehicles";
}

export type UnassignedReason =
  | "routing.unassigned.capacity" // heavier than any vehicle can carry
  | "routing.unassigned.window" // no vehicle can reach it inside its window and get back within the shift
  | "routing.unassigned.promise" // the freshness promise ends before the window opens, or cannot be kept
  | "routing.unassigned.fleet"; // servable alone, but the vehicles given are full

export interface PlannedStop {
  jobId: string;
  kind: JobKind;
  arrival: number;
  /** Start of service (arrival plus any wait for the window). */
  start: number;
  departure: number;
  /** Load on board after the stop (pick-ups add, deliveries drop). */
  onBoard: Load;
}

export interface PlannedRoute {
  vehicleId: string;
  stops: PlannedStop[];
  departure: number;
  returnAt: number;
  distance: number;
  load: Load;
}

export interface RoutingResult {
  routes: PlannedRoute[];
  unassigned: { jobId: string; reason: UnassignedReason }[];
  distance: number;
  vehicles: number;
  iterations: number;
  elapsedMs: number;
}

export class RoutingInputError extends Error {
  constructor(
    readonly code: RoutingErrorCode,
    readonly subject: string,
    detail: string,
  ) {
    super(`${code}: ${subject}: ${detail}`);
    this.name = "RoutingInputError";
  }
}

function hasCoordinates(p: Place): boolean {
  const geo = Number.isFinite(p.lat) && Number.isFinite(p.lng);
  const plane = Number.isFinite(p.x) && Number.isFinite(p.y);
  return geo || plane;
}

function checkPlace(p: Place | undefined, subject: string) {
  if (!p || !hasCoordinates(p)) {
    throw new RoutingInputError(
      "routing.error.placeNoCoordinates",
      subject,
      "place has no coordinates",
    );
  }
  if (p.lat !== undefined && (Math.abs(p.lat) > 90 || Math.abs(p.lng ?? 0) > 180)) {
    throw new RoutingInputError(
      "routing.error.placeNoCoordinates",
      subject,
      "coordinates out of range",
    );
  }
}

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

/** Refuses input the solver must not guess about. Throws RoutingInputError with a translatable code. */
export function validateProblem(problem: RoutingProblem): void {
  const seen = new Set<string>();
  if (!problem.vehicles.length)
    throw new RoutingInputError("routing.error.noVehicles", "-", "no vehicles");
  for (const v of problem.vehicles) {
    if (seen.has(`v:${v.id}`))
      throw new RoutingInputError("routing.error.duplicateId", v.id, "vehicle id used twice");
    seen.add(`v:${v.id}`);
    if (!SPEED_PROFILES.includes(v.profile)) {
      throw new RoutingInputError(
        "routing.error.unknownProfile",
        v.id,
        `unknown speed profile ${String(v.profile)}`,
      );
    }
    if (
      !finite(v.capacity?.boxes) ||
      !finite(v.capacity?.kg) ||
      v.capacity.boxes <= 0 ||
      v.capacity.kg <= 0
    ) {
      throw new RoutingInputError(
        "routing.error.zeroCapacity",
        v.id,
        "capacity must be above zero in boxes and kg",
      );
    }
    if (!finite(v.shift?.start) || !finite(v.shift?.end) || v.shift.end <= v.shift.start) {
      throw new RoutingInputError(
        "routing.error.shiftEndsBeforeStart",
        v.id,
        "shift must end after it starts",
      );
    }
    if (v.fixedCost !== undefined && (!finite(v.fixedCost) || v.fixedCost < 0)) {
      throw new RoutingInputError(
        "routing.error.badNumber",
        v.id,
        "fixed cost must be zero or more",
      );
    }
    checkPlace(v.start, v.id);
    checkPlace(v.end, v.id);
  }
  for (const j of problem.jobs) {
    if (seen.has(`j:${j.id}`))
      throw new RoutingInputError("routing.error.duplicateId", j.id, "job id used twice");
    seen.add(`j:${j.id}`);
    if (j.kind !== "pickup" && j.kind !== "delivery") {
      throw new RoutingInputError(
        "routing.error.badNumber",
        j.id,
        "job kind must be pickup or delivery",
      );
    }
    if (!finite(j.window?.start) || !finite(j.window?.end) || j.window.end < j.window.start) {
      throw new RoutingInputError("routing.error.emptyWindow", j.id, "time window is empty");
    }
    if (!finite(j.load?.boxes) || !finite(j.load?.kg) || j.load.boxes < 0 || j.load.kg < 0) {
      throw new RoutingInputError("routing.error.badNumber", j.id, "load must be zero or more");
    }
    if (!finite(j.serviceMinutes) || j.serviceMinutes < 0) {
      throw new RoutingInputError(
        "routing.error.badNumber",
        j.id,
        "service minutes must be zero or more",
      );
    }
    if (j.releaseAt !== undefined && !finite(j.releaseAt)) {
      throw new RoutingInputError("routing.error.badNumber", j.id, "release time must be a number");
    }
    if (j.latestArrival !== undefined && !finite(j.latestArrival)) {
      throw new RoutingInputError(
        "routing.error.badNumber",
        j.id,
        "latest arrival must be a number",
      );
    }
    checkPlace(j.place, j.id);
  }
}
