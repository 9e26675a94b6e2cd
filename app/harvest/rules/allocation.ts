/**
 * Flash-harvest allocation: how one harvest day's boxes are shared among that day's
 * pre-orders. A pure module (no framework, no database, no platform crypto), so the
 * app, the auditors' command (`npm run -s allocate -- FILE.json`) and anyone else get
 * the same answer. Why this rule: docs/decisions/0043-harvest-allocation-rule.md.
 *
 * THE RULE (version ALLOCATION_RULE)
 *  1. Boxes shared = supply - reserve (never below 0). Each request is capped at `cap`.
 *  2. Tiers are served in ascending order; a tier gets boxes only once every earlier
 *     tier is fully served.
 *  3. Within the tier that runs short, the uniform rule: everyone gets min(request, λ)
 *     with the largest whole λ that fits; the k boxes left over go one each to the first
 *     k buyers still short, in the seeded order (never by who clicked first).
 *  4. Seeded order: ascending sha256Hex(`${seed}:${id}`) (lowercase hex), ties by id.
 *     Seed convention: seedFor(campaignSlug, "YYYY-MM-DD"), e.g. "na-la-hien-2027-08-14".
 *
 * API
 *   allocate(input)             -> AllocationEntry  a day's allocation, as a ledger entry
 *   reallocate(previous, boxes) -> AllocationEntry  after weighing: a new entry taking boxes
 *                                  back (reverse of the order they were given), never adding
 *   outcomes(entry)             -> RequestOutcome[] per request: awarded, unfilled, and
 *                                  "filled" | "carry-over" | "release" (caller refunds deposits)
 *   carryOverRequests(entry)    -> AllocationRequest[] unfilled boxes for the next day,
 *                                  keeping their tier (see TIERS)
 *   verify(entry)               -> boolean  recomputes an entry from its own input
 *   seededOrder(seed, ids), seedFor(slug, day), canonicalJson(value), sha256Hex(text)
 *   AllocationInputError        thrown for bad input (negative, non-integer, duplicate id)
 *
 * TIERS: use the index of the harvest day on which the request was first allocated
 * (e.g. days since the campaign's first day). New requests for day d get tier d; a
 * carried-over request keeps its tier, so it sits before the new ones, oldest day first.
 *
 * LEDGER: an entry is append-only data. `input` holds everything needed to recompute it
 * (requests sorted by id; for a re-allocation also the previous entry's hash and awards),
 * `inputHash` = sha256Hex(canonicalJson({rule, kind, input})), `awards` lists every id
 * (zero included), `entryHash` = sha256Hex(canonicalJson(entry without entryHash)).
 * Store the entry as JSON; never update it, append a re-allocation instead.
 */
import { sha256Hex } from "./sha256";

export { sha256Hex };

export const ALLOCATION_RULE = "uniform-seeded/1" as const;

/** One pre-order's request for the day. `id` is stable (pre-order or buyer id). */
export interface AllocationRequest {
  id: string;
  units: number;
  tier: number;
  /** The buyer accepts the next day for what is not filled today (default: no, release). */
  carryOver?: boolean;
}

export interface AllocationInput {
  /** Boxes confirmed for the day. */
  supply: number;
  seed: string;
  requests: readonly AllocationRequest[];
  /** Grading reserve kept back from the supply (default 0). */
  reserve?: number;
  /** Per-buyer cap (default: none). */
  cap?: number | null;
}

export interface LedgerRequest {
  id: string;
  units: number;
  tier: number;
  carryOver: boolean;
}

export interface LedgerInput {
  seed: string;
  supply: number;
  reserve: number;
  cap: number | null;
  /** Sorted by id, so the hash does not depend on the order given. */
  requests: LedgerRequest[];
  /** Set for a re-allocation: the entry it revises and that entry's awards. */
  previous: { entryHash: string; awards: Record<string, number> } | null;
}

export interface AllocationEntry {
  rule: typeof ALLOCATION_RULE;
  kind: "allocation" | "reallocation";
  input: LedgerInput;
  inputHash: string;
  /** Boxes available to buyers: supply - reserve for an allocation, the weighed boxes for a re-allocation. */
  shared: number;
  total: number;
  /** Every request id, zero included, keys in id order. */
  awards: Record<string, number>;
  /** Re-allocation only: buyers whose award went down, in id order. */
  affected: { id: string; before: number; after: number }[];
  entryHash: string;
}

export type Disposition = "filled" | "carry-over" | "release";

export interface RequestOutcome {
  id: string;
  tier: number;
  /** As asked. */
  requested: number;
  /** After the per-buyer cap. */
  capped: number;
  awarded: number;
  /** capped - awarded: what carries over or is released. */
  unfilled: number;
  disposition: Disposition;
}

export class AllocationInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "AllocationInputError";
  }
}

/** The published seed for a campaign's day: "na-la-hien" + "2027-08-14" -> "na-la-hien-2027-08-14". */
export function seedFor(campaignSlug: string, day: string): string {
  return `${campaignSlug}-${day}`;
}

/** The seeded order: ascending sha256Hex(`${seed}:${id}`), ties by id (code units). */
export function seededOrder(seed: string, ids: readonly string[]): string[] {
  const keyed = ids.map((id) => ({ id, key: sha256Hex(`${seed}:${id}`) }));
  keyed.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return keyed.map((k) => k.id);
}

/** JSON with object keys sorted (RFC 8785 for the integers, strings and booleans used here). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value))
      throw new AllocationInputError("canonicalJson: number not finite");
    return JSON.stringify(value);
  }
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  out = "{";
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(k)}:${typeof v === "string" ? JSON.stringify(v) : canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** A day's allocation as a ledger entry. Throws AllocationInputError on bad input. */
export function allocate(input: AllocationInput): AllocationEntry {
  const count = (n: unknown, what: string, min = 0) => {
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min)
      throw new AllocationInputError(`${what} must be a whole number >= ${min}, got ${String(n)}`);
    return n;
  };
  if (typeof input.seed !== "string" || !input.seed)
    throw new AllocationInputError("seed must be a non-empty string");
  const supply = count(input.supply, "supply");
  const reserve = count(input.reserve ?? 0, "reserve");
  const cap = input.cap == null ? null : count(input.cap, "cap", 1);
  const seen = new Set<string>();
  const requests: LedgerRequest[] = input.requests.map((r, i) => {
    if (typeof r.id !== "string" || !r.id)
      throw new AllocationInputError(`requests[${i}].id must be a non-empty string`);
    if (seen.has(r.id)) throw new AllocationInputError(`requests[${i}].id "${r.id}" appears twice`);
    seen.add(r.id);
    return {
      id: r.id,
      units: count(r.units, `requests[${i}].units`),
      tier: count(r.tier, `requests[${i}].tier`),
      carryOver: r.carryOver === true,
    };
  });
  requests.sort((a, b) => (a.id < b.id ? -1 : 1));
  return build({ seed: input.seed, supply, reserve, cap, requests, previous: null });
}

/**
 * Re-allocation after weighing: `boxes` is what was actually weighed for buyers (the
 * grading reserve has done its job, so none is kept back). The same rule is applied to
 * the previous awards as the requests, so boxes come back in the reverse of the order
 * they were given (latest tier first, the highest awards first, reverse seeded order),
 * nobody goes below zero or above their previous award, and the total is
 * min(boxes, previous total). For an allocation it equals a fresh allocation of
 * min(boxes, previous shared) boxes. More boxes than before change nothing: this never
 * hands boxes out.
 */
export function reallocate(previous: AllocationEntry, boxes: number): AllocationEntry {
  if (!Number.isSafeInteger(boxes) || boxes < 0)
    throw new AllocationInputError(`boxes must be a whole number >= 0, got ${String(boxes)}`);
  return build({
    seed: previous.input.seed,
    supply: boxes,
    reserve: 0,
    cap: previous.input.cap,
    requests: previous.input.requests,
    previous: { entryHash: previous.entryHash, awards: previous.awards },
  });
}

/** Recomputes an entry from its own input: true when rule, hashes and awards all agree. */
export function verify(entry: AllocationEntry): boolean {
  if (entry.rule !== ALLOCATION_RULE) return false;
  try {
    const i = entry.input;
    const whole = (n: unknown, min = 0) =>
      typeof n === "number" && Number.isSafeInteger(n) && n >= min;
    const wellFormed =
      typeof i.seed === "string" &&
      i.seed !== "" &&
      whole(i.supply) &&
      whole(i.reserve) &&
      (i.cap === null || whole(i.cap, 1)) &&
      Array.isArray(i.requests) &&
      sortedIds(i.requests) &&
      i.requests.every(
        (r) =>
          typeof r.id === "string" &&
          r.id !== "" &&
          whole(r.units) &&
          whole(r.tier) &&
          typeof r.carryOver === "boolean",
      ) &&
      (i.previous === null ||
        (typeof i.previous.entryHash === "string" &&
          i.requests.every((r) => whole(i.previous!.awards[r.id]))));
    return wellFormed && canonicalJson(build(i)) === canonicalJson(entry);
  } catch {
    return false;
  }
}

/** Per request: what it got and what happens to the rest (the caller refunds "release"). */
export function outcomes(entry: AllocationEntry): RequestOutcome[] {
  const cap = entry.input.cap;
  return entry.input.requests.map((r) => {
    const capped = cap == null ? r.units : Math.min(r.units, cap);
    const awarded = entry.awards[r.id] ?? 0;
    const unfilled = capped - awarded;
    const disposition: Disposition =
      unfilled === 0 ? "filled" : r.carryOver ? "carry-over" : "release";
    return { id: r.id, tier: r.tier, requested: r.units, capped, awarded, unfilled, disposition };
  });
}

/** The next day's requests for what carries over: unfilled boxes, same tier (so before new ones). */
export function carryOverRequests(entry: AllocationEntry): AllocationRequest[] {
  return outcomes(entry)
    .filter((o) => o.disposition === "carry-over")
    .map((o) => ({ id: o.id, units: o.unfilled, tier: o.tier, carryOver: true }));
}

function build(input: LedgerInput): AllocationEntry {
  const kind = input.previous ? "reallocation" : "allocation";
  const previous = input.previous;
  const shared = previous ? input.supply : Math.max(0, input.supply - input.reserve);
  const cap = input.cap;
  const wants = input.requests.map((r) => ({
    id: r.id,
    tier: r.tier,
    units: previous ? (previous.awards[r.id] ?? 0) : cap == null ? r.units : Math.min(r.units, cap),
  }));
  const given = share(wants, shared, input.seed);
  const awards: Record<string, number> = {};
  let total = 0;
  for (const r of input.requests) {
    const a = given.get(r.id) ?? 0;
    awards[r.id] = a;
    total += a;
  }
  const affected = previous
    ? input.requests
        .filter((r) => awards[r.id] < (previous.awards[r.id] ?? 0))
        .map((r) => ({ id: r.id, before: previous.awards[r.id] ?? 0, after: awards[r.id] }))
    : [];
  const inputHash = sha256Hex(hashedInputJson(kind, input));
  const body = {
    rule: ALLOCATION_RULE,
    kind,
    input,
    inputHash,
    shared,
    total,
    awards,
    affected,
  } as const;
  // The entry hash binds the input through its hash, so large days are hashed once.
  const entryHash = sha256Hex(hashedBodyJson(body));
  return { ...body, entryHash };
}

// canonicalJson({rule, kind, input}) and canonicalJson(body without input), written out
// for the known shapes (keys already in sorted order): the general function spends most
// of a 10,000-request day sorting keys. The tests check both against canonicalJson.
export function hashedInputJson(kind: AllocationEntry["kind"], input: LedgerInput): string {
  if (!sortedIds(input.requests)) return canonicalJson({ rule: ALLOCATION_RULE, kind, input });
  let requests = "[";
  for (let i = 0; i < input.requests.length; i++) {
    const r = input.requests[i];
    requests += `${i ? "," : ""}{"carryOver":${r.carryOver},"id":${JSON.stringify(r.id)},"tier":${r.tier},"units":${r.units}}`;
  }
  requests += "]";
  const previous =
    input.previous &&
    `{"awards":${canonicalJson(input.previous.awards)},"entryHash":${JSON.stringify(input.previous.entryHash)}}`;
  return `{"input":{"cap":${input.cap},"previous":${previous},"requests":${requests},"reserve":${input.reserve},"seed":${JSON.stringify(input.seed)},"supply":${input.supply}},"kind":"${kind}","rule":"${ALLOCATION_RULE}"}`;
}

export function hashedBodyJson(body: Omit<AllocationEntry, "entryHash">): string {
  const { input, ...rest } = body;
  if (!sortedIds(input.requests) || Object.keys(body.awards).length !== input.requests.length)
    return canonicalJson(rest);
  let awards = "{";
  for (let i = 0; i < input.requests.length; i++) {
    const id = input.requests[i].id;
    awards += `${i ? "," : ""}${JSON.stringify(id)}:${body.awards[id]}`;
  }
  awards += "}";
  return `{"affected":${canonicalJson(body.affected)},"awards":${awards},"inputHash":${JSON.stringify(body.inputHash)},"kind":"${body.kind}","rule":"${body.rule}","shared":${body.shared},"total":${body.total}}`;
}

function sortedIds(requests: readonly LedgerRequest[]): boolean {
  for (let i = 1; i < requests.length; i++)
    if (!(requests[i - 1].id < requests[i].id)) return false;
  return true;
}

/** Tiers in order; the uniform rule with seeded leftovers in the tier that runs short. */
function share(
  wants: { id: string; tier: number; units: number }[],
  supply: number,
  seed: string,
): Map<string, number> {
  const awards = new Map<string, number>();
  const tiers = new Map<number, typeof wants>();
  for (const w of wants) {
    const group = tiers.get(w.tier);
    if (group) group.push(w);
    else tiers.set(w.tier, [w]);
  }
  let left = supply;
  for (const tier of [...tiers.keys()].sort((a, b) => a - b)) {
    const group = tiers.get(tier)!;
    let demand = 0;
    for (const w of group) demand += w.units;
    if (demand <= left) {
      for (const w of group) awards.set(w.id, w.units);
      left -= demand;
      continue;
    }
    // Largest λ with Σ min(units, λ) <= left: walk the sorted requests.
    const sorted = group.map((w) => w.units).sort((a, b) => a - b);
    let prefix = 0;
    let lambda = 0;
    for (let j = 0; j < sorted.length; j++) {
      const rest = sorted.length - j;
      if (prefix + rest * sorted[j] > left) {
        lambda = Math.floor((left - prefix) / rest);
        break;
      }
      prefix += sorted[j];
    }
    let leftover = left;
    const short: string[] = [];
    for (const w of group) {
      const base = Math.min(w.units, lambda);
      awards.set(w.id, base);
      leftover -= base;
      if (w.units > lambda) short.push(w.id);
    }
    // leftover < short.length, else λ + 1 would have fitted.
    for (const id of seededOrder(seed, short).slice(0, leftover)) awards.set(id, lambda + 1);
    left = 0;
  }
  return awards;
}
