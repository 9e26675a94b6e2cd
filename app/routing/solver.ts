// VRPTW solver: cheapest insertion for starting routes, then SISR ruin-and-recreate
// (Christiaens & Vanden Berghe 2020: adjacent string removal, greedy insertion with
// blinks) under simulated annealing, then a local-search descent (relocate, or-opt,
// swap, 2-opt*) on the best routes. Why and how: docs/decisions/0047-routing-solver.md.
//
// Every time window, capacity and shift is hard: a move is applied only if it keeps all
// of them. Feasibility of an insertion is O(1) from two arrays per route: E (earliest
// start of service, forward) and L (latest start of service that keeps the rest of the
// route on time, backward).
import {
  validateProblem,
  type Job,
  type PlannedRoute,
  type PlannedStop,
  type RoutingProblem,
  type RoutingResult,
  type SolveOptions,
  type UnassignedReason,
  type Place,
  SPEED_PROFILES,
} from "./model";

// ---------------------------------------------------------------- compiled problem

export interface Compiled {
  nJobs: number;
  nVeh: number;
  nLoc: number;
  jobLoc: Int32Array;
  ready: Float64Array;
  due: Float64Array;
  /** the window's own end, before the freshness promise tightened it */
  windowEnd: Float64Array;
  /** earliest departure of the vehicle carrying this job (boxes reach the start then); -Infinity if none */
  release: Float64Array;
  service: Float64Array;
  boxes: Float64Array;
  kg: Float64Array;
  vStart: Int32Array;
  vEnd: Int32Array;
  shiftStart: Float64Array;
  shiftEnd: Float64Array;
  capBoxes: Float64Array;
  capKg: Float64Array;
  fixed: Float64Array;
  /** Vehicles with identical start, end, shift, capacity, profile and cost share a class: one empty route of a class is enough to try. */
  vClass: Int32Array;
  /** time matrix per vehicle (shared between vehicles of one profile) */
  vTime: Float64Array[];
  dist: Float64Array;
  /** for each job, all jobs by increasing distance (itself first) */
  neighbors: Int32Array;
  /** distance of each job from the first vehicle's start (for the insertion orders) */
  depotDist: Float64Array;
}

function placeKey(p: Place) {
  return `${p.id}|${p.lat}|${p.lng}|${p.x}|${p.y}|${p.area ?? ""}`;
}

export function compile(
  problem: RoutingProblem,
  objective: "distance" | "vehicles" = "distance",
): Compiled {
  const { vehicles, jobs, travel } = problem;
  const places: Place[] = [];
  const index = new Map<string, number>();
  const loc = (p: Place) => {
    const k = placeKey(p);
    let i = index.get(k);
    if (i === undefined) {
      i = places.length;
      places.push(p);
      index.set(k, i);
    }
    return i;
  };
  const nJobs = jobs.length;
  const nVeh = vehicles.length;
  const jobLoc = new Int32Array(nJobs);
  const ready = new Float64Array(nJobs);
  const due = new Float64Array(nJobs);
  const release = new Float64Array(nJobs);
  const windowEnd = new Float64Array(nJobs);
  const service = new Float64Array(nJobs);
  const boxes = new Float64Array(nJobs);
  const kg = new Float64Array(nJobs);
  jobs.forEach((j, i) => {
    jobLoc[i] = loc(j.place);
    ready[i] = j.window.start;
    due[i] = Math.min(j.window.end, j.latestArrival ?? Infinity);
    release[i] = j.releaseAt ?? -Infinity;
    windowEnd[i] = j.window.end;
    service[i] = j.serviceMinutes;
    boxes[i] = j.load.boxes;
    kg[i] = j.load.kg;
  });
  const vStart = new Int32Array(nVeh);
  const vEnd = new Int32Array(nVeh);
  const shiftStart = new Float64Array(nVeh);
  const shiftEnd = new Float64Array(nVeh);
  const capBoxes = new Float64Array(nVeh);
  const capKg = new Float64Array(nVeh);
  const fixed = new Float64Array(nVeh);
  const vClass = new Int32Array(nVeh);
  const classes = new Map<string, number>();
  vehicles.forEach((v, i) => {
    vStart[i] = loc(v.start);
    vEnd[i] = loc(v.end);
    shiftStart[i] = v.shift.start;
    shiftEnd[i] = v.shift.end;
    capBoxes[i] = v.capacity.boxes;
    capKg[i] = v.capacity.kg;
    fixed[i] = v.fixedCost ?? 0;
    const key = [
      vStart[i],
      vEnd[i],
      v.shift.start,
      v.shift.end,
      v.capacity.boxes,
      v.capacity.kg,
      v.profile,
      fixed[i],
    ].join("|");
    if (!classes.has(key)) classes.set(key, classes.size);
    vClass[i] = classes.get(key) as number;
  });
  const nLoc = places.length;
  const dist = new Float64Array(nLoc * nLoc);
  let maxArc = 0;
  for (let a = 0; a < nLoc; a++)
    for (let b = 0; b < nLoc; b++) {
      const d = a === b ? 0 : travel.distance(places[a], places[b]);
      dist[a * nLoc + b] = d;
      if (d > maxArc) maxArc = d;
    }
  const byProfile = new Map<string, Float64Array>();
  for (const profile of SPEED_PROFILES) {
    if (!vehicles.some((v) => v.profile === profile)) continue;
    const m = new Float64Array(nLoc * nLoc);
    for (let a = 0; a < nLoc; a++)
      for (let b = 0; b < nLoc; b++)
        m[a * nLoc + b] = a === b ? 0 : travel.minutes(places[a], places[b], profile);
    byProfile.set(profile, m);
  }
  const vTime = vehicles.map((v) => byProfile.get(v.profile) as Float64Array);
  if (objective === "vehicles") {
    // Fewest vehicles first: a route must cost more than any distance it could save.
    for (let i = 0; i < nVeh; i++) fixed[i] += 2 * maxArc * Math.max(1, nJobs);
  }
  const neighbors = new Int32Array(nJobs * nJobs);
  const order = Array.from({ length: nJobs }, (_, i) => i);
  for (let i = 0; i < nJobs; i++) {
    const li = jobLoc[i] * nLoc;
    const sorted = order
      .slice()
      .sort((a, b) =>
        a === i ? -1 : b === i ? 1 : dist[li + jobLoc[a]] - dist[li + jobLoc[b]] || a - b,
      );
    neighbors.set(sorted, i * nJobs);
  }
  const depotDist = new Float64Array(nJobs);
  for (let i = 0; i < nJobs; i++) depotDist[i] = nVeh ? dist[vStart[0] * nLoc + jobLoc[i]] : 0;
  return {
    nJobs,
    nVeh,
    nLoc,
    jobLoc,
    ready,
    due,
    windowEnd,
    release,
    service,
    boxes,
    kg,
    vStart,
    vEnd,
    shiftStart,
    shiftEnd,
    capBoxes,
    capKg,
    fixed,
    vClass,
    vTime,
    dist,
    neighbors,
    depotDist,
  };
}

// ---------------------------------------------------------------- PRNG

/** mulberry32: small, fast, good enough for a search; same seed, same sequence. */
export function prng(seed: number) {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- routes

interface Route {
  v: number;
  jobs: number[];
  /** departure from the start: the shift start, or later if a job's boxes are released later */
  dep: number;
  /** earliest start of service at each position */
  E: number[];
  /** latest start of service at each position that keeps the rest feasible */
  L: number[];
  boxes: number;
  kg: number;
  dist: number;
  /** dist + fixed cost if used */
  cost: number;
  /**
   * All windows and the shift hold. Removing a stop can break a route when travel times
   * are not metric (area detours and speeds: a -> c direct may be slower than via b).
   */
  ok: boolean;
  /** iteration stamp of the copy; a route is mutated only by the iteration that copied it */
  stamp: number;
}

const EPS = 1e-9;

function refresh(c: Compiled, r: Route) {
  const { jobs } = r;
  const m = jobs.length;
  const T = c.vTime[r.v];
  const D = c.dist;
  const n = c.nLoc;
  // rebuilt by push so the arrays stay packed doubles
  const E = r.E;
  const L = r.L;
  E.length = 0;
  L.length = 0;
  let prev = c.vStart[r.v];
  let t = c.shiftStart[r.v];
  for (let i = 0; i < m; i++) if (c.release[jobs[i]] > t) t = c.release[jobs[i]];
  r.dep = t;
  let d = 0;
  let boxes = 0;
  let kg = 0;
  let ok = true;
  for (let i = 0; i < m; i++) {
    const j = jobs[i];
    const l = c.jobLoc[j];
    const arr = t + T[prev * n + l];
    const st = arr > c.ready[j] ? arr : c.ready[j];
    if (st > c.due[j] + EPS) ok = false;
    E.push(st);
    L.push(0);
    t = st + c.service[j];
    d += D[prev * n + l];
    boxes += c.boxes[j];
    kg += c.kg[j];
    prev = l;
  }
  d += D[prev * n + c.vEnd[r.v]];
  if (t + T[prev * n + c.vEnd[r.v]] > c.shiftEnd[r.v] + EPS) ok = false;
  r.ok = ok || m === 0; // an unused vehicle drives nowhere
  let next = c.vEnd[r.v];
  let lat = c.shiftEnd[r.v];
  for (let i = m - 1; i >= 0; i--) {
    const j = jobs[i];
    const l = c.jobLoc[j];
    const x = lat - T[l * n + next] - c.service[j];
    lat = x < c.due[j] ? x : c.due[j];
    L[i] = lat;
    next = l;
  }
  r.boxes = boxes;
  r.kg = kg;
  r.dist = d;
  r.cost = m ? d + c.fixed[r.v] : 0;
}

/** departure time from position p-1 (p = 0: the start) */
function depBefore(c: Compiled, r: Route, p: number): number {
  return p === 0 ? r.dep : r.E[p - 1] + c.service[r.jobs[p - 1]];
}
function locBefore(c: Compiled, r: Route, p: number): number {
  return p === 0 ? c.vStart[r.v] : c.jobLoc[r.jobs[p - 1]];
}
/** location and latest start at position p (p = m: the end) */
function locAt(c: Compiled, r: Route, p: number): number {
  return p === r.jobs.length ? c.vEnd[r.v] : c.jobLoc[r.jobs[p]];
}
function latestAt(c: Compiled, r: Route, p: number): number {
  return p === r.jobs.length ? c.shiftEnd[r.v] : r.L[p];
}

/**
 * Is the chain seq[a..b) (jobs in order, not in r) feasible between position p-1 and
 * position q of r (r.jobs[p..q) dropped)? Returns the distance of the new arcs minus the
 * dropped ones, or NaN when infeasible. O(length of the chain).
 */
function chainDelta(
  c: Compiled,
  r: Route,
  p: number,
  q: number,
  seq: number[],
  a: number,
  b: number,
  reverse = false,
): number {
  const T = c.vTime[r.v];
  const D = c.dist;
  const n = c.nLoc;
  let t = depBefore(c, r, p);
  let prev = locBefore(c, r, p);
  const first = prev;
  let d = 0;
  for (let k = a; k < b; k++) {
    const j = reverse ? seq[b - 1 - (k - a)] : seq[k];
    const l = c.jobLoc[j];
    const arr = t + T[prev * n + l];
    const st = arr > c.ready[j] ? arr : c.ready[j];
    if (st > c.due[j] + EPS) return NaN;
    t = st + c.service[j];
    d += D[prev * n + l];
    prev = l;
  }
  const nl = locAt(c, r, q);
  if (t + T[prev * n + nl] > latestAt(c, r, q) + EPS) return NaN;
  d += D[prev * n + nl];
  // distance removed: arcs from p-1 through q
  let removed = 0;
  let x = first;
  for (let k = p; k < q; k++) {
    const l = c.jobLoc[r.jobs[k]];
    removed += D[x * n + l];
    x = l;
  }
  removed += D[x * n + nl];
  return d - removed;
}

function loadsOf(c: Compiled, seq: number[], a: number, b: number): [number, number] {
  let bx = 0;
  let k = 0;
  for (let i = a; i < b; i++) {
    bx += c.boxes[seq[i]];
    k += c.kg[seq[i]];
  }
  return [bx, k];
}

// ---------------------------------------------------------------- the search

interface Solution {
  routes: Route[];
  routeOf: Int32Array;
  cost: number;
  unassigned: number;
}

export interface SearchStats {
  iterations: number;
  elapsedMs: number;
}

export class Search {
  private rnd: () => number;
  private stamp = 1;
  private readonly penalty: number;
  private servable: Uint8Array;
  private triedClass: Int32Array;
  private tick = 0;
  /** share of iterations that empty a whole short route instead of removing strings */
  routeRuin = 0.02;

  constructor(
    readonly c: Compiled,
    seed: number,
  ) {
    this.rnd = prng(seed);
    let maxArc = 0;
    for (let i = 0; i < c.dist.length; i++) if (c.dist[i] > maxArc) maxArc = c.dist[i];
    let maxFixed = 0;
    for (let v = 0; v < c.nVeh; v++) if (c.fixed[v] > maxFixed) maxFixed = c.fixed[v];
    // Leaving a job out must always cost more than serving it anywhere.
    this.penalty = 10 * (2 * maxArc + maxFixed + 1) * Math.max(1, c.nJobs);
    this.triedClass = new Int32Array(c.nVeh);
    this.servable = new Uint8Array(c.nJobs);
    for (let j = 0; j < c.nJobs; j++) this.servable[j] = this.aloneReason(j) === null ? 1 : 0;
  }

  /** Why a job cannot be served even alone, or null when some vehicle could serve it. */
  aloneReason(j: number): UnassignedReason | null {
    const c = this.c;
    if (c.due[j] < c.ready[j]) return "routing.unassigned.promise";
    const reason = this.aloneWith(j, c.due[j]);
    // Out of reach only because of the freshness promise: say so.
    if (
      reason === "routing.unassigned.window" &&
      c.windowEnd[j] > c.due[j] &&
      this.aloneWith(j, c.windowEnd[j]) === null
    ) {
      return "routing.unassigned.promise";
    }
    return reason;
  }

  private aloneWith(j: number, due: number): UnassignedReason | null {
    const c = this.c;
    let capOk = false;
    for (let v = 0; v < c.nVeh; v++) {
      if (c.boxes[j] > c.capBoxes[v] + EPS || c.kg[j] > c.capKg[v] + EPS) continue;
      capOk = true;
      const T = c.vTime[v];
      const n = c.nLoc;
      const l = c.jobLoc[j];
      const arr = Math.max(c.shiftStart[v], c.release[j]) + T[c.vStart[v] * n + l];
      const st = Math.max(arr, c.ready[j]);
      if (st <= due + EPS && st + c.service[j] + T[l * n + c.vEnd[v]] <= c.shiftEnd[v] + EPS)
        return null;
    }
    return capOk ? "routing.unassigned.window" : "routing.unassigned.capacity";
  }

  private emptySolution(): Solution {
    const routes: Route[] = [];
    for (let v = 0; v < this.c.nVeh; v++) {
      const r: Route = {
        v,
        jobs: [],
        dep: 0,
        E: [],
        L: [],
        boxes: 0,
        kg: 0,
        dist: 0,
        cost: 0,
        ok: true,
        stamp: 0,
      };
      refresh(this.c, r);
      routes.push(r);
    }
    return {
      routes,
      routeOf: new Int32Array(this.c.nJobs).fill(-1),
      cost: 0,
      unassigned: this.c.nJobs,
    };
  }

  private own(s: Solution, k: number): Route {
    const r = s.routes[k];
    if (r.stamp === this.stamp) return r;
    // E and L are rebuilt by refresh() after every change, so they are not copied
    const copy: Route = {
      v: r.v,
      jobs: r.jobs.slice(),
      dep: r.dep,
      E: [],
      L: [],
      boxes: r.boxes,
      kg: r.kg,
      dist: r.dist,
      cost: r.cost,
      ok: r.ok,
      stamp: this.stamp,
    };
    s.routes[k] = copy;
    return copy;
  }

  private clone(s: Solution): Solution {
    this.stamp++;
    return {
      routes: s.routes.slice(),
      routeOf: s.routeOf.slice(),
      cost: s.cost,
      unassigned: s.unassigned,
    };
  }

  private total(s: Solution): number {
    let cost = 0;
    let un = 0;
    for (const r of s.routes) cost += r.ok ? r.cost : Infinity;
    for (let j = 0; j < this.c.nJobs; j++) if (s.routeOf[j] < 0 && this.servable[j]) un++;
    s.unassigned = un;
    s.cost = cost + un * this.penalty;
    return s.cost;
  }

  /** Greedy insertion with blinks (SISR). Jobs that fit nowhere stay out. */
  private recreate(s: Solution, removed: number[], blink: number, sort = true) {
    const c = this.c;
    const n = c.nLoc;
    const D = c.dist;
    const rnd = this.rnd;
    // hoisted: this loop is where the search spends its time
    const {
      jobLoc,
      ready,
      due,
      service,
      release,
      boxes,
      kg,
      capBoxes,
      capKg,
      vClass,
      vStart,
      vEnd,
      shiftEnd,
      fixed,
      vTime,
    } = c;
    const servable = this.servable;
    if (sort) this.sortRemoved(removed);
    const triedClass = this.triedClass;
    const routes = s.routes;
    for (const j of removed) {
      if (!servable[j]) continue;
      const lj = jobLoc[j];
      const rj = ready[j];
      const dj = due[j] + EPS;
      const sj = service[j];
      const relj = release[j];
      let best = Infinity;
      let bestK = -1;
      let bestP = -1;
      const tick = ++this.tick;
      for (let k = 0; k < routes.length; k++) {
        const r = routes[k];
        const v = r.v;
        if (r.boxes + boxes[j] > capBoxes[v] + EPS || r.kg + kg[j] > capKg[v] + EPS) continue;
        const T = vTime[v];
        // cannot fit in this shift at all (opens too late to get back)
        if (rj + sj + T[lj * n + vEnd[v]] > shiftEnd[v] + EPS) continue;
        const jobs = r.jobs;
        const m = jobs.length;
        if (m === 0) {
          if (triedClass[vClass[v]] === tick) continue;
          triedClass[vClass[v]] = tick;
        }
        const E = r.E;
        const L = r.L;
        // A job released after this route leaves delays the whole route: recompute the
        // earliest times forward from the later departure (O(m), only in that case).
        const late = relj > r.dep;
        let dep = late ? relj : r.dep;
        let prev = vStart[v];
        for (let p = 0; p <= m; p++) {
          if (p > 0) {
            const q = jobs[p - 1];
            const lq = jobLoc[q];
            if (late) {
              const aq = dep + T[prev * n + lq];
              const eq = aq > ready[q] ? aq : ready[q];
              if (eq > due[q] + EPS) break;
              dep = eq + service[q];
            } else dep = E[p - 1] + service[q];
            prev = lq;
          }
          const arr = dep + T[prev * n + lj];
          if (arr > dj) break; // later positions only leave later
          if (blink > 0 && rnd() < blink) continue;
          const next = p === m ? vEnd[v] : jobLoc[jobs[p]];
          const lat = p === m ? shiftEnd[v] : L[p];
          const st = arr > rj ? arr : rj;
          if (st + sj + T[lj * n + next] > lat + EPS) continue;
          let delta = D[prev * n + lj] + D[lj * n + next] - D[prev * n + next];
          if (m === 0) delta += fixed[v];
          if (delta < best) {
            best = delta;
            bestK = k;
            bestP = p;
          }
        }
      }
      if (bestK >= 0) {
        const r = this.own(s, bestK);
        r.jobs.splice(bestP, 0, j);
        refresh(c, r);
        s.routeOf[j] = bestK;
      }
    }
  }

  private sortRemoved(removed: number[]) {
    const c = this.c;
    const x = this.rnd() * 13;
    if (x < 4) {
      for (let i = removed.length - 1; i > 0; i--) {
        const k = Math.floor(this.rnd() * (i + 1));
        [removed[i], removed[k]] = [removed[k], removed[i]];
      }
    } else if (x < 8) removed.sort((a, b) => c.boxes[b] + c.kg[b] - c.boxes[a] - c.kg[a]);
    else if (x < 10) removed.sort((a, b) => c.depotDist[b] - c.depotDist[a]);
    else if (x < 11) removed.sort((a, b) => c.depotDist[a] - c.depotDist[b]);
    else removed.sort((a, b) => c.due[a] - c.ready[a] - (c.due[b] - c.ready[b]));
  }

  /** Empties one of the two shortest routes: lets the search drop a route it opened early. */
  private ruinRoute(s: Solution): number[] {
    const removed: number[] = [];
    for (let j = 0; j < this.c.nJobs; j++)
      if (s.routeOf[j] < 0 && this.servable[j]) removed.push(j);
    let a = -1;
    let b = -1;
    for (let k = 0; k < s.routes.length; k++) {
      const m = s.routes[k].jobs.length;
      if (!m) continue;
      if (a < 0 || m < s.routes[a].jobs.length) {
        b = a;
        a = k;
      } else if (b < 0 || m < s.routes[b].jobs.length) b = k;
    }
    const k = b >= 0 && this.rnd() < 0.5 ? b : a;
    if (k < 0) return removed;
    const r = this.own(s, k);
    for (const j of r.jobs) {
      s.routeOf[j] = -1;
      removed.push(j);
    }
    r.jobs.length = 0;
    refresh(this.c, r);
    return removed;
  }

  /** Adjacent string removal (SISR): strings around a random seed job in up to k routes. */
  private ruin(s: Solution, avgRemoved: number, maxString: number): number[] {
    const c = this.c;
    const rnd = this.rnd;
    let used = 0;
    let cards = 0;
    for (const r of s.routes)
      if (r.jobs.length) {
        used++;
        cards += r.jobs.length;
      }
    const removed: number[] = [];
    for (let j = 0; j < c.nJobs; j++) if (s.routeOf[j] < 0 && this.servable[j]) removed.push(j);
    if (!used) return removed;
    const lsMax = Math.min(maxString, cards / used);
    const ksMax = (4 * avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rnd() * ksMax) + 1;
    const seed = Math.floor(rnd() * c.nJobs);
    const ruined = new Set<number>();
    const base = seed * c.nJobs;
    for (let i = 0; i < c.nJobs && ruined.size < ks; i++) {
      const j = c.neighbors[base + i];
      const k = s.routeOf[j];
      if (k < 0 || ruined.has(k)) continue;
      ruined.add(k);
      const before = s.routes[k];
      const r = this.own(s, k);
      const m = r.jobs.length;
      const lMax = Math.min(m, lsMax);
      const l = Math.floor(rnd() * lMax) + 1;
      const pos = r.jobs.indexOf(j);
      let taken: number[];
      if (rnd() < 0.5 || l === m) {
        const from =
          Math.max(0, pos - l + 1) +
          Math.floor(rnd() * (Math.min(pos, m - l) - Math.max(0, pos - l + 1) + 1));
        taken = r.jobs.splice(from, l);
      } else {
        // split string: remove l of a string of l + keep, keeping a random inner substring
        let keep = 1;
        while (l + keep < m && rnd() < 0.5) keep++;
        const len = l + keep;
        const lo = Math.max(0, pos - len + 1);
        const hi = Math.min(pos, m - len);
        const from = lo + Math.floor(rnd() * (hi - lo + 1));
        const keepAt = from + Math.floor(rnd() * (l + 1));
        const string = r.jobs.slice(from, from + len);
        const kept = string.slice(keepAt - from, keepAt - from + keep);
        taken = string.filter((_, i) => i < keepAt - from || i >= keepAt - from + keep);
        r.jobs.splice(from, len, ...kept);
      }
      refresh(c, r);
      if (!r.ok) {
        // the shortcut is slower than the detour it replaces: leave this route as it was
        s.routes[k] = before;
        continue;
      }
      for (const t of taken) {
        s.routeOf[t] = -1;
        removed.push(t);
      }
    }
    return removed;
  }

  /** Local-search descent: relocate / or-opt (strings of 1-3, also reversed), swap, 2-opt*. First improvement. */
  private descend(s: Solution, deadline: number) {
    let improved = true;
    let rounds = 0;
    while (improved && performance.now() < deadline && rounds++ < 50) {
      improved = false;
      for (let a = 0; a < s.routes.length; a++) {
        for (let b = 0; b < s.routes.length; b++) {
          if (performance.now() > deadline) return;
          if (
            this.tryOrOpt(s, a, b) ||
            (a < b && (this.trySwap(s, a, b) || this.tryTwoOptStar(s, a, b)))
          )
            improved = true;
        }
      }
    }
  }

  private tryOrOpt(s: Solution, a: number, b: number): boolean {
    const c = this.c;
    const ra = s.routes[a];
    const rb = s.routes[b];
    for (let len = 1; len <= 3; len++) {
      for (let i = 0; i + len <= ra.jobs.length; i++) {
        const seg = ra.jobs.slice(i, i + len);
        const [bx, kg] = loadsOf(c, seg, 0, len);
        // removal from a
        const gain = a === b ? 0 : -chainDelta(c, ra, i, i + len, seg, 0, 0);
        if (Number.isNaN(gain)) continue;
        if (a !== b && (rb.boxes + bx > c.capBoxes[rb.v] + EPS || rb.kg + kg > c.capKg[rb.v] + EPS))
          continue;
        if (a !== b && rb.jobs.length === 0 && c.fixed[rb.v] > 0) continue;
        if (a !== b && !releasedBy(c, seg, 0, len, rb)) continue;
        const fixedGain = a !== b && ra.jobs.length === len ? c.fixed[ra.v] : 0;
        if (a === b) {
          // intra-route: rebuild candidate sequence and test it fully
          for (let p = 0; p <= ra.jobs.length - len; p++) {
            if (p === i) continue;
            const rest = ra.jobs.slice(0, i).concat(ra.jobs.slice(i + len));
            for (const rev of [false, true]) {
              const cand = rest
                .slice(0, p)
                .concat(rev ? seg.slice().reverse() : seg, rest.slice(p));
              const d = fullDistance(c, ra, cand);
              if (d < ra.dist - 1e-7) {
                const r = this.own(s, a);
                r.jobs = cand;
                refresh(c, r);
                return true;
              }
            }
          }
          continue;
        }
        for (let p = 0; p <= rb.jobs.length; p++) {
          for (const rev of [false, true]) {
            if (rev && len === 1) continue;
            const add = chainDelta(c, rb, p, p, seg, 0, len, rev);
            if (Number.isNaN(add)) continue;
            if (add - gain - fixedGain < -1e-7) {
              const r1 = this.own(s, a);
              const r2 = this.own(s, b);
              r1.jobs.splice(i, len);
              r2.jobs.splice(p, 0, ...(rev ? seg.slice().reverse() : seg));
              refresh(c, r1);
              refresh(c, r2);
              for (const j of seg) s.routeOf[j] = b;
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private trySwap(s: Solution, a: number, b: number): boolean {
    const c = this.c;
    const ra = s.routes[a];
    const rb = s.routes[b];
    for (let i = 0; i < ra.jobs.length; i++) {
      const x = ra.jobs[i];
      for (let k = 0; k < rb.jobs.length; k++) {
        const y = rb.jobs[k];
        if (
          ra.boxes - c.boxes[x] + c.boxes[y] > c.capBoxes[ra.v] + EPS ||
          ra.kg - c.kg[x] + c.kg[y] > c.capKg[ra.v] + EPS
        )
          continue;
        if (
          rb.boxes - c.boxes[y] + c.boxes[x] > c.capBoxes[rb.v] + EPS ||
          rb.kg - c.kg[y] + c.kg[x] > c.capKg[rb.v] + EPS
        )
          continue;
        if (c.release[y] > ra.dep || c.release[x] > rb.dep) continue;
        const da = chainDelta(c, ra, i, i + 1, rb.jobs, k, k + 1);
        if (Number.isNaN(da)) continue;
        const db = chainDelta(c, rb, k, k + 1, ra.jobs, i, i + 1);
        if (Number.isNaN(db)) continue;
        if (da + db < -1e-7) {
          const r1 = this.own(s, a);
          const r2 = this.own(s, b);
          r1.jobs[i] = y;
          r2.jobs[k] = x;
          refresh(c, r1);
          refresh(c, r2);
          s.routeOf[x] = b;
          s.routeOf[y] = a;
          return true;
        }
      }
    }
    return false;
  }

  /** 2-opt*: swap the tails of two routes. Tails are checked in full (they may end at different places). */
  private tryTwoOptStar(s: Solution, a: number, b: number): boolean {
    const c = this.c;
    const ra = s.routes[a];
    const rb = s.routes[b];
    if (!ra.jobs.length && !rb.jobs.length) return false;
    const [ta, tka] = loadsOf(c, ra.jobs, 0, ra.jobs.length);
    const [tb, tkb] = loadsOf(c, rb.jobs, 0, rb.jobs.length);
    let headA = 0;
    let headKa = 0;
    for (let i = 0; i <= ra.jobs.length; i++) {
      if (i > 0) {
        headA += c.boxes[ra.jobs[i - 1]];
        headKa += c.kg[ra.jobs[i - 1]];
      }
      let headB = 0;
      let headKb = 0;
      for (let k = 0; k <= rb.jobs.length; k++) {
        if (k > 0) {
          headB += c.boxes[rb.jobs[k - 1]];
          headKb += c.kg[rb.jobs[k - 1]];
        }
        if (i === ra.jobs.length && k === rb.jobs.length) continue;
        if (i === 0 && k === 0) continue;
        // new a = a[0..i) + b[k..], new b = b[0..k) + a[i..]
        if (
          headA + (tb - headB) > c.capBoxes[ra.v] + EPS ||
          headKa + (tkb - headKb) > c.capKg[ra.v] + EPS
        )
          continue;
        if (
          headB + (ta - headA) > c.capBoxes[rb.v] + EPS ||
          headKb + (tka - headKa) > c.capKg[rb.v] + EPS
        )
          continue;
        if (
          !releasedBy(c, rb.jobs, k, rb.jobs.length, ra) ||
          !releasedBy(c, ra.jobs, i, ra.jobs.length, rb)
        )
          continue;
        const da = chainDelta(c, ra, i, ra.jobs.length, rb.jobs, k, rb.jobs.length);
        if (Number.isNaN(da)) continue;
        const db = chainDelta(c, rb, k, rb.jobs.length, ra.jobs, i, ra.jobs.length);
        if (Number.isNaN(db)) continue;
        let df = 0;
        const newA = i + rb.jobs.length - k;
        const newB = k + ra.jobs.length - i;
        if (ra.jobs.length && !newA) df -= c.fixed[ra.v];
        if (!ra.jobs.length && newA) df += c.fixed[ra.v];
        if (rb.jobs.length && !newB) df -= c.fixed[rb.v];
        if (!rb.jobs.length && newB) df += c.fixed[rb.v];
        if (da + db + df < -1e-7) {
          const r1 = this.own(s, a);
          const r2 = this.own(s, b);
          const tailA = r1.jobs.splice(i);
          const tailB = r2.jobs.splice(k);
          r1.jobs.push(...tailB);
          r2.jobs.push(...tailA);
          refresh(c, r1);
          refresh(c, r2);
          for (const j of tailB) s.routeOf[j] = a;
          for (const j of tailA) s.routeOf[j] = b;
          return true;
        }
      }
    }
    return false;
  }

  run(opts: { seconds?: number; iterations?: number; t0?: number; tf?: number }): {
    best: Solution;
    stats: SearchStats;
  } {
    const c = this.c;
    const began = performance.now();
    const seconds = opts.seconds ?? (opts.iterations ? Infinity : 1);
    const deadline = began + seconds * 1000;
    const maxIter = opts.iterations ?? Infinity;
    // Starting routes: cheapest insertion, farthest job first (no blinks).
    let cur = this.emptySolution();
    this.stamp++;
    const all = Array.from({ length: c.nJobs }, (_, j) => j).sort(
      (a, b) => c.depotDist[b] - c.depotDist[a] || a - b,
    );
    this.recreate(cur, all, 0, false);
    this.total(cur);
    let best = cur;
    // Temperatures scale with the mean arc of the starting solution.
    let arcs = 0;
    let km = 0;
    for (const r of cur.routes)
      if (r.jobs.length) {
        arcs += r.jobs.length + 1;
        km += r.dist;
      }
    const meanArc = arcs && km > 0 ? km / arcs : 1;
    const t0 = (opts.t0 ?? 1) * meanArc;
    const tf = (opts.tf ?? 0.01) * meanArc;
    let it = 0;
    // Leave a slice of the budget for the final descent.
    const searchEnd = began + seconds * 1000 * 0.95;
    for (; it < maxIter; it++) {
      let frac: number;
      if (Number.isFinite(maxIter)) frac = it / maxIter;
      else {
        const now = performance.now();
        if (now >= searchEnd) break;
        frac = (now - began) / (searchEnd - began);
      }
      if (Number.isFinite(maxIter) && (it & 63) === 0 && performance.now() >= searchEnd) break;
      const temp = t0 * Math.pow(tf / t0, frac);
      const cand = this.clone(cur);
      const removed = this.rnd() < this.routeRuin ? this.ruinRoute(cand) : this.ruin(cand, 10, 10);
      this.recreate(cand, removed, 0.01);
      this.total(cand);
      if (cand.cost < cur.cost - temp * Math.log(this.rnd())) {
        cur = cand;
        if (cur.cost < best.cost - 1e-9) best = cur;
      }
    }
    const polished = this.clone(best);
    this.descend(polished, Math.max(deadline, performance.now() + 50));
    this.total(polished);
    if (polished.cost < best.cost) best = polished;
    return { best, stats: { iterations: it, elapsedMs: performance.now() - began } };
  }

  /** Turns a solution into routes with times and loads, and reasons for the left-out jobs. */
  describe(s: Solution, jobs: Job[], vehicleIds: string[]) {
    const c = this.c;
    const routes: PlannedRoute[] = [];
    let distance = 0;
    for (const r of s.routes) {
      if (!r.jobs.length) continue;
      const T = c.vTime[r.v];
      const n = c.nLoc;
      let prev = c.vStart[r.v];
      let t = r.dep;
      // deliveries are on board from the start, pick-ups come on at their stop
      let onBoxes = 0;
      let onKg = 0;
      for (const j of r.jobs)
        if (jobs[j].kind === "delivery") {
          onBoxes += c.boxes[j];
          onKg += c.kg[j];
        }
      const stops: PlannedStop[] = [];
      for (const j of r.jobs) {
        const l = c.jobLoc[j];
        const arrival = t + T[prev * n + l];
        const start = Math.max(arrival, c.ready[j]);
        t = start + c.service[j];
        const sign = jobs[j].kind === "delivery" ? -1 : 1;
        onBoxes += sign * c.boxes[j];
        onKg += sign * c.kg[j];
        stops.push({
          jobId: jobs[j].id,
          kind: jobs[j].kind,
          arrival,
          start,
          departure: t,
          onBoard: { boxes: onBoxes, kg: onKg },
        });
        prev = l;
      }
      const returnAt = t + T[prev * n + c.vEnd[r.v]];
      distance += r.dist;
      routes.push({
        vehicleId: vehicleIds[r.v],
        stops,
        departure: r.dep,
        returnAt,
        distance: r.dist,
        load: { boxes: r.boxes, kg: r.kg },
      });
    }
    const unassigned: { jobId: string; reason: UnassignedReason }[] = [];
    for (let j = 0; j < c.nJobs; j++) {
      if (s.routeOf[j] >= 0) continue;
      unassigned.push({
        jobId: jobs[j].id,
        reason: this.aloneReason(j) ?? "routing.unassigned.fleet",
      });
    }
    return { routes, unassigned, distance };
  }
}

/** Local search never delays a departure: moved jobs must be released by the time the target route leaves. */
function releasedBy(c: Compiled, seq: number[], a: number, b: number, r: Route): boolean {
  for (let i = a; i < b; i++) if (c.release[seq[i]] > r.dep) return false;
  return true;
}

function fullDistance(c: Compiled, r: Route, seq: number[]): number {
  const v = r.v;
  const T = c.vTime[v];
  const n = c.nLoc;
  let prev = c.vStart[v];
  let t = r.dep;
  let d = 0;
  for (const j of seq) {
    const l = c.jobLoc[j];
    const st = Math.max(t + T[prev * n + l], c.ready[j]);
    if (st > c.due[j] + EPS) return Infinity;
    t = st + c.service[j];
    d += c.dist[prev * n + l];
    prev = l;
  }
  if (t + T[prev * n + c.vEnd[v]] > c.shiftEnd[v] + EPS) return Infinity;
  return d + c.dist[prev * n + c.vEnd[v]];
}

/**
 * Plans routes for the problem. Throws RoutingInputError on bad input. With `iterations`
 * the result depends only on the input and the seed; with `seconds` alone the search stops
 * on the clock, so a busier machine may stop earlier (same seed, same path, shorter).
 */
export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingResult {
  validateProblem(problem);
  const began = performance.now();
  const c = compile(problem, options.objective ?? "distance");
  const search = new Search(c, options.seed ?? 1);
  const { best, stats } = search.run({ seconds: options.seconds, iterations: options.iterations });
  const { routes, unassigned, distance } = search.describe(
    best,
    problem.jobs,
    problem.vehicles.map((v) => v.id),
  );
  return {
    routes,
    unassigned,
    distance,
    vehicles: routes.length,
    iterations: stats.iterations,
    elapsedMs: performance.now() - began,
  };
}
