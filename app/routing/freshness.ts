// The freshness promise (after Viettel Post's pledge): delivered within 4 hours of picking
// when the road is under 100 km, 6 hours beyond. Minutes in, minutes out.
export const PROMISE_SHORT_MINUTES = 4 * 60;
export const PROMISE_LONG_MINUTES = 6 * 60;
export const PROMISE_LONG_FROM_KM = 100;

export function promiseMinutes(roadKm: number): number {
  return roadKm < PROMISE_LONG_FROM_KM ? PROMISE_SHORT_MINUTES : PROMISE_LONG_MINUTES;
}

/** Latest arrival at the buyer for fruit picked at `pickedAt` travelling `roadKm`. */
export function latestArrival(pickedAt: number, roadKm: number): number {
  return pickedAt + promiseMinutes(roadKm);
}

export function keptPromise(pickedAt: number, roadKm: number, deliveredAt: number): boolean {
  return deliveredAt <= latestArrival(pickedAt, roadKm);
}
