// Stock reservation rules. The database does the atomic part (a conditional
// decrement); these are the pure decisions around it.

export const RESERVATION_MINUTES = 15; // time to finish a checkout
export const CARD_RESERVATION_MINUTES = 35; // Stripe Checkout sessions live at least 30 minutes

export type ReservationStatus = "HELD" | "CONSUMED" | "RELEASED";

export function reservationExpiry(now: Date, minutes = RESERVATION_MINUTES): Date {
  return new Date(now.getTime() + minutes * 60_000);
}

/** Merges repeated variants so one checkout takes each variant's stock once. */
export function mergeLines<T extends { variantId: string; quantity: number }>(
  lines: T[],
): { variantId: string; quantity: number }[] {
  const map = new Map<string, number>();
  for (const l of lines) map.set(l.variantId, (map.get(l.variantId) ?? 0) + l.quantity);
  return [...map.entries()].map(([variantId, quantity]) => ({ variantId, quantity }));
}

/** Sorted by id so concurrent checkouts take row locks in the same order. */
export function lockOrder<T extends { variantId: string }>(lines: T[]): T[] {
  return [...lines].sort((a, b) =>
    a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0,
  );
}

export function isExpired(expiresAt: Date, now = new Date()): boolean {
  return expiresAt.getTime() <= now.getTime();
}
