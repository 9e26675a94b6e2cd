import { discardPhotoFiles, type StoredPhoto } from "~/images/pipeline.server";
import { enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, serializable } from "~/utils/db.server";
import { photoShelf } from "~/files/files.server";
import { ListingError } from "./products.server";

export const MAX_STALL_PHOTOS = 6;

export async function addStallPhoto(
  user: SessionUser,
  stallId: string,
  photo: StoredPhoto,
  alt: string,
) {
  try {
    // count then insert: Serializable, so two uploads at once on PostgreSQL cannot both take the last place
    return await serializable(async (tx) => {
      const count = await tx.photo.count({ where: { stallId } });
      if (count >= MAX_STALL_PHOTOS) throw new ListingError(["photo.tooMany"]);
      const row = await tx.photo.create({
        data: {
          stallId,
          hash: photo.hash,
          width: photo.width,
          height: photo.height,
          placeholder: photo.placeholder,
          alt,
          position: count,
        },
      });
      await audit(
        {
          actorId: user.id,
          action: "stall.photo.add",
          entity: "Stall",
          entityId: stallId,
          data: { photoId: row.id },
        },
        tx,
      );
      await enqueueStallSync(tx, stallId);
      return row;
    });
  } catch (e) {
    if (photo.created && !(await prisma.photo.count({ where: { hash: photo.hash } })))
      await discardPhotoFiles(photoShelf, photo);
    throw e;
  }
}

export async function removeStallPhoto(user: SessionUser, stallId: string, photoId: string) {
  await prisma.$transaction(async (tx) => {
    const gone = await tx.photo.deleteMany({ where: { id: photoId, stallId } });
    if (!gone.count) return;
    await audit(
      {
        actorId: user.id,
        action: "stall.photo.remove",
        entity: "Stall",
        entityId: stallId,
        data: { photoId },
      },
      tx,
    );
    await enqueueStallSync(tx, stallId);
  });
}
