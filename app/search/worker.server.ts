// The outbox worker: turns committed Outbox rows into search updates (and hands
// notify.* rows to the notifications module). Rows are read in batches,
// repeated keys coalesce into one update, and a failure leaves the rows in
// place with a backoff, so nothing is lost while Meilisearch is down.
import { syncCampaigns } from "~/harvest/search.server";
import { deliverNotifications } from "~/notifications/deliver.server";
import { prisma } from "~/utils/db.server";
import { syncFts } from "./fts.server";
import { documentsFor, pushToMeili } from "./products.server";

const MAX_BACKOFF_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s … capped at 5 minutes; never gives up. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

type Row = { id: number; topic: string; key: string; attempts: number };

async function fail(rows: Row[], error: unknown, now: Date) {
  const message = (error as Error)?.message?.slice(0, 500) ?? String(error);
  for (const r of rows)
    await prisma.outbox.update({
      where: { id: r.id },
      data: {
        attempts: r.attempts + 1,
        lastError: message,
        availableAt: new Date(now.getTime() + backoffMs(r.attempts + 1)),
      },
    });
}

async function processSearch(rows: Row[], now: Date) {
  const productIds = new Set(rows.filter((r) => r.topic === "search.product").map((r) => r.key));
  const stallIds = [...new Set(rows.filter((r) => r.topic === "search.stall").map((r) => r.key))];
  if (stallIds.length) {
    const onStalls = await prisma.product.findMany({
      where: { stallId: { in: stallIds } },
      select: { id: true },
    });
    onStalls.forEach((p) => productIds.add(p.id));
  }
  try {
    const { upserts, deletes } = await documentsFor([...productIds]);
    await syncFts(upserts, deletes); // local: the fallback is fresh even while Meilisearch is down
    await pushToMeili(upserts, deletes);
    await syncCampaigns(rows.filter((r) => r.topic === "search.campaign").map((r) => r.key));
  } catch (e) {
    await fail(rows, e, now);
    return { processed: 0, failed: rows.length };
  }
  // only the rows we read: a change committed meanwhile keeps its own row
  await prisma.outbox.updateMany({
    where: { id: { in: rows.map((r) => r.id) } },
    data: { processedAt: new Date() },
  });
  return { processed: rows.length, failed: 0 };
}

/** One pass over due rows. Returns what it did; call until `processed + failed` is 0 to drain. */
export async function processOutbox({ batchSize = 500, now = new Date() } = {}) {
  const rows = await prisma.outbox.findMany({
    where: {
      processedAt: null,
      availableAt: { lte: now },
      OR: [{ topic: { startsWith: "search." } }, { topic: { startsWith: "notify." } }],
    },
    orderBy: { id: "asc" },
    take: batchSize,
    select: { id: true, topic: true, key: true, attempts: true, payload: true },
  });
  if (!rows.length) return { processed: 0, failed: 0 };
  const search = rows.filter((r) => r.topic.startsWith("search."));
  const notify = rows.filter((r) => r.topic.startsWith("notify."));
  const out = search.length ? await processSearch(search, now) : { processed: 0, failed: 0 };
  if (notify.length) {
    const n = await deliverNotifications(notify);
    out.processed += n.processed;
    out.failed += n.failed;
  }
  // unknown topics belong to someone else's worker: leave them alone
  return out;
}

/** Processes everything due right now (tests, the reindex script). */
export async function drainOutbox(maxRounds = 50) {
  let total = 0;
  for (let i = 0; i < maxRounds; i++) {
    const { processed, failed } = await processOutbox();
    total += processed;
    if (processed === 0 || failed > 0) break;
  }
  return total;
}
