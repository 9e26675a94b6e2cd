// Links a buyer uses to reach the stall and follow the parcel. Pure: no framework imports.

/** https://zalo.me/0912345678: Zalo finds the account by its Vietnamese phone number. */
export function zaloLink(e164: string): string | null {
  const digits = e164.replace(/\D/g, "");
  const national = digits.startsWith("84") ? `0${digits.slice(2)}` : digits;
  return /^0\d{9,10}$/.test(national) ? `https://zalo.me/${national}` : null;
}

/** The carriers' public tracking pages (a code the stall typed is percent-encoded). */
const TRACKING: Partial<Record<string, (code: string) => string>> = {
  VNPOST: (c) => `https://vnpost.vn/vi-vn/dinh-vi/buu-pham?key=${c}`,
  VIETTEL_POST: (c) => `https://viettelpost.com.vn/tra-cuu-hanh-trinh-don/?orderNumber=${c}`,
  GHN: (c) => `https://donhang.ghn.vn/?order_code=${c}`,
};

export function trackingLink(carrier: string, code: string | null): string | null {
  const make = TRACKING[carrier];
  const clean = code?.trim();
  return make && clean ? make(encodeURIComponent(clean)) : null;
}

/** Why a buyer cancels: a fixed list (the stall reads it) plus an optional note. */
export const CANCEL_REASONS = [
  "CHANGED_MIND",
  "WRONG_ITEMS",
  "TOO_SLOW",
  "PAYMENT",
  "OTHER",
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export function isCancelReason(v: unknown): v is CancelReason {
  return typeof v === "string" && (CANCEL_REASONS as readonly string[]).includes(v);
}
