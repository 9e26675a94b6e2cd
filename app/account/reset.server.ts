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
import { takeRateLimits } from "~/utils/rate-limit.server";
import { endLoginLockout } from "./login.server";

// A 6-digit code has a million values: a plain hash of it is reversed instantly.
// HMAC with the server secret and a per-code salt: a copy of the database alone
// does not give the code away.
function macOf(code: string, salt: string): string {
  return createHmac("sha256", env.SESSION_SECRET)
    .update(`password-reset:${salt}:${code}`)
    .digest("base64url");
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

// Tokens are taken before the work they guard, atomically (docs/decisions/0040).
async function firstLimit(checks: [string, number, number][]): Promise<Limited | null> {
  const state = await takeRateLimits(
    checks.map(([key, limit, windowMs]) => ({ key, limit, windowMs })),
  );
  return state.allowed ? null : { kind: "limited", retryAfterSeconds: state.retryAfterSeconds };
}

/**
 * Step 1. Throttled per phone and per client address, the same for every number;
 * an account gets a new code (older unused ones are void) and an SMS in the outbox.
 */
export async function requestResetCode(
  phone: string,
  address: string,
  now = new Date(),
): Promise<{ kind: "sent" } | Limited> {
  const limited = await firstLimit([
    [sendPhoneKey(phone), SENDS_PER_PHONE, SEND_WINDOW_MS],
    [sendAddressKey(address), SENDS_PER_ADDRESS, SEND_WINDOW_MS],
  ]);
  if (limited) return limited;

  const user = await prisma.user.findUnique({ where: { phone }, select: { id: true } });
  if (!user) {
    await prisma.rateLimit.upsert({
      where: { key: ghostKey(phone) },
      create: { key: ghostKey(phone), count: 0, windowStart: now },
      update: { count: 0, windowStart: now },
    });
    return { kind: "sent" };
  }
  const code = formatCode(randomInt(10 ** CODE_LENGTH));
  await prisma.$transaction(async (tx) => {
    // a newer code voids the older ones
    await tx.passwordResetCode.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.passwordResetCode.create({
      data: {
        userId: user.id,
        codeHash: hashCode(code),
        expiresAt: expiresAtFrom(now),
        createdAt: now,
      },
    });
    await enqueue(tx, "notify.sms", phone, {
      template: "password.reset",
      code,
      minutes: CODE_TTL_MS / 60_000,
    });
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
export async function resetWithCode(input: {
  phone: string;
  code: string;
  password: string;
  address: string;
  now?: Date;
}): Promise<ResetResult> {
  const { phone, code, password, address } = input;
  const now = input.now ?? new Date();
  // every try takes its token first (the right code too), so parallel guesses get no extra checks
  const limited = await firstLimit([[tryAddressKey(address), TRIES_PER_ADDRESS, TRY_WINDOW_MS]]);
  if (limited) return limited;

  const user = await prisma.user.findUnique({ where: { phone }, select: { id: true, role: true } });
  if (!user || !isRole(user.role)) return ghostTry(phone, now);
  const stored = await prisma.passwordResetCode.findFirst({
    where: { userId: user.id, usedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!stored) return { kind: "none" };
  // the code's own try is claimed before comparing (one conditional update): a
  // burst of guesses at one code compares at most MAX_ATTEMPTS of them
  const claimedTry = await prisma.passwordResetCode.updateMany({
    where: { id: stored.id, usedAt: null, attempts: { lt: MAX_ATTEMPTS }, expiresAt: { gt: now } },
    data: { attempts: { increment: 1 } },
  });
  if (claimedTry.count !== 1) {
    const state = codeState(
      await prisma.passwordResetCode.findUniqueOrThrow({ where: { id: stored.id } }),
      now,
    );
    return state === "expired"
      ? { kind: "expired" }
      : state === "exhausted"
        ? { kind: "void" }
        : { kind: "none" };
  }
  if (!codeMatches(code, stored.codeHash)) {
    const after = await prisma.passwordResetCode.findUniqueOrThrow({ where: { id: stored.id } });
    return after.attempts >= MAX_ATTEMPTS
      ? { kind: "void" }
      : { kind: "wrong", left: triesLeft(after.attempts) };
  }

  const passwordHash = await hashPassword(password);
  const done = await prisma.$transaction(async (tx) => {
    // conditional claim: two submissions of the same code change the password once
    const claimed = await tx.passwordResetCode.updateMany({
      where: {
        id: stored.id,
        usedAt: null,
        attempts: { lte: MAX_ATTEMPTS },
        expiresAt: { gt: now },
      },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return false;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // whoever knew the old password is out, on every device
    await tx.session.deleteMany({ where: { userId: user.id } });
    await audit(
      {
        actorId: user.id,
        action: "password.reset",
        entity: "User",
        entityId: user.id,
        data: { via: "sms" },
      },
      tx,
    );
    return true;
  });
  if (!done) return { kind: "none" };
  await endLoginLockout(phone);
  return { kind: "reset", userId: user.id, role: user.role };
}

// The same answers a real code gives, for a number without an account.
async function ghostTry(phone: string, now: Date): Promise<ResetResult> {
  // the try is claimed in one conditional update, as for a real code
  const claimed = await prisma.rateLimit.updateMany({
    where: {
      key: ghostKey(phone),
      count: { lt: MAX_ATTEMPTS },
      windowStart: { gt: new Date(now.getTime() - CODE_TTL_MS) },
    },
    data: { count: { increment: 1 } },
  });
  const ghost = await prisma.rateLimit.findUnique({ where: { key: ghostKey(phone) } });
  if (!ghost) return { kind: "none" };
  if (claimed.count !== 1)
    return ghost.count >= MAX_ATTEMPTS ? { kind: "void" } : { kind: "expired" };
  return ghost.count >= MAX_ATTEMPTS
    ? { kind: "void" }
    : { kind: "wrong", left: triesLeft(ghost.count) };
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
