import { prisma } from "./db.server";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };
/** One counter: at most `limit` takes per fixed window of `windowMs`. */
export type Limit = { key: string; limit: number; windowMs: number };

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

/**
 * Takes one token from a fixed-window counter kept in the database (every app
 * process shares it), BEFORE the work it guards. Each step is one conditional
 * statement, so concurrent takes can never hand out more than `limit` tokens per
 * window, on SQLite or PostgreSQL alike (no read-then-write): a burst of 40 at
 * once gets exactly `limit` yeses. A refused take does not count.
 */
export async function takeRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const cutoff = new Date(now.getTime() - windowMs);
  for (let round = 0; round < 5; round++) {
    // a token in the current window, if one is left
    const inWindow = await prisma.rateLimit.updateMany({
      where: { key, windowStart: { gt: cutoff }, count: { lt: limit } },
      data: { count: { increment: 1 } },
    });
    if (inWindow.count === 1) return { allowed: true, retryAfterSeconds: 0 };
    // the window is over: this take opens the next one
    const renewed = await prisma.rateLimit.updateMany({
      where: { key, windowStart: { lte: cutoff } },
      data: { count: 1, windowStart: now },
    });
    if (renewed.count === 1) return { allowed: limit >= 1, retryAfterSeconds: 0 };
    const row = await prisma.rateLimit.findUnique({ where: { key } });
    if (row) {
      // only for the answer: the row is full in its window (or changed under us: go again)
      if (row.windowStart.getTime() > cutoff.getTime() && row.count >= limit)
        return refused(row.windowStart, windowMs, now);
      continue;
    }
    try {
      await prisma.rateLimit.create({ data: { key, count: 1, windowStart: now } });
      return { allowed: limit >= 1, retryAfterSeconds: 0 };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // someone else created it just now: go again
    }
  }
  // contention this long is an attack in itself: refuse rather than spin
  return { allowed: false, retryAfterSeconds: Math.ceil(windowMs / 1000) };
}

// A parallel take may have opened the window a few ms after this take's `now`:
// the wait is never longer than one window.
function refused(windowStart: Date, windowMs: number, now: Date): RateLimitResult {
  const left = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return {
    allowed: false,
    retryAfterSeconds: Math.min(Math.ceil(windowMs / 1000), Math.max(1, left)),
  };
}

/**
 * Takes a token from every counter, or from none: when one refuses, the tokens
 * already taken are given back. The answer waits for the longest refusal.
 */
export async function takeRateLimits(limits: Limit[], now = new Date()): Promise<RateLimitResult> {
  const taken: Limit[] = [];
  for (const l of limits) {
    const r = await takeRateLimit(l.key, l.limit, l.windowMs, now);
    if (!r.allowed) {
      await Promise.all(taken.map((t) => giveBackRateLimit(t.key)));
      return {
        allowed: false,
        retryAfterSeconds: Math.max(r.retryAfterSeconds, await longestWait(limits, now)),
      };
    }
    taken.push(l);
  }
  return { allowed: true, retryAfterSeconds: 0 };
}

// Only for the answer ("try again in N minutes"): the longest wait among the full counters.
async function longestWait(limits: Limit[], now: Date): Promise<number> {
  const rows = await prisma.rateLimit.findMany({
    where: { key: { in: limits.map((l) => l.key) } },
  });
  let wait = 0;
  for (const row of rows) {
    const l = limits.find((x) => x.key === row.key)!;
    const end = row.windowStart.getTime() + l.windowMs;
    if (end > now.getTime() && row.count >= l.limit)
      wait = Math.max(wait, refused(row.windowStart, l.windowMs, now).retryAfterSeconds);
  }
  return wait;
}

/** Gives one token back (an attempt that turned out not to count, e.g. a successful login). */
export async function giveBackRateLimit(key: string) {
  await prisma.rateLimit.updateMany({
    where: { key, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

export async function clearRateLimit(...keys: string[]) {
  await prisma.rateLimit.deleteMany({ where: { key: { in: keys } } });
}

/** The client address as Express saw it (see server.ts), never stored raw. */
export function clientAddress(request: Request): string {
  return request.headers.get("X-Client-Address") ?? "unknown";
}
