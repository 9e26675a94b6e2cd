// Photos of a batch (harvest, processing): shown first on the provenance page.
// POST multipart "photo" (or _action=remove&photoId=...); redirects back to the batch.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readUploadForm, uploadedFile } from "~/console/upload.server";
import { requireBatchAccess } from "~/trace/access.server";
import { addBatchPhoto, removeBatchPhoto } from "~/trace/batch-photos.server";

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
    await removeBatchPhoto(user.id, batch.id, String(formData.get("photoId") ?? ""));
    return redirect(`${back}#photos`);
  }
  const error = await addBatchPhoto(user.id, batch, await uploadedFile(formData, "photo"));
  if (error) return fail(error);
  return redirect(`${back}?photo=1#photos`);
}
