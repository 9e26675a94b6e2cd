// Rules of the password-reset code sent by SMS (docs/decisions/0034). Pure: the
// server module supplies randomness, the clock and the stored rows.

export const CODE_LENGTH = 6;
/** A code works for ten minutes after it was sent. */
export const CODE_TTL_MS = 10 * 60 * 1000;
/** Five wrong tries and the code is void: 5 guesses in a million per code. */
export const MAX_ATTEMPTS = 5;

/** Codes a phone number may ask for, and the window they are counted in. */
export const SENDS_PER_PHONE = 3;
/** Codes one client address may ask for (any phone) in the same window. */
export const SENDS_PER_ADDRESS = 10;
export const SEND_WINDOW_MS = 60 * 60 * 1000;
/** Wrong codes one client address may type (any phone) before it must wait. */
export const TRIES_PER_ADDRESS = 20;
export const TRY_WINDOW_MS = 15 * 60 * 1000;

/** A number in [0, 10^6) written as six digits: 42 -> "000042". */
export function formatCode(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10 ** CODE_LENGTH)
    throw new RangeError(`not a ${CODE_LENGTH}-digit code: ${n}`);
  return String(n).padStart(CODE_LENGTH, "0");
}

/**
 * What a person typed, as a code: spaces, dots and dashes dropped (people copy
 * "123 456" from the SMS), full-width digits from some phone keyboards made
 * ASCII. Null when it cannot be a code.
 */
export function normalizeCode(input: string): string | null {
  const digits = input
    .replace(/[\s.\-–]/g, "")
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
  return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(digits) ? digits : null;
}

export type StoredCode = { expiresAt: Date; attempts: number; usedAt: Date | null };
export type CodeState = "usable" | "used" | "expired" | "exhausted";

/** Whether a stored code may still be tried. Used wins over the others: it is final. */
export function codeState(code: StoredCode, now: Date): CodeState {
  if (code.usedAt) return "used";
  if (code.attempts >= MAX_ATTEMPTS) return "exhausted";
  if (now.getTime() >= code.expiresAt.getTime()) return "expired";
  return "usable";
}

/** Tries a code has left after `attempts` wrong ones. */
export function triesLeft(attempts: number): number {
  return Math.max(0, MAX_ATTEMPTS - attempts);
}

export function expiresAtFrom(now: Date): Date {
  return new Date(now.getTime() + CODE_TTL_MS);
}
