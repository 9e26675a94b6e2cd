// Database fallback for search: an SQLite FTS5 table kept beside Meilisearch.
// Created at runtime (not in a Prisma migration: Prisma does not model virtual
// tables), rebuilt when empty, and updated by the same outbox worker that feeds
// Meilisearch, so it is as fresh as the database.
import { ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from "~/domain/search-terms";
import { prisma } from "~/utils/db.server";
import { fold } from "./params";
import {
  documentsFor,
  outboxMark,
  productDocuments,
  productsChangedSince,
  type ProductDocument,
} from "./products.server";

const TABLE = "search_fts";
let ready: Promise<void> | null = null;

function bodyOf(d: ProductDocument): string {
  return fold(
    [
      d.name,
      d.keywords.join(" "),
      d.nameEn ?? "",
      d.category ?? "",
      d.stallName,
      d.cooperative ?? "",
      d.commune,
      d.producer ?? "",
      d.description,
    ].join(" "),
  );
}

/** Creates the table if needed and fills it when empty. Cheap after the first call. */
export function ensureFts(): Promise<void> {
  ready ??= (async () => {
    await prisma.$executeRawUnsafe(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${TABLE} USING fts5(id UNINDEXED, body, doc UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT count(*) AS n FROM ${TABLE}`,
    );
    if (Number(rows[0]?.n ?? 0) === 0) await rebuildFts();
  })().catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}

export async function rebuildFts(): Promise<number> {
  const mark = await outboxMark();
  await prisma.$executeRawUnsafe(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${TABLE} USING fts5(id UNINDEXED, body, doc UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`,
  );
  let count = 0;
  const batches: ProductDocument[][] = [];
  for await (const docs of productDocuments()) batches.push(docs);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM ${TABLE}`);
    for (const docs of batches)
      for (const d of docs) {
        await tx.$executeRawUnsafe(
          `INSERT INTO ${TABLE} (id, body, doc) VALUES (?, ?, ?)`,
          d.id,
          bodyOf(d),
          JSON.stringify(d),
        );
        count++;
      }
  });
  // what the worker wrote while the documents were being read would be overwritten by the stale copy: apply it again
  const { upserts, deletes } = await documentsFor(await productsChangedSince(mark));
  if (upserts.length || deletes.length) await applyFts(upserts, deletes);
  return count;
}

/** Upserts documents for sale and removes the rest, in one transaction. */
export async function syncFts(upserts: ProductDocument[], deletes: string[]) {
  await ensureFts();
  await applyFts(upserts, deletes);
}

// (no ensureFts here: rebuildFts, which ensureFts may be running, calls it too)
async function applyFts(upserts: ProductDocument[], deletes: string[]) {
  await prisma.$transaction(async (tx) => {
    for (const id of [...upserts.map((d) => d.id), ...deletes])
      await tx.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE id = ?`, id);
    for (const d of upserts)
      await tx.$executeRawUnsafe(
        `INSERT INTO ${TABLE} (id, body, doc) VALUES (?, ?, ?)`,
        d.id,
        bodyOf(d),
        JSON.stringify(d),
      );
  });
}

const foldedGroups = [
  ...SYNONYM_GROUPS.map((g) => g.map(fold)),
  ...Object.entries(ONE_WAY_SYNONYMS).map(([w, also]) => [w, ...also].map(fold)),
];
// a one-way group ("trà" finds "chè") expands only from its first word
const groupOf = (w: string) =>
  foldedGroups.find((g, i) => (i < SYNONYM_GROUPS.length ? g.includes(w) : g[0] === w));
const phrase = (words: string) => `"${words.replace(/"/g, "")}"`;

/**
 * An FTS5 MATCH expression: every word must match (prefix match on the last
 * one, as people type), and each word or two-word phrase may be any of its
 * synonyms ("tra" also finds "che", "mang cau" also finds "na").
 */
export function ftsQuery(q: string): string | null {
  const words = fold(q)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
  if (!words.length) return null;
  const parts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : null;
    const g2 = two ? groupOf(two) : undefined;
    if (g2 && two) {
      parts.push(`(${g2.map(phrase).join(" OR ")})`);
      i++;
      continue;
    }
    const last = i === words.length - 1;
    const g = groupOf(words[i]);
    const self = last ? `${phrase(words[i])}*` : phrase(words[i]);
    parts.push(
      g ? `(${[self, ...g.filter((w) => w !== words[i]).map(phrase)].join(" OR ")})` : self,
    );
  }
  return parts.join(" AND ");
}

/** Matching documents, best first (bm25), at most `limit`. */
export async function ftsSearch(q: string, limit = 2000): Promise<ProductDocument[]> {
  await ensureFts();
  const match = ftsQuery(q);
  const rows = match
    ? await prisma.$queryRawUnsafe<{ doc: string }[]>(
        `SELECT doc FROM ${TABLE} WHERE ${TABLE} MATCH ? ORDER BY bm25(${TABLE}) LIMIT ?`,
        match,
        limit,
      )
    : await prisma.$queryRawUnsafe<{ doc: string }[]>(`SELECT doc FROM ${TABLE} LIMIT ?`, limit);
  return rows.map((r) => JSON.parse(r.doc) as ProductDocument);
}
