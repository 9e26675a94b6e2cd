import { referencedLabelSheets } from "~/trace/label-sheets.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fileStore, STUCK_MS } from "./files.server";
import { LocalFileStore, type FileStore } from "./store.server";

// Stored files are named by content and shared by every row with that content, so
// deleting a row never deletes files. This job removes the file sets no row names
// any more, found from the database: every file set has a StoredFile row, written
// before its files (files.server.ts), whose usedAt each upload that writes or reuses
// it refreshes. A set unused for the grace period and named by no row is claimed
// (deletingAt, one conditional write: an upload refreshing it at the same moment
// wins), checked once more, and its files removed, then its row. Works the same on
// the local disk and on S3, with any number of instances running it.
// See docs/decisions/0035-file-clean-up.md and 0075-file-clean-up-from-the-database.md.

const CHUNK = 500; // names per IN (...) list, well under SQLite's limit

type Kind = {
  name: "photos" | "documents" | "labels";
  prefix: string;
  /** StoredFile keys of this kind (rows with other keys are never touched) */
  row: RegExp;
  /** The StoredFile key a stored object belongs to, or null for names this job never touches. */
  rowKey: (objectKey: string) => string | null;
  /** What to remove for a row key (a photo's directory of renditions, or one file). */
  objects: (rowKey: string) => string;
  /** Of these names (row key less the prefix), the ones some row still names. */
  referenced: (names: string[], now: Date) => Promise<Set<string>>;
};

const KINDS: Kind[] = [
  {
    name: "photos",
    prefix: "uploads/",
    row: /^uploads\/[0-9a-f]{32}$/,
    rowKey: (k) => /^(uploads\/[0-9a-f]{32})\/[^/]+$/.exec(k)?.[1] ?? null,
    objects: (k) => `${k}/`,
    referenced: async (hashes) =>
      new Set(
        (
          await prisma.photo.findMany({
            where: { hash: { in: hashes } },
            select: { hash: true },
            distinct: ["hash"],
          })
        ).map((p) => p.hash),
      ),
  },
  {
    name: "documents",
    prefix: "documents/",
    row: /^documents\/[0-9a-f]{40}\.(pdf|jpg)$/,
    rowKey: (k) => (/^documents\/[0-9a-f]{40}\.(pdf|jpg)$/.test(k) ? k : null),
    objects: (k) => k,
    referenced: async (names) =>
      new Set(
        (
          await prisma.certification.findMany({
            where: { documentPath: { in: names } },
            select: { documentPath: true },
            distinct: ["documentPath"],
          })
        ).map((c) => c.documentPath!),
      ),
  },
  {
    name: "labels",
    prefix: "labels/",
    row: /^labels\/[0-9a-f]{40}\.pdf$/,
    rowKey: (k) => (/^labels\/[0-9a-f]{40}\.pdf$/.test(k) ? k : null),
    objects: (k) => k,
    referenced: (names, now) => referencedLabelSheets(names, now),
  },
];

export type CleanUpCount = { removed: number; bytes: number; leftovers: number };
export type CleanUpResult = {
  photos: CleanUpCount;
  documents: CleanUpCount;
  labels: CleanUpCount;
  /** files found in the store that the database had no row for (stored before it kept them) */
  adopted: number;
};
export type CleanUpOptions = {
  store?: FileStore;
  graceMs?: number;
  now?: Date;
  /** list the store for files the database does not know yet (default: once a day per process) */
  adopt?: boolean;
};

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";
const ADOPT_EVERY_MS = 24 * 3_600_000;
let lastAdoption = 0;

/**
 * Gives the files stored before the database kept StoredFile rows (or by an older
 * version during an upgrade) a row, used now: unreferenced, they go one grace
 * period later like any other. Listing is the only thing read from the store.
 */
async function adopt(store: FileStore, kind: Kind, now: Date): Promise<number> {
  let adopted = 0;
  let batch = new Set<string>();
  const flush = async () => {
    const keys = [...batch];
    batch = new Set();
    if (!keys.length) return;
    const known = new Set(
      (
        await prisma.storedFile.findMany({ where: { key: { in: keys } }, select: { key: true } })
      ).map((r) => r.key),
    );
    for (const key of keys.filter((k) => !known.has(k))) {
      // another instance may adopt or an upload register the same key meanwhile
      await prisma.storedFile.create({ data: { key, usedAt: now } }).then(
        () => (adopted += 1),
        (e) => {
          if (!isUniqueViolation(e)) throw e;
        },
      );
    }
  };
  for await (const objectKey of store.list(kind.prefix)) {
    const key = kind.rowKey(objectKey);
    if (key) batch.add(key);
    if (batch.size >= CHUNK) await flush();
  }
  await flush();
  return adopted;
}

async function removeOrphans(
  store: FileStore,
  kind: Kind,
  now: Date,
  cutoff: Date,
  count: CleanUpCount,
) {
  const stuck = new Date(now.getTime() - STUCK_MS);
  const names = (keys: string[]) => keys.map((k) => k.slice(kind.prefix.length));
  let after = "";
  for (;;) {
    const rows = await prisma.storedFile.findMany({
      where: {
        key: { startsWith: kind.prefix, gt: after },
        usedAt: { lt: cutoff },
        OR: [{ deletingAt: null }, { deletingAt: { lt: stuck } }],
      },
      orderBy: { key: "asc" },
      take: CHUNK,
      select: { key: true },
    });
    if (!rows.length) return;
    after = rows[rows.length - 1].key;
    const keys = rows.map((r) => r.key).filter((k) => kind.row.test(k));
    const used = await kind.referenced(names(keys), now);
    const orphans = keys.filter((k) => !used.has(k.slice(kind.prefix.length)));
    if (!orphans.length) continue;
    // claim: an upload that refreshed usedAt since the read above keeps its files
    const claimedAt = new Date();
    const claimed: string[] = [];
    for (const key of orphans) {
      const r = await prisma.storedFile.updateMany({
        where: {
          key,
          usedAt: { lt: cutoff },
          OR: [{ deletingAt: null }, { deletingAt: { lt: stuck } }],
        },
        data: { deletingAt: claimedAt },
      });
      if (r.count) claimed.push(key);
    }
    if (!claimed.length) continue;
    // a row written between the first look and the claim names it again: give it back
    const usedNow = await kind.referenced(names(claimed), now);
    for (const key of claimed) {
      if (usedNow.has(key.slice(kind.prefix.length))) {
        await prisma.storedFile.updateMany({
          where: { key, deletingAt: claimedAt },
          data: { deletingAt: null, usedAt: claimedAt },
        });
        continue;
      }
      count.bytes += await store.remove(kind.objects(key));
      // an upload waiting for this key (claimStoredFile) registers it anew once the row is gone
      await prisma.storedFile.deleteMany({ where: { key, deletingAt: claimedAt } });
      count.removed += 1;
    }
  }
}

export async function cleanUpFiles(opts: CleanUpOptions = {}): Promise<CleanUpResult> {
  const store = opts.store ?? fileStore;
  const now = opts.now ?? new Date();
  const graceMs = opts.graceMs ?? env.FILE_CLEANUP_GRACE_HOURS * 3_600_000;
  const cutoff = new Date(now.getTime() - graceMs);
  const result: CleanUpResult = {
    photos: { removed: 0, bytes: 0, leftovers: 0 },
    documents: { removed: 0, bytes: 0, leftovers: 0 },
    labels: { removed: 0, bytes: 0, leftovers: 0 },
    adopted: 0,
  };
  const adopting = opts.adopt ?? Date.now() - lastAdoption >= ADOPT_EVERY_MS;
  if (adopting && opts.adopt === undefined) lastAdoption = Date.now();
  for (const kind of KINDS) {
    const count = result[kind.name];
    if (adopting) {
      result.adopted += await adopt(store, kind, now);
      if (store instanceof LocalFileStore) {
        const left = await store.removeLeftovers(kind.prefix, cutoff.getTime());
        count.leftovers += left.count;
        count.bytes += left.bytes;
      }
    }
    await removeOrphans(store, kind, now, cutoff, count);
  }
  return result;
}

/** The hourly job: cleans up and says what went, when something did. */
export async function fileCleanUpJob() {
  const r = await cleanUpFiles();
  const line = (["photos", "documents", "labels"] as const)
    .filter((k) => r[k].removed || r[k].leftovers)
    .map((k) => `${r[k].removed} ${k} and ${r[k].leftovers} leftover(s), ${r[k].bytes} bytes`);
  if (line.length || r.adopted)
    console.log(
      `[job file-clean-up] removed ${line.join("; ") || "nothing"}` +
        (r.adopted ? `; ${r.adopted} stored file set(s) adopted` : ""),
    );
  return r;
}
