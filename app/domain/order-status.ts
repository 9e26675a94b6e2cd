// Order lifecycle for one stall's order. Pure rules; the transition itself
// (stock, timestamps, audit, notifications) is app/orders/lifecycle.server.ts.
export const ORDER_STATUSES = [
  "NEW",
  "ACCEPTED",
  "PACKED",
  "SHIPPED",
  "DELIVERED",
  "CANCELLED",
  "REFUNDED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const NEXT: Record<OrderStatus, OrderStatus[]> = {
  NEW: ["ACCEPTED", "CANCELLED"],
  ACCEPTED: ["PACKED", "CANCELLED"],
  PACKED: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: ["REFUNDED"],
  CANCELLED: ["REFUNDED"],
  REFUNDED: [],
};

export function isOrderStatus(s: string): s is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(s);
}

export function canTransition(from: string, to: string): boolean {
  return isOrderStatus(from) && isOrderStatus(to) && NEXT[from].includes(to);
}

export function nextStatuses(from: string): OrderStatus[] {
  return isOrderStatus(from) ? NEXT[from] : [];
}

/** A buyer may cancel until the stall has handed the parcel to a carrier. */
export function buyerMayCancel(status: string): boolean {
  return status === "NEW" || status === "ACCEPTED" || status === "PACKED";
}

/** Cancelling before shipping puts the units back on sale. */
export function restocksOnCancel(from: string): boolean {
  return from === "NEW" || from === "ACCEPTED" || from === "PACKED";
}

export type PaymentSwitch = "COD" | "VIETQR";
export type SwitchRefusal = "paid" | "expired" | "notPending";

/**
 * A card checkout whose payment failed or was cancelled may be placed with cash
 * on delivery or a VietQR transfer instead, while its stock is still held. Once
 * any payment went through it is paid (never switched); a checkout already
 * switched to the same method answers "done" again (a double tap, a refresh).
 */
export function paymentSwitch(
  checkout: { status: string; paymentMethod: string },
  to: PaymentSwitch,
  payments: { provider: string; status: string }[],
): { ok: true; already: boolean } | { ok: false; reason: SwitchRefusal } {
  if (payments.some((p) => p.status === "SUCCEEDED" || p.status === "REFUNDED"))
    return { ok: false, reason: "paid" };
  if (checkout.status === "PLACED" && checkout.paymentMethod === to)
    return { ok: true, already: true };
  if (checkout.status === "PAID") return { ok: false, reason: "paid" };
  if (checkout.status === "EXPIRED") return { ok: false, reason: "expired" };
  if (checkout.status !== "PENDING" || checkout.paymentMethod !== "CARD")
    return { ok: false, reason: "notPending" };
  return { ok: true, already: false };
}
