import { prisma } from "./db.server";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Fixed-window counter kept in the database, so every app process shares it.
 * Counts the attempt and says whether it is within `limit` for the window.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || now.getTime() - row.windowStart.getTime() >= windowMs) {
      await tx.rateLimit.upsert({ where: { key }, create: { key, count: 1, windowStart: now }, update: { count: 1, windowStart: now } });
      return { allowed: 1 <= limit, retryAfterSeconds: 0 };
    }
    const updated = await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    const retryAfterSeconds = Math.ceil((row.windowStart.getTime() + windowMs - now.getTime()) / 1000);
    return { allowed: updated.count <= limit, retryAfterSeconds: updated.count <= limit ? 0 : retryAfterSeconds };
  });
}

export async function peekRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const row = await prisma.rateLimit.findUnique({ where: { key } });
  if (!row) return { allowed: true, retryAfterSeconds: 0 };
  const left = row.windowStart.getTime() + windowMs - Date.now();
  if (left <= 0 || row.count < limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.ceil(left / 1000) };
}

export async function clearRateLimit(key: string) {
  await prisma.rateLimit.deleteMany({ where: { key } });
}

/** The client address as Express saw it (see server.ts), never stored raw. */
export function clientAddress(request: Request): string {
  return request.headers.get("X-Client-Address") ?? "unknown";
}
