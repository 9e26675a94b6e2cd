// Shipping per stall (decision 0066): a zone from the stall's province to the buyer's
// (same, neighbouring, elsewhere), a fee for the zone by weight, a delivery estimate
// in days, and where a perishable product can still arrive fresh. Pure: the cart, the
// checkout's total and the browser's live summary all call it.
import neighbours from "./data/neighbours.json";

export const ZONES = ["SAME", "NEAR", "FAR"] as const;
export type Zone = (typeof ZONES)[number];

/** Which zones a stall reaches with its own transport the same day (its freshness promise). */
export const FRESH_REACHES = ["NONE", "SAME", "NEAR"] as const;
export type FreshReach = (typeof FRESH_REACHES)[number];

export type ShippingRates = {
  sameVnd: number; // first kg, same province
  nearVnd: number; // first kg, a neighbouring province
  farVnd: number; // first kg, elsewhere
  extraKgVnd: number; // every further started kg, any zone
  sameDays: number;
  nearDays: number;
  farDays: number;
  freshReach: FreshReach;
};

export const DEFAULT_RATES: ShippingRates = {
  sameVnd: 30_000,
  nearVnd: 35_000,
  farVnd: 45_000,
  extraKgVnd: 5_000,
  sameDays: 2,
  nearDays: 3,
  farDays: 5,
  freshReach: "SAME",
};

/** A line without a weight counts as this much per unit (a bag of tea with its box). */
export const DEFAULT_UNIT_GRAMS = 500;

const NEIGHBOURS: ReadonlySet<string> = new Set(
  (neighbours.pairs as [string, string][]).flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]),
);

export function areNeighbours(a: string, b: string): boolean {
  return NEIGHBOURS.has(`${a}|${b}`);
}

/** The zone of a parcel from the stall's province to the buyer's. */
export function zoneOf(fromProvince: string, toProvince: string): Zone {
  if (fromProvince === toProvince) return "SAME";
  return areNeighbours(fromProvince, toProvince) ? "NEAR" : "FAR";
}

/** Grams of a stall's parcel: each line's unit weight (or the default) times its quantity. */
export function parcelGrams(lines: { weightGrams: number | null; quantity: number }[]): number {
  return lines.reduce((g, l) => g + (l.weightGrams ?? DEFAULT_UNIT_GRAMS) * l.quantity, 0);
}

/** The first kilogram at the zone's price, each further started kilogram at extraKgVnd. */
export function zoneFee(rates: ShippingRates, zone: Zone, grams: number): number {
  const base = zone === "SAME" ? rates.sameVnd : zone === "NEAR" ? rates.nearVnd : rates.farVnd;
  const extraKg = Math.max(0, Math.ceil(Math.max(0, grams) / 1000) - 1);
  return base + extraKg * rates.extraKgVnd;
}

/** Whether a perishable product may go to the zone: only where the stall's own transport keeps the promise. */
export function perishableAllowed(zone: Zone, reach: FreshReach): boolean {
  if (reach === "NONE") return false;
  return reach === "NEAR" ? zone !== "FAR" : zone === "SAME";
}

/**
 * Days until the buyer has the parcel: 0 (the same day) when perishable goods go with
 * the stall's own transport, else the carrier's estimate for the zone.
 */
export function estimateDays(rates: ShippingRates, zone: Zone, perishable: boolean): number {
  if (perishable && perishableAllowed(zone, rates.freshReach)) return 0;
  return zone === "SAME" ? rates.sameDays : zone === "NEAR" ? rates.nearDays : rates.farDays;
}

export type QuoteLine = { weightGrams: number | null; quantity: number; perishable: boolean };

export type StallQuote = {
  zone: Zone;
  grams: number;
  feeVnd: number; // before the stall's free-shipping threshold
  days: number;
  /** indexes of perishable lines that cannot go to this province */
  refused: number[];
};

/** A stall's shipping to a province: zone, fee, estimate, and perishable lines it must refuse. */
export function quoteStall(
  rates: ShippingRates,
  fromProvince: string,
  toProvince: string,
  lines: QuoteLine[],
): StallQuote {
  const zone = zoneOf(fromProvince, toProvince);
  const grams = parcelGrams(lines);
  const fresh = perishableAllowed(zone, rates.freshReach);
  const refused = fresh ? [] : lines.flatMap((l, i) => (l.perishable ? [i] : []));
  const anyPerishable = lines.some((l) => l.perishable);
  return {
    zone,
    grams,
    feeVnd: zoneFee(rates, zone, grams),
    days: estimateDays(rates, zone, anyPerishable),
    refused,
  };
}
