// Each stall's shipping for a cart going to one province: the fee the order total adds
// (after the stall's free-shipping threshold, app/domain/pricing.ts), the estimate and
// the perishable lines it must refuse. Pure: the cart and checkout pages, the
// checkout's total on the server and the summary in the browser all call this.
import { splitByStall, type PricedLine, type ShippingRule } from "~/domain/pricing";
import { quoteStall, type QuoteLine, type ShippingRates, type StallQuote } from "./rules";

export type ShippingStall = {
  stallId: string;
  fromProvince: string;
  rates: ShippingRates;
  freeShippingFromVnd: number | null;
};

export type ShippedLine = PricedLine & QuoteLine & { variantId: string };

export type CartQuote<L extends ShippedLine> = ReturnType<typeof splitByStall<L>> & {
  /** per stall: zone, fee before the threshold, days, refused perishable variant ids */
  quotes: Record<string, StallQuote & { refusedVariants: string[] }>;
};

/**
 * Totals by stall with each stall's fee for the zone and weight. `to` null (no
 * address yet): priced as within the stall's own province, the cheapest case.
 */
export function quoteCart<L extends ShippedLine>(
  lines: L[],
  stalls: ShippingStall[],
  to: string | null,
): CartQuote<L> {
  const byId = new Map(stalls.map((s) => [s.stallId, s]));
  const quotes: CartQuote<L>["quotes"] = {};
  const rules: Record<string, ShippingRule> = {};
  for (const s of stalls) {
    const mine = lines.filter((l) => l.stallId === s.stallId);
    if (!mine.length) continue;
    const q = quoteStall(s.rates, s.fromProvince, to ?? s.fromProvince, mine);
    quotes[s.stallId] = { ...q, refusedVariants: q.refused.map((i) => mine[i].variantId) };
    rules[s.stallId] = { shippingFeeVnd: q.feeVnd, freeShippingFromVnd: s.freeShippingFromVnd };
  }
  for (const l of lines)
    if (!byId.has(l.stallId)) throw new RangeError(`no shipping for stall ${l.stallId}`);
  return { ...splitByStall(lines, rules), quotes };
}

/**
 * The perishable lines that cannot reach `to` fresh, as "product (variant)": the
 * checkout refuses the order with these names rather than promise what nobody keeps.
 */
export function perishableRefusals(
  lines: (ShippedLine & { productName: string; variantLabel: string; shipping: ShippingStall })[],
  to: string,
): string[] {
  const stalls = [...new Map(lines.map((l) => [l.stallId, l.shipping])).values()];
  const { quotes } = quoteCart(lines, stalls, to);
  const refused = new Set(Object.values(quotes).flatMap((q) => q.refusedVariants));
  return lines
    .filter((l) => refused.has(l.variantId))
    .map((l) => `${l.productName} (${l.variantLabel})`);
}
