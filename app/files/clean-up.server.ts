import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { prisma } from "~/utils/db.server";
import {
  documentsDir as defaultDocumentsDir,
  env,
  uploadsDir as defaultUploadsDir,
} from "~/utils/env.server";

// Photo directories (data/uploads/<hash>/) and certificate scans
// (data/documents/<hash>.<ext>) are named by content and shared by every row with
// that content, so deleting a row never deletes files. This job removes what no row
// references any more, once it is older than a grace period: an upload writes its
// files before its row, so a fresh unreferenced file may be an upload in flight.
// See docs/decisions/0035-file-clean-up.md.

const PHOTO_DIR = /^[0-9a-f]{32}$/;
const DOCUMENT_FILE = /^[0-9a-f]{40}\.(pdf|jpg)$/;
// leftovers of an interrupted write (.tmp-*) or of this job stopped mid-way (.trash-*)
const LEFTOVER = /^\.(tmp|trash)-/;
const CHUNK = 500; // SQLite variables per IN (...) list, well under its limit

export type CleanUpCount = { removed: number; bytes: number; leftovers: number };
export type CleanUpResult = { photos: CleanUpCount; documents: CleanUpCount };
export type CleanUpOptions = {
  uploadsDir?: string;
  documentsDir?: string;
  graceMs?: number;
  now?: Date;
};

type Entry = { name: string; full: string; mtimeMs: number };

async function listOld(dir: string, cutoff: number): Promise<Entry[]> {
  const names = await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [] as string[];
    throw e;
  });
  const out: Entry[] = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const st = await fs.lstat(full).catch(() => null); // gone meanwhile: another process cleaned it
    if (st && st.mtimeMs < cutoff) out.push({ name, full, mtimeMs: st.mtimeMs });
  }
  return out;
}

/** Bytes of a file, or of the files in a directory (one level: photo directories are flat). */
async function sizeOf(full: string): Promise<number> {
  const st = await fs.lstat(full).catch(() => null);
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of await fs.readdir(full).catch(() => [] as string[]))
    total += await sizeOf(path.join(full, name));
  return total;
}

/**
 * Removes the entries among `candidates` whose key no row references. Each one is
 * first renamed out of the served name, then the references are read again: a row
 * written in between (the same picture uploaded again this very moment, which reuses
 * the existing files) gets its files put back instead of losing them.
 */
async function removeUnreferenced(
  dir: string,
  cutoff: number,
  candidates: Entry[],
  referenced: (keys: string[]) => Promise<Set<string>>,
  count: CleanUpCount,
) {
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    const used = await referenced(chunk.map((e) => e.name));
    const moved: { entry: Entry; trash: string; bytes: number }[] = [];
    for (const entry of chunk) {
      if (used.has(entry.name)) continue;
      // an upload reusing these files refreshes their time (processPhoto, storeDocument): look again
      const st = await fs.lstat(entry.full).catch(() => null);
      if (!st || st.mtimeMs >= cutoff) continue;
      const bytes = await sizeOf(entry.full);
      const trash = path.join(dir, `.trash-${entry.name}-${randomBytes(4).toString("hex")}`);
      // another process running this job may have taken it first
      if (
        !(await fs.rename(entry.full, trash).then(
          () => true,
          () => false,
        ))
      )
        continue;
      // fresh again, so another process never takes it for an old leftover while it may go back
      const now = new Date();
      await fs.utimes(trash, now, now).catch(() => {});
      moved.push({ entry, trash, bytes });
    }
    if (!moved.length) continue;
    const usedNow = await referenced(moved.map((m) => m.entry.name));
    for (const m of moved) {
      if (usedNow.has(m.entry.name)) {
        // referenced again: put it back unless a new upload already re-created it
        await fs
          .rename(m.trash, m.entry.full)
          .catch(() => fs.rm(m.trash, { recursive: true, force: true }));
        continue;
      }
      await fs.rm(m.trash, { recursive: true, force: true });
      count.removed += 1;
      count.bytes += m.bytes;
    }
  }
}

async function removeLeftovers(entries: Entry[], count: CleanUpCount) {
  for (const e of entries.filter((x) => LEFTOVER.test(x.name))) {
    count.bytes += await sizeOf(e.full);
    await fs.rm(e.full, { recursive: true, force: true });
    count.leftovers += 1;
  }
}

export async function cleanUpFiles(opts: CleanUpOptions = {}): Promise<CleanUpResult> {
  const uploadsDir = opts.uploadsDir ?? defaultUploadsDir;
  const documentsDir = opts.documentsDir ?? defaultDocumentsDir;
  const cutoff =
    (opts.now ?? new Date()).getTime() - (opts.graceMs ?? env.FILE_CLEANUP_GRACE_HOURS * 3_600_000);
  const photos: CleanUpCount = { removed: 0, bytes: 0, leftovers: 0 };
  const documents: CleanUpCount = { removed: 0, bytes: 0, leftovers: 0 };

  const oldUploads = await listOld(uploadsDir, cutoff);
  await removeUnreferenced(
    uploadsDir,
    cutoff,
    oldUploads.filter((e) => PHOTO_DIR.test(e.name)),
    async (hashes) =>
      new Set(
        (
          await prisma.photo.findMany({
            where: { hash: { in: hashes } },
            select: { hash: true },
            distinct: ["hash"],
          })
        ).map((p) => p.hash),
      ),
    photos,
  );
  await removeLeftovers(oldUploads, photos);

  const oldDocuments = await listOld(documentsDir, cutoff);
  await removeUnreferenced(
    documentsDir,
    cutoff,
    oldDocuments.filter((e) => DOCUMENT_FILE.test(e.name)),
    async (names) =>
      new Set(
        (
          await prisma.certification.findMany({
            where: { documentPath: { in: names } },
            select: { documentPath: true },
            distinct: ["documentPath"],
          })
        ).map((c) => c.documentPath!),
      ),
    documents,
  );
  await removeLeftovers(oldDocuments, documents);
  return { photos, documents };
}

/** The hourly job: cleans up and says what went, when something did. */
export async function fileCleanUpJob() {
  const r = await cleanUpFiles();
  const { photos: p, documents: d } = r;
  if (p.removed || p.leftovers || d.removed || d.leftovers)
    console.log(
      `[job file-clean-up] removed ${p.removed} photo(s) and ${p.leftovers} leftover upload(s), ${p.bytes} bytes; ` +
        `${d.removed} certificate document(s) and ${d.leftovers} leftover(s), ${d.bytes} bytes`,
    );
  return r;
}
