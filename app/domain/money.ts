// VND has no minor unit: amounts are whole đồng in integers everywhere.
const vnd = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });

/** 250000 -> "250.000 ₫" (as written in Vietnam, whatever the UI language). */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`VND amount must be a whole number: ${amount}`);
  return `${vnd.format(amount)}\u00a0₫`;
}

/** Parses what people type: "250.000", "250,000", "250000đ", "250k". */
export function parseVnd(input: string): number | null {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/\s|₫|đ|vnd/g, "");
  const k = /^(\d+(?:[.,]\d+)?)k$/.exec(s);
  if (k) return Math.round(Number(k[1].replace(",", ".")) * 1000);
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(s)) return null;
  const n = Number(s.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}
