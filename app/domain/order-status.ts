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
