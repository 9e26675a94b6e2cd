// A submission carrying an idempotency key (a hidden field in the form, or the key the
// offline queue kept with it) is recorded once: a resend - the phone's queue retrying
// after a dropped connection, a double tap, a reload - returns the first result.
import { prisma, type Prisma } from "~/utils/db.server";

export type Replayable<T> = { result: T; replay: boolean };

/**
 * Runs `fn` inside `tx` unless `key` was seen; stores its result under the key in the
 * same transaction, so a crash leaves neither. A key is bound to the user who sent it:
 * somebody else's key is refused rather than answered.
 */
export async function once<T extends object>(
  tx: Prisma.TransactionClient,
  key: string | undefined,
  userId: string,
  action: string,
  fn: () => Promise<T>,
): Promise<Replayable<T>> {
  if (!key) return { result: await fn(), replay: false };
  const seen = await tx.idempotentSubmission.findUnique({ where: { key } });
  if (seen) {
    if (seen.userId !== userId || seen.action !== action) throw new IdempotencyConflict();
    return { result: JSON.parse(seen.result) as T, replay: true };
  }
  const result = await fn();
  await tx.idempotentSubmission.create({
    data: { key, userId, action, result: JSON.stringify(result) },
  });
  return { result, replay: false };
}

export class IdempotencyConflict extends Error {
  constructor() {
    super("idempotency key used for something else");
  }
}

/** Keys older than this are forgotten by the clean-up (a queue does not hold a form for weeks). */
export const KEY_TTL_MS = 30 * 24 * 3600_000;

export function forgetOldKeys(at = new Date()) {
  return prisma.idempotentSubmission.deleteMany({
    where: { createdAt: { lt: new Date(at.getTime() - KEY_TTL_MS) } },
  });
}
