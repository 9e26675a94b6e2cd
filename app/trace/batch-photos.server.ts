// Photos of a batch (harvest, processing), shown first on the provenance page.
import {
  discardPhotoFiles,
  PhotoError,
  processPhoto,
  type StoredPhoto,
} from "~/images/pipeline.server";
import { audit } from "~/utils/audit.server";
import { prisma, serializable } from "~/utils/db.server";
import { photoShelf } from "~/files/files.server";
import { env } from "~/utils/env.server";

export const MAX_BATCH_PHOTOS = 6;

export async function removeBatchPhoto(actorId: string, batchId: string, photoId: string) {
  await prisma.photo.deleteMany({ where: { id: photoId, batchId } });
  await audit({
    actorId,
    action: "batch.photo.remove",
    entity: "Batch",
    entityId: batchId,
    data: { photoId },
  });
}

/** Adds a photo after the others; the message key of what is wrong, or null. */
export async function addBatchPhoto(
  actorId: string,
  batch: { id: string; lot: string },
  file: { buffer: Buffer } | "tooLarge" | null,
): Promise<
  PhotoError["code"] | "batches.error.photos" | "photo.tooLarge" | "photo.missing" | null
> {
  if ((await prisma.photo.count({ where: { batchId: batch.id } })) >= MAX_BATCH_PHOTOS)
    return "batches.error.photos";
  if (file === "tooLarge") return "photo.tooLarge";
  if (!file) return "photo.missing";
  let photo: StoredPhoto;
  try {
    photo = await processPhoto(file.buffer, photoShelf, env.UPLOAD_MAX_BYTES);
  } catch (e) {
    if (e instanceof PhotoError) return e.code;
    throw e;
  }
  try {
    return await storeBatchPhoto(actorId, batch, photo);
  } catch (e) {
    await discardUnused(photo);
    throw e;
  }
}

/**
 * The photo's row, after the others and within the cap: counted and written in one
 * Serializable transaction, so two uploads at once on PostgreSQL cannot both take the
 * last place (the check above is only the fast answer before the photo is processed).
 */
export async function storeBatchPhoto(
  actorId: string,
  batch: { id: string; lot: string },
  photo: StoredPhoto,
): Promise<"batches.error.photos" | null> {
  const added = await serializable(async (tx) => {
    const position = await tx.photo.count({ where: { batchId: batch.id } });
    if (position >= MAX_BATCH_PHOTOS) return false;
    const row = await tx.photo.create({
      data: {
        batchId: batch.id,
        hash: photo.hash,
        width: photo.width,
        height: photo.height,
        placeholder: photo.placeholder,
        alt: batch.lot,
        position,
      },
    });
    await audit(
      {
        actorId,
        action: "batch.photo.add",
        entity: "Batch",
        entityId: batch.id,
        data: { photoId: row.id },
      },
      tx,
    );
    return true;
  });
  if (added) return null;
  await discardUnused(photo);
  return "batches.error.photos";
}

/** A photo whose row was not written: its files go unless another row uses them. */
async function discardUnused(photo: StoredPhoto) {
  if (photo.created && !(await prisma.photo.count({ where: { hash: photo.hash } })))
    await discardPhotoFiles(photoShelf, photo);
}
