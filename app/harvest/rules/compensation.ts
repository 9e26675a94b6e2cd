// Money back on a harvest pre-order, as plain rules (decisions 0050, 0051):
// when a delivery broke the freshness promise and what the campaign owes for it,
// how a compensation splits between a refund and a credit, and how much of an
// up-front payment goes back when units will not be delivered.

export type FreshnessPromise = {
  /** hours from picking to the door for a delivery under freshFarKm */
  freshNearHours: number;
  /** hours from picking to the door at freshFarKm and beyond */
  freshFarHours: number;
  freshFarKm: number;
};

const HOUR_MS = 3600_000;

/** The promise that applies to a delivery of roadKm: "4 h under 100 km, 6 h beyond". */
export function promiseHours(p: FreshnessPromise, roadKm: number): number {
  return roadKm < p.freshFarKm ? p.freshNearHours : p.freshFarHours;
}

export type Lateness = {
  late: boolean;
  limitHours: number;
  /** hours from picking to delivery (negative input clamps to 0) */
  hoursTaken: number;
  /** the latest on-time delivery */
  deadline: Date;
};

/**
 * Late means delivered strictly after picking + the promise: a delivery at the
 * deadline itself keeps the promise. A delivery reported before its picking (a
 * clock gone wrong) is not late.
 */
export function lateness(
  d: { pickedAt: Date; deliveredAt: Date; roadKm: number },
  p: FreshnessPromise,
): Lateness {
  const limitHours = promiseHours(p, d.roadKm);
  const deadline = new Date(d.pickedAt.getTime() + limitHours * HOUR_MS);
  const taken = Math.max(0, d.deliveredAt.getTime() - d.pickedAt.getTime());
  return {
    late: d.deliveredAt.getTime() > deadline.getTime(),
    limitHours,
    hoursTaken: taken / HOUR_MS,
    deadline,
  };
}

/**
 * The campaign's compensationPct of the delivered value (units × price), in whole
 * đồng rounded up: the buyer never gets less than the percentage promised.
 */
export function compensationVnd(units: number, priceVnd: number, pct: number): number {
  if (!(units > 0) || !(priceVnd > 0) || !(pct > 0)) return 0;
  const pctCapped = Math.min(pct, 100);
  return Math.ceil((Math.floor(units) * priceVnd * pctCapped) / 100);
}

export type CompensationSplit = { refundVnd: number; creditVnd: number };

/**
 * What was paid up front and not yet given back is refunded through the provider
 * that took it; the rest of the compensation is a credit.
 */
export function splitCompensation(amountVnd: number, refundableVnd: number): CompensationSplit {
  const amount = Math.max(0, amountVnd);
  const refundVnd = Math.min(amount, Math.max(0, refundableVnd));
  return { refundVnd, creditVnd: amount - refundVnd };
}

export type Via = "REFUND" | "CREDIT" | "NONE";

/** How the buyer is compensated, in one word (a refund wins when both happen). */
export function viaOf(s: CompensationSplit): Via {
  return s.refundVnd > 0 ? "REFUND" : s.creditVnd > 0 ? "CREDIT" : "NONE";
}

/**
 * Up-front money to give back when only keptUpfrontVnd of what was paid is still
 * owed for units that will be delivered; returnedVnd went back already (late
 * compensations excluded: they are not a return of unfilled units).
 */
export function returnDue(p: { paidVnd: number; keptUpfrontVnd: number; returnedVnd: number }) {
  return Math.max(0, p.paidVnd - Math.max(0, p.keptUpfrontVnd) - Math.max(0, p.returnedVnd));
}
