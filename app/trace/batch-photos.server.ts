// Photos of a batch (harvest, processing), shown first on the provenance page.
import { PhotoError, processPhoto } from "~/images/pipeline.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
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
  try {
    const photo = await processPhoto(file.buffer, photoShelf, env.UPLOAD_MAX_BYTES);
    const position = await prisma.photo.count({ where: { batchId: batch.id } });
    const row = await prisma.photo.create({
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
    await audit({
      actorId,
      action: "batch.photo.add",
      entity: "Batch",
      entityId: batch.id,
      data: { photoId: row.id },
    });
    return null;
  } catch (e) {
    if (e instanceof PhotoError) return e.code;
    throw e;
  }
}
