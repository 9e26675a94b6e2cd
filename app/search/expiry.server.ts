// Certificates run out by the clock, not by an edit: nothing writes an outbox
// row when an OCOP rating expires, so without this the index would keep the
// stars (and the "OCOP 4+" filter would still find the product). A background
// job queues a sync for what expired since its last run.
import { enqueueProductSync, enqueueStallSync } from "./outbox.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";

const BOOT_LOOKBACK_MS = 7 * 24 * 3600_000; // after a restart, catch up on a week
let lastRun: Date | null = null;

/** Queues search syncs for verified certificates that expired in (since, now]. Returns how many certificates. */
export async function syncExpiredCertificates(since: Date, now = clockNow()): Promise<number> {
  const expired = await prisma.certification.findMany({
    where: { status: "VERIFIED", expiresAt: { gt: since, lte: now } },
    select: { productId: true, stallId: true },
  });
  if (!expired.length) return 0;
  await prisma.$transaction(async (tx) => {
    for (const id of new Set(expired.filter((c) => c.productId).map((c) => c.productId!)))
      await enqueueProductSync(tx, id);
    // a stall-wide certificate counts for every product of the stall
    for (const id of new Set(expired.filter((c) => !c.productId).map((c) => c.stallId)))
      await enqueueStallSync(tx, id);
  });
  return expired.length;
}

/** The job: each run covers the time since the previous one (a week back after a restart). */
export async function certificateExpiryJob(now = clockNow()) {
  const since = lastRun ?? new Date(now.getTime() - BOOT_LOOKBACK_MS);
  const n = await syncExpiredCertificates(since, now);
  lastRun = now;
  return n;
}
