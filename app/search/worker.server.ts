// The outbox worker: turns committed Outbox rows into search updates (and hands
// notify.* rows to the notifications module). Rows are read in batches,
// repeated keys coalesce into one update, and a failure leaves the rows in
// place with a backoff, so nothing is lost while Meilisearch is down.
// Several app instances on PostgreSQL each run this worker: a batch is claimed with
// `FOR UPDATE SKIP LOCKED` (claimDue), so each row goes to one of them (decision 0094).
import { syncCampaigns } from "~/harvest/search.server";
import { deliverNotifications } from "~/notifications/deliver.server";
import { prisma, readSqlAsync, usesPostgres } from "~/utils/db.server";
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

type DueRow = Row & { payload: string };

/**
 * How long a claimed batch is this worker's on PostgreSQL: its rows are due again after it,
 * so the rows of an instance that died mid-batch are taken up by another one.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

const topics = (t: string) => `(${t} LIKE 'search.%' OR ${t} LIKE 'notify.%')`;
// A search row is not taken while another worker holds one that writes the same documents
// (same topic and key; a stall's row writes all its products): that worker may have read the
// product before this row's change and push after us, leaving the older state in the index.
const IN_FLIGHT = `EXISTS (SELECT 1 FROM "Outbox" b WHERE b."processedAt" IS NULL AND b."availableAt" > $2
  AND b."topic" LIKE 'search.%' AND (
    (b."topic" = o."topic" AND b."key" = o."key")
    OR (b."topic" = 'search.stall' AND o."topic" = 'search.product'
      AND EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = o."key" AND p."stallId" = b."key"))
    OR (b."topic" = 'search.product' AND o."topic" = 'search.stall'
      AND EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = b."key" AND p."stallId" = o."key"))))`;

/**
 * The due rows, oldest first. SQLite (one instance): read them. PostgreSQL: claim them in one
 * short transaction, `FOR UPDATE SKIP LOCKED` so two workers never take the same row, and the
 * claimed rows' `availableAt` moved CLAIM_LEASE_MS on, so no other worker takes them while
 * this one works on them (or until the lease ends, if it dies). Claims queue on a
 * transaction-scoped advisory lock and run at Read Committed, so each claim's statement sees
 * every earlier claim's lease (IN_FLIGHT).
 */
async function claimDue(batchSize: number, now: Date): Promise<DueRow[]> {
  if (!usesPostgres)
    return prisma.outbox.findMany({
      where: {
        processedAt: null,
        availableAt: { lte: now },
        OR: [{ topic: { startsWith: "search." } }, { topic: { startsWith: "notify." } }],
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, topic: true, key: true, attempts: true, payload: true },
    });
  // nothing due: no transaction, no lock (every instance asks every second)
  const any = await readSqlAsync().get(
    `SELECT 1 AS due FROM "Outbox" WHERE "processedAt" IS NULL AND "availableAt" <= ? AND ${topics('"topic"')} LIMIT 1`,
    now,
  );
  if (!any) return [];
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS);
  const rows = await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('xutra:outbox-claim'))`);
    return tx.$queryRawUnsafe<DueRow[]>(
      `UPDATE "Outbox" SET "availableAt" = $1 WHERE "id" IN (
        SELECT o."id" FROM "Outbox" o
        WHERE o."processedAt" IS NULL AND o."availableAt" <= $2 AND ${topics('o."topic"')}
          AND NOT (o."topic" LIKE 'search.%' AND ${IN_FLIGHT})
        ORDER BY o."id" LIMIT $3 FOR UPDATE OF o SKIP LOCKED)
      RETURNING "id", "topic", "key", "attempts", "payload"`,
      lease,
      now,
      batchSize,
    );
  });
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * One pass over due rows. Returns what it did and the ids of the rows it took; call until
 * `processed + failed` is 0 to drain.
 */
export async function processOutbox({ batchSize = 500, now = new Date() } = {}) {
  const rows = await claimDue(batchSize, now);
  if (!rows.length) return { processed: 0, failed: 0, ids: [] as number[] };
  const search = rows.filter((r) => r.topic.startsWith("search."));
  const notify = rows.filter((r) => r.topic.startsWith("notify."));
  const out = search.length ? await processSearch(search, now) : { processed: 0, failed: 0 };
  if (notify.length) {
    const n = await deliverNotifications(notify);
    out.processed += n.processed;
    out.failed += n.failed;
  }
  // unknown topics belong to someone else's worker: leave them alone
  return { ...out, ids: rows.map((r) => r.id) };
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
