// Database fallback for search: a full-text table over the folded (diacritics-free) text,
// kept beside Meilisearch. SQLite: an FTS5 table; PostgreSQL: a tsvector ('simple' over the
// folded text) with a GIN index (decision 0092). Created at runtime (not in a Prisma
// migration: Prisma models neither), rebuilt when empty, and updated by the same outbox
// worker that feeds Meilisearch, so it is as fresh as the database.
import { ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from "~/domain/search-terms";
import { prisma, usesPostgres, type Prisma } from "~/utils/db.server";
import { numbered } from "~/utils/pg-sql.server";
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

// the same `?` statements on both databases
const sql = (text: string) => (usesPostgres ? numbered(text) : text);

/** The table, on each database; on PostgreSQL behind a lock, as two instances may start at once. */
async function createTable() {
  if (!usesPostgres) {
    await prisma.$executeRawUnsafe(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${TABLE} USING fts5(id UNINDEXED, body, doc UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    return;
  }
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('${TABLE}'))`);
    await tx.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id text PRIMARY KEY, body text NOT NULL, doc text NOT NULL, tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)`,
    );
    await tx.$executeRawUnsafe(
      `CREATE INDEX IF NOT EXISTS ${TABLE}_tsv ON ${TABLE} USING gin (tsv)`,
    );
  });
}

/** One document in (SQLite: the caller deleted its row first; PostgreSQL: an upsert). */
function insertDoc(tx: Prisma.TransactionClient, d: ProductDocument) {
  return tx.$executeRawUnsafe(
    sql(
      `INSERT INTO ${TABLE} (id, body, doc) VALUES (?, ?, ?)` +
        (usesPostgres
          ? ` ON CONFLICT (id) DO UPDATE SET body = excluded.body, doc = excluded.doc`
          : ""),
    ),
    d.id,
    bodyOf(d),
    JSON.stringify(d),
  );
}

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
    await createTable();
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
  await createTable();
  let count = 0;
  const batches: ProductDocument[][] = [];
  for await (const docs of productDocuments()) batches.push(docs);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM ${TABLE}`);
    for (const docs of batches)
      for (const d of docs) {
        await insertDoc(tx, d);
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
    for (const id of [...(usesPostgres ? [] : upserts.map((d) => d.id)), ...deletes])
      await tx.$executeRawUnsafe(sql(`DELETE FROM ${TABLE} WHERE id = ?`), id);
    for (const d of upserts) await insertDoc(tx, d);
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

/**
 * The same query as ftsQuery for PostgreSQL's to_tsquery('simple', …): `&` between words,
 * `|` between synonyms, `<->` inside a phrase, `:*` for the prefix of the last word.
 */
export function tsQuery(q: string): string | null {
  const match = ftsQuery(q);
  if (!match) return null;
  // ftsQuery's words are [a-z0-9] only (folded), so the translation is a plain rewrite
  return match
    .replace(/"([^"]*)"(\*?)/g, (_, words: string, star: string) => {
      const ws = words.split(/[^a-z0-9]+/).filter(Boolean);
      const last = ws.length - 1;
      const t = ws.map((w, i) => (i === last && star ? `${w}:*` : w)).join(" <-> ");
      return ws.length > 1 ? `(${t})` : t;
    })
    .replace(/ AND /g, " & ")
    .replace(/ OR /g, " | ");
}

/** Matching documents, best first (bm25 on SQLite, ts_rank on PostgreSQL), at most `limit`. */
export async function ftsSearch(q: string, limit = 2000): Promise<ProductDocument[]> {
  await ensureFts();
  if (usesPostgres) {
    const tsq = tsQuery(q);
    const rows = tsq
      ? await prisma.$queryRawUnsafe<{ doc: string }[]>(
          `SELECT doc FROM ${TABLE}, to_tsquery('simple', $1) AS q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT $2`,
          tsq,
          limit,
        )
      : await prisma.$queryRawUnsafe<{ doc: string }[]>(`SELECT doc FROM ${TABLE} LIMIT $1`, limit);
    return rows.map((r) => JSON.parse(r.doc) as ProductDocument);
  }
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
