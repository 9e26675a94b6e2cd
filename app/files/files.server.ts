import { prisma } from "~/utils/db.server";
import { env, s3Settings } from "~/utils/env.server";
import { LocalFileStore, S3FileStore, type FileShelf, type FileStore } from "./store.server";

// The app's file store, chosen once from the environment: S3 when S3_BUCKET is set,
// else the local disk under DATA_DIR (keys are paths below it, the layout of before).
// Every stored file set has a StoredFile row, written before its files: the clean-up
// finds orphans from the database, never from file times (docs/decisions/0075).

export const fileStore: FileStore = s3Settings
  ? new S3FileStore(s3Settings)
  : new LocalFileStore(env.DATA_DIR);

// a clean-up that claimed a key longer ago than this died on the way: an upload takes the key back
export const STUCK_MS = 10 * 60_000;

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

/**
 * Tells the database a file set is about to be written or reused: "stored" when it
 * knew the key (now marked used, so the clean-up leaves it for a grace period),
 * "new" when this call registered it and must write the files. While the clean-up is
 * removing the key's files this waits for it to finish, then writes them anew.
 */
export async function claimStoredFile(key: string): Promise<"stored" | "new"> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const now = new Date();
    const kept = await prisma.storedFile.updateMany({
      where: { key, deletingAt: null },
      data: { usedAt: now },
    });
    if (kept.count) return "stored";
    const retaken = await prisma.storedFile.updateMany({
      where: { key, deletingAt: { lt: new Date(now.getTime() - STUCK_MS) } },
      data: { usedAt: now, deletingAt: null },
    });
    if (retaken.count) return "new";
    try {
      await prisma.storedFile.create({ data: { key, usedAt: now } });
      return "new";
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    await new Promise((r) => setTimeout(r, 25)); // the clean-up is deleting it this moment
  }
  throw new Error(`Stored file ${key} stayed claimed by the clean-up`);
}

/** Forgets a file set whose files were just removed (an upload whose row was never written). */
export async function releaseStoredFile(key: string) {
  await prisma.storedFile.deleteMany({ where: { key, deletingAt: null } });
}

/** Product, stall and batch photos: uploads/<hash>/<width>.<ext>. */
export const photoShelf: FileShelf = {
  store: fileStore,
  prefix: "uploads/",
  claim: claimStoredFile,
  release: releaseStoredFile,
};
