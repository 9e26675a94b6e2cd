// Handing a parcel to a carrier: which carrier and its tracking code (the buyer's
// order page shows both). Pure; used by the order page form and its action.
export const CARRIERS = ["VNPOST", "VIETTEL_POST", "GHN", "SELF", "PICKUP"] as const;
export type Carrier = (typeof CARRIERS)[number];
export type ShipmentInput = { carrier: Carrier; trackingCode: string | null };

/** The hand-over form's carrier and tracking code; a missing carrier means VNPost (bulk moves send none). */
export function parseShipment(
  carrier: unknown,
  tracking: unknown,
): ShipmentInput | { error: string } {
  const c =
    carrier === null || carrier === undefined || carrier === "" ? "VNPOST" : String(carrier);
  if (!(CARRIERS as readonly string[]).includes(c)) return { error: "order.carrierInvalid" };
  const code = String(tracking ?? "")
    .trim()
    .toUpperCase();
  if (code && !/^[A-Z0-9-]{4,40}$/.test(code)) return { error: "order.trackingInvalid" };
  return { carrier: c as Carrier, trackingCode: code || null };
}
