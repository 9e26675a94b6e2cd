// Vietnamese phone numbers as people type them ("0912 345 678", "+84 912...",
// "84912345678") normalised to E.164 (+84...).
const MOBILE = /^(3|5|7|8|9)\d{8}$/; // 10-digit mobiles after the leading 0
const LANDLINE = /^2\d{9}$/; // 11-digit landlines: 02xx + 7-8 digits

export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(digits)) national = digits.slice(3);
  else if (/^84\d{9,10}$/.test(digits)) national = digits.slice(2);
  else if (/^0\d+$/.test(digits)) national = digits.slice(1);
  else return null;
  if (!MOBILE.test(national) && !LANDLINE.test(national)) return null;
  return `+84${national}`;
}

/** "+84912345678" -> "0912 345 678", how it is written on a package. */
export function formatPhone(e164: string): string {
  if (!e164.startsWith("+84")) return e164;
  const n = "0" + e164.slice(3);
  return n.length === 10
    ? `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`
    : `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
}
