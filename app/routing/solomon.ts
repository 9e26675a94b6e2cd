// Solomon's VRPTW text format: a name line, "VEHICLE / NUMBER CAPACITY" and one line with
// both, then "CUSTOMER", a header and one line per customer (number, x, y, demand, ready
// time, due date, service time). Customer 0 is the depot; its due date closes the day.
import type { Job, RoutingProblem, Vehicle } from "./model";
import { euclideanTravel } from "./travel";

export class SolomonFormatError extends Error {
  readonly code = "routing.error.badFile" as const;
  constructor(message: string) {
    super(message);
    this.name = "SolomonFormatError";
  }
}

export interface SolomonCustomer {
  no: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  depot: SolomonCustomer;
  customers: SolomonCustomer[];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0);
  if (!name) throw new SolomonFormatError("the file is empty");
  const vIdx = lines.findIndex((l) => /^VEHICLE\b/i.test(l));
  if (vIdx < 0) throw new SolomonFormatError('no "VEHICLE" section');
  const fleetLine = lines.slice(vIdx + 1).find((l) => l.length > 0 && !/^NUMBER/i.test(l));
  const fleet = (fleetLine ?? "").split(/\s+/);
  if (fleet.length !== 2 || !fleet.every((f) => /^\d+$/.test(f))) {
    throw new SolomonFormatError(
      `the vehicle line must hold two whole numbers (count, capacity), got "${fleetLine ?? ""}"`,
    );
  }
  const [vehicles, capacity] = fleet.map(Number);
  if (vehicles < 1) throw new SolomonFormatError("the vehicle count must be at least 1");
  if (capacity < 1) throw new SolomonFormatError("the vehicle capacity must be at least 1");
  const cIdx = lines.findIndex((l) => /^CUSTOMER\b/i.test(l));
  if (cIdx < 0) throw new SolomonFormatError('no "CUSTOMER" section');
  const rows: SolomonCustomer[] = [];
  for (let i = cIdx + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l || /^CUST/i.test(l)) continue;
    const f = l.split(/\s+/);
    if (f.length !== 7)
      throw new SolomonFormatError(`line ${i + 1}: expected 7 numbers, found ${f.length} ("${l}")`);
    const bad = f.find((x) => !NUMBER.test(x));
    if (bad !== undefined) throw new SolomonFormatError(`line ${i + 1}: "${bad}" is not a number`);
    const [no, x, y, demand, ready, due, service] = f.map(Number);
    if (!Number.isInteger(no) || no < 0)
      throw new SolomonFormatError(`line ${i + 1}: customer number must be a whole number`);
    if (demand < 0 || service < 0)
      throw new SolomonFormatError(`line ${i + 1}: demand and service time must be zero or more`);
    if (due < ready)
      throw new SolomonFormatError(
        `line ${i + 1}: customer ${no} has an empty time window (due ${due} < ready ${ready})`,
      );
    rows.push({ no, x, y, demand, ready, due, service });
  }
  if (!rows.length) throw new SolomonFormatError("no customer lines");
  if (rows[0].no !== 0)
    throw new SolomonFormatError("no depot: the first customer line must be number 0");
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.no)) throw new SolomonFormatError(`customer ${r.no} appears twice`);
    seen.add(r.no);
  }
  if (rows.length < 2) throw new SolomonFormatError("the file holds the depot but no customers");
  return { name, vehicles, capacity, depot: rows[0], customers: rows.slice(1) };
}

/** The routing problem of an instance: fleet as given, travel time equals Euclidean distance. */
export function solomonProblem(inst: SolomonInstance): RoutingProblem {
  const depot = { id: "0", x: inst.depot.x, y: inst.depot.y };
  const vehicles: Vehicle[] = Array.from({ length: inst.vehicles }, (_, i) => ({
    id: `v${i + 1}`,
    profile: "truck",
    // Solomon has one capacity; kg mirrors it so both dimensions bind the same way.
    capacity: { boxes: inst.capacity, kg: inst.capacity },
    start: depot,
    end: depot,
    shift: { start: inst.depot.ready, end: inst.depot.due },
  }));
  const jobs: Job[] = inst.customers.map((c) => ({
    id: String(c.no),
    kind: "delivery",
    place: { id: String(c.no), x: c.x, y: c.y },
    load: { boxes: c.demand, kg: c.demand },
    serviceMinutes: c.service,
    window: { start: c.ready, end: c.due },
  }));
  return { vehicles, jobs, travel: euclideanTravel };
}
