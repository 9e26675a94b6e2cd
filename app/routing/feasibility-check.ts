// An independent checker for routes, used by the tests and the bench only. It shares no
// code with the solver: it re-reads Solomon files with its own split, recomputes every
// time and distance from the coordinates (or the problem's travel function), and says
// what is wrong in plain words. Empty list = feasible.
import type { RoutingProblem, RoutingResult } from "./model";

export interface SolomonCheck {
  problems: string[];
  distance: number;
  vehicles: number;
}

/** Checks Solomon routes (customer numbers) against the raw instance text. */
export function checkSolomonRoutes(
  text: string,
  routes: number[][],
  claimedDistance?: number,
): SolomonCheck {
  const problems: string[] = [];
  const lines = text.split("\n");
  const fleetAt = lines.findIndex((l) => l.includes("NUMBER") && l.includes("CAPACITY"));
  const [maxVehicles, capacity] = lines[fleetAt + 1].trim().split(/\s+/).map(Number);
  const cust = new Map<number, number[]>();
  for (const l of lines) {
    const f = l.trim().split(/\s+/);
    if (f.length === 7 && f.every((x) => x !== "" && !Number.isNaN(Number(x))))
      cust.set(Number(f[0]), f.map(Number));
  }
  const depot = cust.get(0) as number[];
  const d = (a: number[], b: number[]) =>
    Math.sqrt((a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
  const visited = new Map<number, number>();
  let total = 0;
  const used = routes.filter((r) => r.length > 0);
  if (used.length > maxVehicles)
    problems.push(`${used.length} routes but only ${maxVehicles} vehicles`);
  used.forEach((route, ri) => {
    let t = depot[4];
    let at = depot;
    let load = 0;
    for (const no of route) {
      const c = cust.get(no);
      if (!c || no === 0) {
        problems.push(`route ${ri}: unknown customer ${no}`);
        continue;
      }
      visited.set(no, (visited.get(no) ?? 0) + 1);
      const arrival = t + d(at, c);
      total += d(at, c);
      const start = Math.max(arrival, c[4]);
      if (start > c[5] + 1e-6)
        problems.push(
          `route ${ri}: customer ${no} starts at ${start.toFixed(3)} after its due date ${c[5]}`,
        );
      t = start + c[6];
      load += c[3];
      at = c;
    }
    total += d(at, depot);
    const back = t + d(at, depot);
    if (back > depot[5] + 1e-6)
      problems.push(`route ${ri}: back at the depot at ${back.toFixed(3)} after ${depot[5]}`);
    if (load > capacity) problems.push(`route ${ri}: load ${load} over capacity ${capacity}`);
  });
  for (const no of cust.keys()) {
    if (no === 0) continue;
    const n = visited.get(no) ?? 0;
    if (n !== 1) problems.push(`customer ${no} visited ${n} times`);
  }
  if (
    claimedDistance !== undefined &&
    Math.abs(claimedDistance - total) > 1e-6 * Math.max(1, total)
  ) {
    problems.push(`claimed distance ${claimedDistance} but the routes measure ${total}`);
  }
  return { problems, distance: total, vehicles: used.length };
}

/** Checks a RoutingResult against its problem, recomputing from the travel function itself. */
export function checkResult(problem: RoutingProblem, result: RoutingResult): string[] {
  const problems: string[] = [];
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Map<string, number>();
  const usedVehicles = new Set<string>();
  let total = 0;
  for (const route of result.routes) {
    const v = vehicles.get(route.vehicleId);
    if (!v) {
      problems.push(`unknown vehicle ${route.vehicleId}`);
      continue;
    }
    if (usedVehicles.has(v.id)) problems.push(`vehicle ${v.id} has two routes`);
    usedVehicles.add(v.id);
    // leaves at the shift start, or when the last of its boxes is released
    let t = v.shift.start;
    for (const stop of route.stops) t = Math.max(t, jobs.get(stop.jobId)?.releaseAt ?? -Infinity);
    if (Math.abs(t - route.departure) > 1e-6)
      problems.push(`${v.id}: reported departure ${route.departure}, recomputed ${t}`);
    let at = v.start;
    let boxes = 0;
    let kg = 0;
    let km = 0;
    for (const stop of route.stops) {
      const j = jobs.get(stop.jobId);
      if (!j) {
        problems.push(`unknown job ${stop.jobId}`);
        continue;
      }
      seen.set(j.id, (seen.get(j.id) ?? 0) + 1);
      const arrival = t + problem.travel.minutes(at, j.place, v.profile);
      km += problem.travel.distance(at, j.place);
      const start = Math.max(arrival, j.window.start);
      const due = Math.min(j.window.end, j.latestArrival ?? Infinity);
      if (start > due + 1e-6)
        problems.push(`${v.id}: ${j.id} served at ${start.toFixed(2)}, due ${due.toFixed(2)}`);
      if (Math.abs(start - stop.start) > 1e-6)
        problems.push(`${v.id}: ${j.id} reported start ${stop.start}, recomputed ${start}`);
      t = start + j.serviceMinutes;
      boxes += j.load.boxes;
      kg += j.load.kg;
      at = j.place;
    }
    const back = t + problem.travel.minutes(at, v.end, v.profile);
    km += problem.travel.distance(at, v.end);
    if (back > v.shift.end + 1e-6)
      problems.push(`${v.id}: back at ${back.toFixed(2)}, shift ends ${v.shift.end}`);
    if (boxes > v.capacity.boxes + 1e-9)
      problems.push(`${v.id}: ${boxes} boxes over capacity ${v.capacity.boxes}`);
    if (kg > v.capacity.kg + 1e-9)
      problems.push(`${v.id}: ${kg} kg over capacity ${v.capacity.kg}`);
    if (Math.abs(km - route.distance) > 1e-6 * Math.max(1, km))
      problems.push(`${v.id}: distance ${route.distance} but measures ${km}`);
    total += km;
  }
  const unassigned = new Set<string>();
  for (const u of result.unassigned) {
    if (!u.reason || !u.reason.startsWith("routing.unassigned."))
      problems.push(`${u.jobId} unassigned without a reason`);
    if (unassigned.has(u.jobId)) problems.push(`${u.jobId} reported unassigned twice`);
    unassigned.add(u.jobId);
  }
  for (const j of problem.jobs) {
    const n = seen.get(j.id) ?? 0;
    if (n > 1) problems.push(`${j.id} served ${n} times`);
    if (n === 1 && unassigned.has(j.id)) problems.push(`${j.id} both served and unassigned`);
    if (n === 0 && !unassigned.has(j.id))
      problems.push(`${j.id} neither served nor reported unassigned`);
  }
  if (Math.abs(total - result.distance) > 1e-6 * Math.max(1, total))
    problems.push(`total distance ${result.distance} but measures ${total}`);
  return problems;
}
