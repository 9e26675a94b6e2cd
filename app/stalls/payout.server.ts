// A stall's payout account (where VietQR transfers go) and its re-confirmation
// (docs/decisions/0041). Changing the account puts VietQR for the stall on hold:
// no QR is shown and checkout does not offer VietQR for it until a 6-digit code,
// sent by SMS to the owner's phone on record, is typed back, or an extension
// officer confirms the new account. Whoever holds a stolen session can change the
// account, but cannot read the owner's SMS.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import {
  CODE_LENGTH,
  CODE_TTL_MS,
  MAX_ATTEMPTS,
  expiresAtFrom,
  formatCode,
  triesLeft,
} from "~/domain/reset-code";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { takeRateLimit } from "~/utils/rate-limit.server";

type Bank = { bankBin: string | null; bankAccount: string | null; bankAccountName: string | null };

/** The last four digits only, for audit entries and messages. */
export function maskAccount(account: string | null): string | null {
  return account ? `••••${account.slice(-4)}` : null;
}

export function payoutChanged(before: Bank, after: Bank): boolean {
  return (
    before.bankBin !== after.bankBin ||
    before.bankAccount !== after.bankAccount ||
    (before.bankAccountName ?? "") !== (after.bankAccountName ?? "")
  );
}

function macOf(code: string, salt: string): string {
  return createHmac("sha256", env.SESSION_SECRET)
    .update(`payout-confirm:${salt}:${code}`)
    .digest("base64url");
}
function hashCode(code: string): string {
  const salt = randomBytes(12).toString("base64url");
  return `hmac-sha256$${salt}$${macOf(code, salt)}`;
}
function codeMatches(code: string, stored: string): boolean {
  const [alg, salt, mac] = stored.split("$");
  if (alg !== "hmac-sha256" || !salt || !mac) return false;
  const expected = Buffer.from(mac);
  const actual = Buffer.from(macOf(code, salt));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Where the code goes: the owner's own number, which the console cannot change
 * (the household's login phone; the cooperative's registered phone). Not the
 * stall's contact phone: that is a field of the same settings form.
 */
export async function ownerPhone(
  stall: { householdId: string | null; cooperativeId: string | null },
  tx: Prisma.TransactionClient = prisma,
): Promise<string | null> {
  if (stall.householdId) {
    const h = await tx.household.findUnique({
      where: { id: stall.householdId },
      select: { phone: true, user: { select: { phone: true } } },
    });
    return h?.user?.phone ?? h?.phone ?? null;
  }
  if (stall.cooperativeId)
    return (
      (
        await tx.cooperative.findUnique({
          where: { id: stall.cooperativeId },
          select: { phone: true },
        })
      )?.phone ?? null
    );
  return null;
}

// A new code voids the older ones. Returns whether an SMS went out (no phone: officer review).
async function issueCode(
  tx: Prisma.TransactionClient,
  stall: { id: string; householdId: string | null; cooperativeId: string | null; name: string },
  account: string | null,
  now: Date,
): Promise<boolean> {
  await tx.payoutCode.deleteMany({ where: { stallId: stall.id, usedAt: null } });
  const phone = await ownerPhone(stall, tx);
  if (!phone) return false;
  const code = formatCode(randomInt(10 ** CODE_LENGTH));
  await tx.payoutCode.create({
    data: {
      stallId: stall.id,
      codeHash: hashCode(code),
      expiresAt: expiresAtFrom(now),
      createdAt: now,
    },
  });
  await enqueue(tx, "notify.sms", phone, {
    template: "payout.confirm",
    code,
    stall: stall.name,
    account: maskAccount(account),
    minutes: CODE_TTL_MS / 60_000,
  });
  return true;
}

/**
 * Called inside the settings save: when the payout account changed, VietQR goes on
 * hold (unless there is no account left to pay into), a code is sent and the change
 * is audited with the old and new account masked.
 */
export async function onPayoutSave(
  tx: Prisma.TransactionClient,
  actor: SessionUser,
  stall: Bank & {
    id: string;
    householdId: string | null;
    cooperativeId: string | null;
    name: string;
  },
  next: Bank,
  now = new Date(),
): Promise<{ held: boolean }> {
  if (!payoutChanged(stall, next)) return { held: false };
  const held = !!next.bankAccount;
  await tx.stall.update({ where: { id: stall.id }, data: { payoutHoldSince: held ? now : null } });
  const sent = held
    ? await issueCode(tx, stall, next.bankAccount, now)
    : (await tx.payoutCode.deleteMany({ where: { stallId: stall.id, usedAt: null } }), false);
  await audit(
    {
      actorId: actor.id,
      action: "stall.payout.change",
      entity: "Stall",
      entityId: stall.id,
      onBehalfOfId: stall.householdId,
      data: {
        from: { bankBin: stall.bankBin, account: maskAccount(stall.bankAccount) },
        to: { bankBin: next.bankBin, account: maskAccount(next.bankAccount) },
        held,
        codeSent: sent,
      },
    },
    tx,
  );
  return { held };
}

export type ConfirmResult =
  | { kind: "confirmed" }
  | { kind: "wrong"; left: number }
  | { kind: "void" }
  | { kind: "none" }
  | { kind: "limited"; retryAfterSeconds: number };

/** The owner types the code back: the hold ends if it is the newest code for this hold. */
export async function confirmPayoutCode(
  actor: SessionUser,
  stallId: string,
  code: string,
  now = new Date(),
): Promise<ConfirmResult> {
  // tokens first, per stall: a burst of guesses gets no extra checks
  const limit = await takeRateLimit(`payout-try:${stallId}`, 10, 15 * 60_000, now);
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const stall = await prisma.stall.findUnique({
    where: { id: stallId },
    select: { payoutHoldSince: true },
  });
  if (!stall?.payoutHoldSince) return { kind: "none" };
  const stored = await prisma.payoutCode.findFirst({
    where: { stallId, usedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!stored) return { kind: "none" };
  // the try is claimed before comparing, in one conditional update
  const claimed = await prisma.payoutCode.updateMany({
    where: { id: stored.id, usedAt: null, attempts: { lt: MAX_ATTEMPTS }, expiresAt: { gt: now } },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return { kind: "void" };
  if (!codeMatches(code, stored.codeHash)) {
    const after = await prisma.payoutCode.findUniqueOrThrow({ where: { id: stored.id } });
    return after.attempts >= MAX_ATTEMPTS
      ? { kind: "void" }
      : { kind: "wrong", left: triesLeft(after.attempts) };
  }
  const done = await prisma.$transaction(async (tx) => {
    const used = await tx.payoutCode.updateMany({
      where: { id: stored.id, usedAt: null },
      data: { usedAt: now },
    });
    // only the hold this code was sent for: a newer change (newer hold) needs its own code
    const released = await tx.stall.updateMany({
      where: { id: stallId, payoutHoldSince: { lte: stored.createdAt } },
      data: { payoutHoldSince: null },
    });
    if (used.count !== 1 || released.count !== 1) return false;
    await audit(
      {
        actorId: actor.id,
        action: "stall.payout.confirm",
        entity: "Stall",
        entityId: stallId,
        data: { via: "sms" },
      },
      tx,
    );
    return true;
  });
  return done ? { kind: "confirmed" } : { kind: "none" };
}

/** A new code for a stall on hold (3 an hour per stall). */
export async function resendPayoutCode(
  stallId: string,
  now = new Date(),
): Promise<
  | { kind: "sent" }
  | { kind: "noPhone" }
  | { kind: "none" }
  | { kind: "limited"; retryAfterSeconds: number }
> {
  const stall = await prisma.stall.findUnique({ where: { id: stallId } });
  if (!stall?.payoutHoldSince) return { kind: "none" };
  const limit = await takeRateLimit(`payout-send:${stallId}`, 3, 60 * 60_000, now);
  if (!limit.allowed) return { kind: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const sent = await prisma.$transaction((tx) => issueCode(tx, stall, stall.bankAccount, now));
  return sent ? { kind: "sent" } : { kind: "noPhone" };
}

/** An extension officer (or admin) checked the new account with the owner: VietQR is back. */
export async function releasePayoutHold(
  officer: SessionUser,
  stallId: string,
  note: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const stall = await tx.stall.findUnique({
      where: { id: stallId },
      select: { payoutHoldSince: true, householdId: true },
    });
    if (!stall?.payoutHoldSince) return false;
    const released = await tx.stall.updateMany({
      where: { id: stallId, payoutHoldSince: stall.payoutHoldSince },
      data: { payoutHoldSince: null },
    });
    if (released.count !== 1) return false;
    await tx.payoutCode.deleteMany({ where: { stallId, usedAt: null } });
    await audit(
      {
        actorId: officer.id,
        action: "stall.payout.confirm",
        entity: "Stall",
        entityId: stallId,
        onBehalfOfId: stall.householdId,
        data: { via: "officer", note },
      },
      tx,
    );
    return true;
  });
}

/** Stalls of these ids whose VietQR is on hold (checkout offers no VietQR for them). */
export async function stallsOnPayoutHold(stallIds: string[]): Promise<string[]> {
  if (!stallIds.length) return [];
  const rows = await prisma.stall.findMany({
    where: { id: { in: stallIds }, payoutHoldSince: { not: null } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** What the settings page shows about the hold. */
export async function payoutHoldView(stall: {
  id: string;
  householdId: string | null;
  cooperativeId: string | null;
  payoutHoldSince: Date | null;
}) {
  if (!stall.payoutHoldSince) return null;
  const phone = await ownerPhone(stall);
  return {
    since: stall.payoutHoldSince.toISOString(),
    phoneEnding: phone ? phone.slice(-3) : null,
  };
}

/** Names of the stalls in this cart whose VietQR is on hold. */
export async function vietQrHeldInCart(cartId: string): Promise<string[]> {
  const rows = await prisma.stall.findMany({
    where: {
      payoutHoldSince: { not: null },
      products: { some: { variants: { some: { cartItems: { some: { cartId } } } } } },
    },
    select: { name: true },
  });
  return rows.map((r) => r.name);
}
