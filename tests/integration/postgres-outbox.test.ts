// The outbox worker on several app instances (docs/decisions/0094): on PostgreSQL every
// instance drains the same Outbox table, each batch claimed with FOR UPDATE SKIP LOCKED.
// Two drainers run side by side on their own connections while products keep changing:
// every row is taken by exactly one of them, and the index ends with every product's last
// state (no update lost, none applied twice). Skipped in the SQLite pass (one instance).
import { beforeAll, describe, expect, it } from "vitest";
import { indexName, meili } from "~/search/meili.server";
import { enqueue, enqueueProductSync, enqueueStallSync } from "~/search/outbox.server";
import { PRODUCTS, type ProductDocument } from "~/search/products.server";
import { CLAIM_LEASE_MS, processOutbox } from "~/search/worker.server";
import { prisma, usesPostgres } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";

const T = `ob${Date.now().toString(36)}`;
const PRODUCTS_N = 12;
const EDITS = 8;

/** A worker loop as the job runs it: passes until nothing is due and `stop()` says so. */
function drainer(done: () => boolean) {
  const taken: number[] = [];
  const run = (async () => {
    for (;;) {
      const r = await processOutbox({ batchSize: 7 });
      taken.push(...r.ids);
      if (r.failed) throw new Error(`a batch failed`);
      if (!r.ids.length) {
        if (done()) return taken;
        await new Promise((ok) => setTimeout(ok, 5));
      }
    }
  })();
  return run;
}

const outboxIds = async (since: number) =>
  (
    await prisma.outbox.findMany({
      where: {
        id: { gt: since },
        OR: [{ topic: { startsWith: "search." } }, { topic: { startsWith: "notify." } }],
      },
      select: { id: true },
    })
  ).map((r) => r.id);

describe.skipIf(!usesPostgres)("PostgreSQL: the outbox drained by two instances", () => {
  beforeAll(async () => {
    await makeStall(T);
    for (let i = 0; i < PRODUCTS_N; i++) await makeProduct(`stall-${T}`, `${T}-${i}`);
    // nothing of the seed or the setup left due before the race
    while ((await processOutbox()).ids.length);
  });

  it("two drainers split the rows with no overlap while products keep changing; the index ends current", async () => {
    const mark = (await prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0;
    let editing = true;
    const drainers = [drainer(() => !editing), drainer(() => !editing)];
    // edits: each product renamed EDITS times, the stall touched now and then, SMS queued
    const edits = (async () => {
      for (let round = 0; round < EDITS; round++) {
        await Promise.all(
          Array.from({ length: PRODUCTS_N }, (_, i) =>
            prisma.$transaction(async (tx) => {
              await tx.product.update({
                where: { id: `prod-${T}-${i}` },
                data: { name: `Chè đợt ${round} số ${i} ${T}` },
              });
              await enqueueProductSync(tx, `prod-${T}-${i}`);
              await enqueue(
                tx,
                "notify.sms",
                `+849130${String(round * 100 + i).padStart(5, "0")}`,
                {
                  body: `thử ${T} ${round} ${i}`,
                },
              );
            }),
          ),
        );
        if (round % 3 === 0) await prisma.$transaction((tx) => enqueueStallSync(tx, `stall-${T}`));
      }
      editing = false;
    })();
    await edits;
    const [a, b] = await Promise.all(drainers);

    const all = await outboxIds(mark);
    expect(all.length).toBe(PRODUCTS_N * EDITS * 2 + Math.ceil(EDITS / 3));
    // each row taken once, by one of the two
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(all.sort((x, y) => x - y));
    // both did some of the work
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(await prisma.outbox.count({ where: { id: { in: all }, processedAt: null } })).toBe(0);
    // every SMS written once
    expect(await prisma.notification.count({ where: { body: { contains: `thử ${T}` } } })).toBe(
      PRODUCTS_N * EDITS,
    );
    // the index holds every product's last name
    const index = meili()!.index(indexName(PRODUCTS));
    for (let i = 0; i < PRODUCTS_N; i++) {
      const doc = await index.getDocument<ProductDocument>(`prod-${T}-${i}`);
      expect(doc.name).toBe(`Chè đợt ${EDITS - 1} số ${i} ${T}`);
    }
  });

  it("a row claimed by an instance that died is taken again once its lease ends; a product held by one worker waits", async () => {
    await prisma.$transaction(async (tx) => {
      await tx.product.update({ where: { id: `prod-${T}-0` }, data: { name: `Chè mồ côi ${T}` } });
      await enqueueProductSync(tx, `prod-${T}-0`);
    });
    const row = await prisma.outbox.findFirstOrThrow({
      where: { topic: "search.product", key: `prod-${T}-0`, processedAt: null },
    });
    // an instance claims it and dies before pushing: what its claim leaves behind
    await prisma.outbox.update({
      where: { id: row.id },
      data: { availableAt: new Date(Date.now() + CLAIM_LEASE_MS) },
    });
    // a later change to the same product: not taken while the first is held (it could land first)
    await prisma.$transaction((tx) => enqueueProductSync(tx, `prod-${T}-0`));
    expect((await processOutbox()).ids).toEqual([]);
    // after the lease: both go to the next worker, once
    const later = await processOutbox({ now: new Date(Date.now() + CLAIM_LEASE_MS + 1000) });
    expect(later.ids).toContain(row.id);
    expect(later.ids).toHaveLength(2);
    expect(
      (await processOutbox({ now: new Date(Date.now() + CLAIM_LEASE_MS + 2000) })).ids,
    ).toEqual([]);
    const doc = await meili()!
      .index(indexName(PRODUCTS))
      .getDocument<ProductDocument>(`prod-${T}-0`);
    expect(doc.name).toBe(`Chè mồ côi ${T}`);
  });
});
