// Photos of a batch (harvest, processing): shown first on the provenance page.
// POST multipart "photo" (or _action=remove&photoId=...); redirects back to the batch.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readUploadForm, uploadedFile } from "~/console/upload.server";
import { PhotoError, processPhoto } from "~/images/pipeline.server";
import { requireBatchAccess } from "~/trace/batches.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { env, uploadsDir } from "~/utils/env.server";

const MAX_BATCH_PHOTOS = 6;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall, batch } = await requireBatchAccess(
    request,
    params.stallId!,
    params.batchId!,
  );
  const back = `/console/stalls/${stall.id}/batches/${batch.id}`;
  const fail = (error: string) =>
    redirect(`${back}?photoError=${encodeURIComponent(error)}#photos`);
  let formData: FormData;
  try {
    formData = await readUploadForm(request);
  } catch (e) {
    if (e && typeof e === "object" && "data" in e)
      return fail((e as { data: { error: string } }).data.error);
    throw e;
  }
  if (formData.get("_action") === "remove") {
    const id = String(formData.get("photoId") ?? "");
    await prisma.photo.deleteMany({ where: { id, batchId: batch.id } });
    await audit({
      actorId: user.id,
      action: "batch.photo.remove",
      entity: "Batch",
      entityId: batch.id,
      data: { photoId: id },
    });
    return redirect(`${back}#photos`);
  }
  if ((await prisma.photo.count({ where: { batchId: batch.id } })) >= MAX_BATCH_PHOTOS)
    return fail("batches.error.photos");
  const file = await uploadedFile(formData, "photo");
  if (file === "tooLarge") return fail("photo.tooLarge");
  if (!file) return fail("photo.missing");
  try {
    const photo = await processPhoto(file.buffer, uploadsDir, env.UPLOAD_MAX_BYTES);
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
      actorId: user.id,
      action: "batch.photo.add",
      entity: "Batch",
      entityId: batch.id,
      data: { photoId: row.id },
    });
  } catch (e) {
    if (e instanceof PhotoError) return fail(e.code);
    throw e;
  }
  return redirect(`${back}?photo=1#photos`);
}
