// GS1 identifiers. Check digit: mod-10 with weights 3,1,3,... from the right
// (excluding the check digit itself), as in the GS1 General Specifications 7.9.1.

export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error("GS1 keys are digits only");
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gs1CheckDigit(gtin.slice(0, -1)) === Number(gtin[gtin.length - 1]);
}

/** GTIN-8/12/13/14 -> GTIN-14 (left-padded with zeros), or null if invalid. */
export function toGtin14(gtin: string): string | null {
  const digits = gtin.replace(/\s/g, "");
  return isValidGtin(digits) ? digits.padStart(14, "0") : null;
}

/** Builds a GTIN-13 from a company prefix and item reference, adding the check digit. */
export function makeGtin13(prefixAndItem: string): string {
  if (prefixAndItem.length !== 12) throw new Error("need 12 digits before the check digit");
  return prefixAndItem + gs1CheckDigit(prefixAndItem);
}
