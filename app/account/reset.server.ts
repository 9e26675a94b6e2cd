// Forgotten password: a 6-digit code by SMS, then a new password (docs/decisions/0034).
// The code is kept only as a keyed hash; nothing here tells a stranger whether a
// phone number has an account (unknown numbers get a "ghost" code that behaves
// the same way, minus the SMS).
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import {
  CODE_LENGTH,
  codeState,
  expiresAtFrom,
  formatCode,
  MAX_ATTEMPTS,
  SEND_WINDOW_MS,
  SENDS_PER_ADDRESS,
  SENDS_PER_PHONE,
  triesLeft,
  TRIES_PER_ADDRESS,
  TRY_WINDOW_MS,
  CODE_TTL_MS,
} from "~/domain/reset-code";
import { homeFor, isRole, type Role } from "~/domain/roles";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { signedCookie } from "~/utils/cookie.server";
import { env } from "~/utils/env.server";
import { hashPassword } from "~/utils/password.server";
import { hitRateLimit, peekRateLimit } from "~/utils/rate-limit.server";

// A 6-digit code has a million values: a plain hash of it is reversed instantly.
// HMAC with the server secret and a per-code salt: a copy of the database alone
// does not give the code away.
function macOf(code: string, salt: string): string {
  return createHmac("sha256", env.SESSION_SECRET).update(`password-reset:${salt}:${code}`).digest("base64url");
}

export function hashCode(code: string): string {
  const salt = randomBytes(12).toString("base64url");
  return `hmac-sha256$${salt}$${macOf(code, salt)}`;
}

export function codeMatches(code: string, stored: string): boolean {
  const [alg, salt, mac] = stored.split("$");
  if (alg !== "hmac-sha256" || !salt || !mac) return false;
  const expected = Buffer.from(mac);
  const actual = Buffer.from(macOf(code, salt));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const sendPhoneKey = (phone: string) => `reset-send:${phone}`;
const sendAddressKey = (address: string) => `reset-send-addr:${address}`;
const tryAddressKey = (address: string) => `reset-try-addr:${address}`;
// The ghost of a code for a number without an account: windowStart = when it was
// "sent", count = wrong tries. It makes step 2 answer like a real code would.
const ghostKey = (phone: string) => `reset-ghost:${phone}`;

export type Limited = { kind: "limited"; retryAfterSeconds: number };

async function firstLimit(checks: [string, number, number][]): Promise<Limited | null> {
  for (const [key, limit, windowMs] of checks) {
    const state = await peekRateLimit(key, limit, windowMs);
    if (!state.allowed) return { kind: "limited", retryAfterSeconds: state.retryAfterSeconds };
  }
  return null;
}

/**
 * Step 1. Throttled per phone and per client address, the same for every number;
 * an account gets a new code (older unused ones are void) and an SMS in the outbox.
 */
export async function requestResetCode(phone: string, address: string, now = new Date()): Promise<{ kind: "sent" } | Limited> {
  const limited = await firstLimit([
    [sendPhoneKey(phone), SENDS_PER_PHONE, SEND_WINDOW_MS],
    [sendAddressKey(address), SENDS_PER_ADDRESS, SEND_WINDOW_MS],
  ]);
  if (limited) return limited;
  await Promise.all([hitRateLimit(sendPhoneKey(phone), SENDS_PER_PHONE, SEND_WINDOW_MS), hitRateLimit(sendAddressKey(address), SENDS_PER_ADDRESS, SEND_WINDOW_MS)]);

  const user = await prisma.user.findUnique({ where: { phone }, select: { id: true } });
  if (!user) {
    await prisma.rateLimit.upsert({ where: { key: ghostKey(phone) }, create: { key: ghostKey(phone), count: 0, windowStart: now }, update: { count: 0, windowStart: now } });
    return { kind: "sent" };
  }
  const code = formatCode(randomInt(10 ** CODE_LENGTH));
  await prisma.$transaction(async (tx) => {
    // a newer code voids the older ones
    await tx.passwordResetCode.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.passwordResetCode.create({ data: { userId: user.id, codeHash: hashCode(code), expiresAt: expiresAtFrom(now), createdAt: now } });
    await enqueue(tx, "notify.sms", phone, { template: "password.reset", code, minutes: CODE_TTL_MS / 60_000 });
  });
  return { kind: "sent" };
}

export type ResetResult =
  | { kind: "reset"; userId: string; role: Role }
  | { kind: "none" } // no code to try: never sent, already used, or voided by a newer one
  | { kind: "wrong"; left: number }
  | { kind: "expired" }
  | { kind: "void" } // too many wrong tries
  | Limited;

/**
 * Step 2. Checks the code for the phone and, when it is right, sets the new
 * password, ends every session of the account and audits it. Wrong codes count
 * against the code (void after MAX_ATTEMPTS) and against the client address.
 */
export async function resetWithCode(input: { phone: string; code: string; password: string; address: string; now?: Date }): Promise<ResetResult> {
  const { phone, code, password, address } = input;
  const now = input.now ?? new Date();
  const limited = await firstLimit([[tryAddressKey(address), TRIES_PER_ADDRESS, TRY_WINDOW_MS]]);
  if (limited) return limited;
  const wrongTry = () => hitRateLimit(tryAddressKey(address), TRIES_PER_ADDRESS, TRY_WINDOW_MS);

  const user = await prisma.user.findUnique({ where: { phone }, select: { id: true, role: true } });
  if (!user || !isRole(user.role)) {
    await wrongTry();
    return ghostTry(phone, now);
  }
  const stored = await prisma.passwordResetCode.findFirst({ where: { userId: user.id, usedAt: null }, orderBy: { createdAt: "desc" } });
  if (!stored) {
    await wrongTry();
    return { kind: "none" };
  }
  const state = codeState(stored, now);
  if (state !== "usable") {
    await wrongTry();
    return state === "expired" ? { kind: "expired" } : state === "exhausted" ? { kind: "void" } : { kind: "none" };
  }
  if (!codeMatches(code, stored.codeHash)) {
    await wrongTry();
    await prisma.passwordResetCode.updateMany({ where: { id: stored.id, usedAt: null }, data: { attempts: { increment: 1 } } });
    const after = await prisma.passwordResetCode.findUniqueOrThrow({ where: { id: stored.id } });
    return after.attempts >= MAX_ATTEMPTS ? { kind: "void" } : { kind: "wrong", left: triesLeft(after.attempts) };
  }

  const passwordHash = await hashPassword(password);
  const done = await prisma.$transaction(async (tx) => {
    // conditional claim: two submissions of the same code change the password once
    const claimed = await tx.passwordResetCode.updateMany({
      where: { id: stored.id, usedAt: null, attempts: { lt: MAX_ATTEMPTS }, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return false;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // whoever knew the old password is out, on every device
    await tx.session.deleteMany({ where: { userId: user.id } });
    await audit({ actorId: user.id, action: "password.reset", entity: "User", entityId: user.id, data: { via: "sms" } }, tx);
    return true;
  });
  return done ? { kind: "reset", userId: user.id, role: user.role } : { kind: "none" };
}

// The same answers a real code gives, for a number without an account.
async function ghostTry(phone: string, now: Date): Promise<ResetResult> {
  const ghost = await prisma.rateLimit.findUnique({ where: { key: ghostKey(phone) } });
  if (!ghost) return { kind: "none" };
  if (ghost.count >= MAX_ATTEMPTS) return { kind: "void" };
  if (now.getTime() >= ghost.windowStart.getTime() + CODE_TTL_MS) return { kind: "expired" };
  const after = await prisma.rateLimit.update({ where: { key: ghostKey(phone) }, data: { count: { increment: 1 } } });
  return after.count >= MAX_ATTEMPTS ? { kind: "void" } : { kind: "wrong", left: triesLeft(after.count) };
}

/** Where someone lands after resetting: buyers on their account page, others where login sends them. */
export function landingAfterReset(role: Role): string {
  return role === "BUYER" ? "/account" : homeFor(role);
}

/**
 * The number being reset, carried from step 1 to step 2 (and back for "send again")
 * in a short signed cookie rather than the URL, where it would land in browser
 * history, server logs and Referer headers.
 */
export const resetPhoneCookie = signedCookie("__reset_phone", 15 * 60);

/** The number from the reset cookie, formatted for the form, or "". */
export async function resetPhoneFrom(request: Request): Promise<string> {
  const value = await resetPhoneCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value.slice(0, 20) : "";
}
