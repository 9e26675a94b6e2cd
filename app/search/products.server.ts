import { randomBytes } from "node:crypto";
import type { Settings } from "meilisearch";
import { forSaleWhere, isForSale, ocopStars, validCertificates } from "~/domain/catalog";
import { alsoKnownAs, synonymMap } from "~/domain/search-terms";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { indexName, meili } from "./meili.server";

export const PRODUCTS = "products";

// Index settings are code: applied at start and on every reindex.
export const productSettings: Settings = {
  searchableAttributes: [
    "name",
    "keywords",
    "nameEn",
    "category",
    "stallName",
    "cooperative",
    "commune",
    "producer",
    "description",
  ],
  filterableAttributes: [
    "category",
    "categorySlug",
    "ocopStars",
    "certifications",
    "commune",
    "cooperative",
    "priceMin",
    "inStock",
    "stallVerified",
    "stallId",
  ],
  sortableAttributes: ["priceMin", "publishedAt", "ocopStars"],
  rankingRules: [
    "words",
    "typo",
    "proximity",
    "attribute",
    "sort",
    "exactness",
    "inStock:desc",
    "stallVerified:desc",
    "ocopStars:desc",
  ],
  // Vietnamese regional and everyday names for the same thing.
  synonyms: synonymMap(),
  typoTolerance: { minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 2000 },
};

export type ProductDocument = {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
  keywords: string[];
  description: string;
  category: string | null;
  categorySlug: string | null;
  stallId: string;
  stallName: string;
  stallSlug: string;
  stallVerified: boolean;
  cooperative: string | null;
  producer: string | null;
  commune: string;
  priceMin: number;
  priceMax: number;
  inStock: boolean;
  ocopStars: number | null;
  certifications: string[];
  photo: { hash: string; placeholder: string } | null;
  publishedAt: number;
};

export const productInclude = {
  category: true,
  household: true,
  variants: { where: { active: true }, orderBy: { position: "asc" } },
  photos: { orderBy: { position: "asc" }, take: 1 },
  certifications: true,
  stall: { include: { commune: true, cooperative: true, certifications: true } },
} as const;

type ProductRow = NonNullable<Awaited<ReturnType<typeof loadProduct>>>;

function loadProduct(id: string) {
  return prisma.product.findUnique({ where: { id }, include: productInclude });
}

export function toDocument(p: ProductRow, now = clockNow()): ProductDocument {
  const prices = p.variants.map((v) => v.priceVnd);
  const certs = validCertificates(
    [...p.certifications, ...p.stall.certifications.filter((c) => !c.productId)],
    now,
  );
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    nameEn: p.nameEn,
    keywords: alsoKnownAs(p.name),
    description: p.description.slice(0, 600),
    category: p.category?.nameVi ?? null,
    categorySlug: p.category?.slug ?? null,
    stallId: p.stallId,
    stallName: p.stall.name,
    stallSlug: p.stall.slug,
    stallVerified: p.stall.verification === "VERIFIED",
    cooperative: p.stall.cooperative?.name ?? null,
    producer: p.household?.name ?? null,
    commune: p.stall.commune.name,
    priceMin: prices.length ? Math.min(...prices) : 0,
    priceMax: prices.length ? Math.max(...prices) : 0,
    inStock: p.variants.some((v) => v.stock > 0),
    ocopStars: ocopStars(certs, now),
    certifications: [...new Set(certs.map((c) => c.kind))],
    photo: p.photos[0] ? { hash: p.photos[0].hash, placeholder: p.photos[0].placeholder } : null,
    publishedAt: (p.publishedAt ?? p.createdAt).getTime(),
  };
}

async function waitFor(taskUid: number) {
  const client = meili();
  if (!client) return;
  const task = await client.tasks.waitForTask(taskUid, { timeout: 120_000, interval: 50 });
  if (task.status !== "succeeded")
    throw new Error(`Meilisearch task ${taskUid} ${task.status}: ${task.error?.message}`);
}

export async function applyProductSettings(uid = indexName(PRODUCTS)) {
  const client = meili();
  if (!client) return;
  await waitFor((await client.createIndex(uid, { primaryKey: "id" })).taskUid).catch(
    () => undefined,
  );
  await waitFor((await client.index(uid).updateSettings(productSettings)).taskUid);
}

/** Documents for everything for sale, read in pages so memory stays flat. */
export async function* productDocuments(pageSize = 500): AsyncGenerator<ProductDocument[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.product.findMany({
      where: forSaleWhere,
      include: productInclude,
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (!rows.length) return;
    yield rows.filter(isForSale).map((r) => toDocument(r));
    cursor = rows[rows.length - 1].id;
  }
}

/** The newest outbox row now: what a rebuild has seen in the database. */
export async function outboxMark(): Promise<number> {
  return (await prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0;
}

/** Products touched by search outbox rows written after `mark` (a stall's row means all its products). */
export async function productsChangedSince(mark: number): Promise<string[]> {
  const rows = await prisma.outbox.findMany({
    where: { id: { gt: mark }, topic: { in: ["search.product", "search.stall"] } },
    select: { topic: true, key: true },
  });
  const ids = new Set(rows.filter((r) => r.topic === "search.product").map((r) => r.key));
  const stallIds = [...new Set(rows.filter((r) => r.topic === "search.stall").map((r) => r.key))];
  if (stallIds.length)
    (
      await prisma.product.findMany({ where: { stallId: { in: stallIds } }, select: { id: true } })
    ).forEach((p) => ids.add(p.id));
  return [...ids];
}

/** The name of a rebuild's new index: its own, so two rebuilds at once never share one. */
export function rebuildIndexName(live: string, at = Date.now()) {
  return `${live}_next_${at.toString(36)}_${randomBytes(4).toString("hex")}`;
}

// a rebuild that died (its process killed) leaves its new index behind: removed by a later one
const ABANDONED_AFTER_MS = 6 * 3600_000;
async function removeAbandonedRebuilds(live: string) {
  const client = meili()!;
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const ix of results) {
    const at = new RegExp(`^${live}_next_([0-9a-z]+)_[0-9a-f]{8}$`).exec(ix.uid)?.[1];
    if (at && Date.now() - parseInt(at, 36) > ABANDONED_AFTER_MS)
      await client
        .deleteIndex(ix.uid)
        .then((t) => waitFor(t.taskUid))
        .catch(() => undefined);
  }
}

/**
 * Rebuilds the products index from the database into a fresh index and swaps
 * it in, so searches never see a half-built index. The fresh index has a name of
 * its own (rebuildIndexName): two instances rebuilding at once each fill and swap
 * their own, the later swap wins with a complete index, neither deletes the other's
 * (decision 0094). A page of documents read
 * before a change can land after the worker's update of it, and the worker's
 * updates to the old index are thrown away by the swap: so the changes since
 * the start are applied again to the new index before the swap, and once more
 * after it for what came in between (searches may miss those for the moment
 * the swap and that last push take, as with any change before the worker runs).
 */
export async function reindexProducts(): Promise<number> {
  const client = meili();
  if (!client) return 0;
  const mark = await outboxMark();
  const live = indexName(PRODUCTS);
  const next = rebuildIndexName(live);
  await removeAbandonedRebuilds(live);
  await applyProductSettings(next);
  await applyProductSettings(live);
  let count = 0;
  try {
    for await (const docs of productDocuments()) {
      if (docs.length) await waitFor((await client.index(next).addDocuments(docs)).taskUid);
      count += docs.length;
    }
    // catch the new index up before the swap (so searches right after it see recent changes),
    // then once more after it for what the worker pushed to the old index in between
    const mark2 = await outboxMark();
    const before = await documentsFor(await productsChangedSince(mark));
    await pushToMeili(before.upserts, before.deletes, next);
    await waitFor((await client.swapIndexes([{ indexes: [live, next], rename: false }])).taskUid);
    const after = await documentsFor(await productsChangedSince(mark2));
    await pushToMeili(after.upserts, after.deletes);
  } finally {
    // after the swap it holds the old documents; after a failure, a half-built index
    await client
      .deleteIndex(next)
      .then((t) => waitFor(t.taskUid))
      .catch(() => undefined);
  }
  return count;
}

/** Current documents for these ids: for-sale ones to upsert, the rest (hidden, deleted, banned, gone) to delete. */
export async function documentsFor(
  ids: string[],
): Promise<{ upserts: ProductDocument[]; deletes: string[] }> {
  const upserts: ProductDocument[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await prisma.product.findMany({
      where: { id: { in: ids.slice(i, i + 500) } },
      include: productInclude,
    });
    for (const r of rows) {
      if (!isForSale(r)) continue;
      upserts.push(toDocument(r));
      seen.add(r.id);
    }
  }
  return { upserts, deletes: ids.filter((id) => !seen.has(id)) };
}

/** Pushes documents to Meilisearch and waits until they are searchable (throws if it cannot). */
export async function pushToMeili(
  upserts: ProductDocument[],
  deletes: string[],
  uid = indexName(PRODUCTS),
) {
  const client = meili();
  if (!client) return;
  const index = client.index(uid);
  if (upserts.length) await waitFor((await index.addDocuments(upserts)).taskUid);
  if (deletes.length) await waitFor((await index.deleteDocuments(deletes)).taskUid);
}

/** Re-reads one product and upserts or removes its document. */
export async function syncProduct(id: string) {
  const client = meili();
  if (!client) return;
  const row = await loadProduct(id);
  const index = client.index(indexName(PRODUCTS));
  if (row && isForSale(row)) await waitFor((await index.addDocuments([toDocument(row)])).taskUid);
  else await waitFor((await index.deleteDocument(id)).taskUid);
}
