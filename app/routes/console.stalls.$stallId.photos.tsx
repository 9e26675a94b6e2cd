import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { ListingError } from "~/console/products.server";
import { addStallPhoto, removeStallPhoto } from "~/console/stall-photos.server";
import { readUploadForm, uploadedFile } from "~/console/upload.server";
import { PhotoError, processPhoto } from "~/images/pipeline.server";
import { requireStallAccess } from "~/utils/auth.server";
import { env, uploadsDir } from "~/utils/env.server";

// Stall photos (the farm, the tea hill): same pipeline and answers as product photos.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallAccess(request, params.stallId!);
  throw redirect(`/console/stalls/${params.stallId}/settings`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const back = `/console/stalls/${stall.id}/settings`;
  const xhrHeader = request.headers.get("X-Requested-With") === "XMLHttpRequest";
  const fail = (error: string, status: number, xhr: boolean) => (xhr ? data({ ok: false, error }, { status }) : redirect(`${back}?photoError=${encodeURIComponent(error)}`));
  let formData: FormData;
  try {
    formData = await readUploadForm(request);
  } catch (e) {
    const d = e as { data?: { error?: string }; init?: { status?: number } };
    if (d && typeof d === "object" && d.data?.error) return fail(d.data.error, d.init?.status ?? 400, xhrHeader);
    throw e;
  }
  const xhr = xhrHeader || formData.get("_xhr") === "1";
  if (formData.get("_action") === "remove") {
    await removeStallPhoto(user, stall.id, String(formData.get("photoId") ?? ""));
    return xhr ? data({ ok: true }) : redirect(back);
  }
  const file = await uploadedFile(formData, "photo");
  if (file === "tooLarge") return fail("photo.tooLarge", 413, xhr);
  if (!file) return fail("photo.missing", 400, xhr);
  try {
    await addStallPhoto(user, stall.id, await processPhoto(file.buffer, uploadsDir, env.UPLOAD_MAX_BYTES), stall.name);
  } catch (e) {
    if (e instanceof PhotoError) return fail(e.code, 400, xhr);
    if (e instanceof ListingError) return fail(e.problems[0], 400, xhr);
    throw e;
  }
  return xhr ? data({ ok: true }) : redirect(`${back}?saved=1`);
}
