// How often a password may be tried (docs/decisions/0040). Pure: the keys and
// windows; app/utils/rate-limit.server.ts takes the tokens atomically.
//
// Per account (the phone, whatever address the tries come from): the waits grow,
// 5 wrong tries cost up to 5 minutes, 10 up to an hour, 20 up to a day.
// Per address: a much higher ceiling, because a whole carrier NAT (common on
// Vietnamese mobile networks) can share one address.

export type Limit = { key: string; limit: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const ACCOUNT_TIERS = [
  { limit: 5, windowMs: 5 * MINUTE },
  { limit: 10, windowMs: HOUR },
  { limit: 20, windowMs: DAY },
] as const;

export const ADDRESS_TIERS = [
  { limit: 100, windowMs: 15 * MINUTE },
  { limit: 1000, windowMs: DAY },
] as const;

/** The login counters of one phone number (E.164), one per tier. */
export function accountLoginLimits(phone: string): Limit[] {
  return ACCOUNT_TIERS.map((t, i) => ({ key: `login:${phone}:t${i}`, ...t }));
}

/** The login counters of one client address, one per tier. */
export function addressLoginLimits(address: string): Limit[] {
  return ADDRESS_TIERS.map((t, i) => ({ key: `login-addr:${address}:t${i}`, ...t }));
}

/** The most password checks a burst on one phone can get inside the first window. */
export const CHECKS_PER_BURST = ACCOUNT_TIERS[0].limit;

// Sign-up says whether a number is taken (decision 0021), so it is throttled like
// a login: per address, and per phone number asked about.
export function signupLimits(phone: string, address: string): Limit[] {
  return [
    { key: `signup:${phone}`, limit: 5, windowMs: HOUR },
    { key: `signup-addr:${address}`, limit: 10, windowMs: HOUR },
  ];
}

// Changing one's password needs the current one: a stolen session must not be a
// way to guess it.
export function changePasswordLimits(userId: string): Limit[] {
  return [
    { key: `password:${userId}:t0`, limit: 5, windowMs: 15 * MINUTE },
    { key: `password:${userId}:t1`, limit: 10, windowMs: DAY },
  ];
}
