// Splitting a multi-stall cart into one order per stall, with each stall's own
// shipping rule. Pure: the checkout server and the cart page both use it.

export type PricedLine = { stallId: string; unitPriceVnd: number; quantity: number };
export type ShippingRule = { shippingFeeVnd: number; freeShippingFromVnd: number | null };

/** Shipping for one stall's order: free from the stall's threshold (if it has one). */
export function shippingFee(subtotalVnd: number, rule: ShippingRule): number {
  if (subtotalVnd <= 0) return 0;
  if (rule.freeShippingFromVnd !== null && subtotalVnd >= rule.freeShippingFromVnd) return 0;
  return rule.shippingFeeVnd;
}

export type StallTotals<L extends PricedLine> = {
  stallId: string;
  lines: L[];
  subtotalVnd: number;
  shippingVnd: number;
  totalVnd: number;
};

/** Groups lines by stall (first-seen order) and totals each group. */
export function splitByStall<L extends PricedLine>(
  lines: L[],
  rules: Record<string, ShippingRule>,
): { stalls: StallTotals<L>[]; totalVnd: number } {
  const groups = new Map<string, L[]>();
  for (const line of lines) {
    if (
      !Number.isSafeInteger(line.unitPriceVnd) ||
      !Number.isSafeInteger(line.quantity) ||
      line.quantity <= 0
    )
      throw new RangeError("bad line");
    groups.set(line.stallId, [...(groups.get(line.stallId) ?? []), line]);
  }
  const stalls = [...groups.entries()].map(([stallId, ls]) => {
    const subtotalVnd = ls.reduce((s, l) => s + l.unitPriceVnd * l.quantity, 0);
    const rule = rules[stallId] ?? { shippingFeeVnd: 0, freeShippingFromVnd: null };
    const shippingVnd = shippingFee(subtotalVnd, rule);
    return { stallId, lines: ls, subtotalVnd, shippingVnd, totalVnd: subtotalVnd + shippingVnd };
  });
  return { stalls, totalVnd: stalls.reduce((s, x) => s + x.totalVnd, 0) };
}

/** XT-YYMM-NNNNN: short enough to read out on the phone. */
export function orderNumber(at: Date, sequence: number): string {
  const yy = String(at.getUTCFullYear() % 100).padStart(2, "0");
  const mm = String(at.getUTCMonth() + 1).padStart(2, "0");
  return `XT-${yy}${mm}-${String(sequence).padStart(5, "0")}`;
}

export const MAX_LINE_QUANTITY = 99;

/** What the cart may hold for a line given current stock (never below 1, never above stock or the cap). */
export function clampQuantity(wanted: number, stock: number): number {
  if (!Number.isFinite(wanted)) return 1;
  return Math.max(0, Math.min(Math.floor(wanted), stock, MAX_LINE_QUANTITY));
}
