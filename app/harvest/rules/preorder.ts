// The buyer's side of a harvest campaign, as plain rules: which harvest days a
// pre-order may still name, when a pre-order may be placed, changed or cancelled,
// and the one sentence that tells a buyer why they got what they got.
// Times are instants (Date); days are local dates in Asia/Ho_Chi_Minh (UTC+7, no
// daylight saving), written "YYYY-MM-DD" so they compare as strings.

export type Day = string;

const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The local (Asia/Ho_Chi_Minh) date of an instant. */
export function localDay(at: Date): Day {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Local midnight at the start of a day, as an instant. */
export function dayStart(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function isDay(s: unknown): s is Day {
  return typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && localDay(dayStart(s)) === s;
}

export function addDays(day: Day, n: number): Day {
  return localDay(new Date(dayStart(day).getTime() + n * DAY_MS));
}

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysOf(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

export type Window = { from: Day; to: Day };
/** The order cut-off of a harvest day (the campaign decides how far before the day it falls). */
export type CutoffOf = (day: Day) => Date;

/** Pre-orders for day D close at `time` ("HH:MM", local) on the evening of D-1 (decision 0044). */
export function cutoffAt(day: Day, time: string): Date {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : 20 * 60;
  return new Date(dayStart(addDays(day, -1)).getTime() + minutes * 60_000);
}

export type Point = { lat: number; lng: number };
export type DeliveryArea = {
  communes: readonly string[];
  center?: Point | null;
  radiusKm?: number | null;
};

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Is an address in the delivery area? Its commune is listed, or the shared
 * phone location lies within the radius; either is enough. A campaign that
 * set neither delivers anywhere.
 */
export function inDeliveryArea(
  area: DeliveryArea,
  communeCode: string,
  at?: Point | null,
): boolean {
  const hasRadius = !!(area.center && area.radiusKm);
  if (!area.communes.length && !hasRadius) return true;
  if (area.communes.includes(communeCode)) return true;
  return !!(hasRadius && at && distanceKm(area.center!, at) <= area.radiusKm!);
}

/** Days of the window whose cut-off is still ahead: the days a pre-order may name now. */
export function orderableDays(window: Window, cutoffOf: CutoffOf, now: Date): Day[] {
  return daysOf(window.from, window.to).filter((d) => cutoffOf(d).getTime() > now.getTime());
}

/**
 * "The first day possible": the earliest harvest day whose cut-off has not
 * passed when the pre-order is placed (decision 0046). Null when none is left.
 */
export function firstPossibleDay(window: Window, cutoffOf: CutoffOf, now: Date): Day | null {
  return orderableDays(window, cutoffOf, now)[0] ?? null;
}

/** Harvest days still to come, today included (0 once the window is over). */
export function daysLeft(window: Window, now: Date): number {
  const today = localDay(now);
  const from = today > window.from ? today : window.from;
  return daysOf(from, window.to).length;
}

export type CampaignStatus = "DRAFT" | "OPEN" | "PAUSED" | "CLOSED" | "CANCELLED" | (string & {});

export type PreorderRefusal =
  | "preorder.error.notOpen"
  | "preorder.error.paused"
  | "preorder.error.closed"
  | "preorder.error.overCap"
  | "preorder.error.tooFew"
  | "preorder.error.afterCutoff"
  | "preorder.error.dayOutsideWindow"
  | "preorder.error.outsideArea"
  | "preorder.error.paymentNotOffered";

export type CampaignTerms = {
  status: CampaignStatus;
  window: Window;
  cutoffOf: CutoffOf;
  maxPerBuyer: number;
  area: DeliveryArea;
  paymentOptions: readonly string[];
  /** pre-orders are taken from this instant (null: as soon as it is open) */
  opensAt?: Date | null;
};

export type PreorderRequest = {
  units: number;
  /** a chosen harvest day, or null for "the first day possible" */
  day: Day | null;
  /** PICKUP at a collection point needs no delivery address in the area */
  fulfilment: "DELIVERY" | "PICKUP";
  communeCode: string;
  location?: Point | null;
  paymentMethod: string;
};

/** Why a campaign takes no pre-orders right now, or null when it does. */
export function campaignRefusal(
  c: Pick<CampaignTerms, "status" | "opensAt" | "window" | "cutoffOf">,
  now: Date,
): PreorderRefusal | null {
  if (c.status === "PAUSED") return "preorder.error.paused";
  if (c.status === "CLOSED" || c.status === "CANCELLED") return "preorder.error.closed";
  if (c.status !== "OPEN") return "preorder.error.notOpen";
  if (c.opensAt && c.opensAt.getTime() > now.getTime()) return "preorder.error.notOpen";
  if (!firstPossibleDay(c.window, c.cutoffOf, now)) return "preorder.error.closed";
  return null;
}

/**
 * The first reason this pre-order cannot be taken, or null. The same rule
 * answers a new pre-order and a change to one (the buyer may change or cancel
 * only while the day it waits for has not reached its cut-off).
 */
export function preorderRefusal(
  c: CampaignTerms,
  r: PreorderRequest,
  now: Date,
): PreorderRefusal | null {
  const closed = campaignRefusal(c, now);
  if (closed) return closed;
  if (!Number.isInteger(r.units) || r.units < 1) return "preorder.error.tooFew";
  if (r.units > c.maxPerBuyer) return "preorder.error.overCap";
  if (r.day !== null) {
    if (!isDay(r.day) || r.day < c.window.from || r.day > c.window.to)
      return "preorder.error.dayOutsideWindow";
    if (c.cutoffOf(r.day).getTime() <= now.getTime()) return "preorder.error.afterCutoff";
  }
  if (r.fulfilment === "DELIVERY" && !inDeliveryArea(c.area, r.communeCode, r.location))
    return "preorder.error.outsideArea";
  if (!c.paymentOptions.includes(r.paymentMethod)) return "preorder.error.paymentNotOffered";
  return null;
}

/**
 * The day a pre-order is waiting for: its chosen day, or for "the first day
 * possible" the first day still open at `at` (placing time, or now when it
 * carried over).
 */
export function targetDay(
  day: Day | null,
  window: Window,
  cutoffOf: CutoffOf,
  at: Date,
): Day | null {
  return day ?? firstPossibleDay(window, cutoffOf, at);
}

/** May the buyer still change or cancel? Only before the cut-off of the day it waits for. */
export function buyerMayChange(
  status: string,
  waitingFor: Day | null,
  cutoffOf: CutoffOf,
  now: Date,
): boolean {
  if (!["REQUESTED", "WAITING", "PARTIAL"].includes(status)) return false;
  return waitingFor !== null && cutoffOf(waitingFor).getTime() > now.getTime();
}

/** One buyer's line in a day's allocation, as the ledger keeps it. */
export type DayAward = { id: string; units: number; tier: number; award: number };

export type DayExplanation =
  | { kind: "enough"; supply: number; buyers: number }
  | {
      kind: "shared";
      supply: number;
      buyers: number;
      level: number;
      extras: boolean;
      carriedFirst: boolean;
    }
  | { kind: "earlierFirst"; supply: number; buyers: number };

/**
 * What the buyer reads under "allocated x of y": enough for everyone; or
 * shared by the uniform rule at level λ with the leftover boxes in the public
 * seeded order; or all gone to buyers carried over from earlier days.
 * `units` are the requests after the per-buyer cap.
 */
export function explainDay(
  lines: readonly DayAward[],
  supply: number,
  buyerId?: string,
): DayExplanation {
  const buyers = lines.length;
  const unsatisfied = lines.filter((l) => l.award < l.units);
  if (!unsatisfied.length) return { kind: "enough", supply, buyers };
  // the tier where supply ran out: tiers after it got nothing
  const cutTier = Math.min(...unsatisfied.map((l) => l.tier));
  const inCut = unsatisfied.filter((l) => l.tier === cutTier);
  const me = buyerId ? lines.find((l) => l.id === buyerId) : undefined;
  const carriedFirst =
    lines.some((l) => l.tier < cutTier) || (me !== undefined && me.tier > cutTier);
  if (me && me.tier > cutTier) return { kind: "earlierFirst", supply, buyers };
  const level = Math.min(...inCut.map((l) => l.award));
  const extras = inCut.some((l) => l.award > level);
  return { kind: "shared", supply, buyers, level, extras, carriedFirst };
}
