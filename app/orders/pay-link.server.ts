// The link in the buyer's SMS that opens an unpaid order's payment details
// without logging in (docs/decisions/0067): the order number plus an HMAC of it.
// It shows what the SMS recipient needs to pay (amount, account, content, items)
// and nothing more: no delivery address or phone, and it changes nothing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { publicBase } from "~/trace/lookup.server";
import { env } from "~/utils/env.server";

function mac(orderNumber: string): string {
  return createHmac("sha256", env.SESSION_SECRET)
    .update(`xutra:order-pay:v1\n${orderNumber}`)
    .digest("base64url")
    .slice(0, 22); // 132 bits: unguessable, short enough for an SMS
}

export function payToken(orderNumber: string): string {
  return mac(orderNumber);
}

export function isPayToken(orderNumber: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const want = Buffer.from(mac(orderNumber));
  const got = Buffer.from(token);
  return got.length === want.length && timingSafeEqual(got, want);
}

export function payPath(orderNumber: string): string {
  return `/orders/${encodeURIComponent(orderNumber)}?k=${payToken(orderNumber)}`;
}

export function payLink(orderNumber: string): string {
  return `${publicBase()}${payPath(orderNumber)}`;
}
