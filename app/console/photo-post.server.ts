import { redirect } from "@remix-run/node";
import { PhotoError, processPhoto, type StoredPhoto } from "~/images/pipeline.server";
import { photoShelf } from "~/files/files.server";
import { env } from "~/utils/env.server";
import { ListingError } from "./products.server";
import { readUploadForm, uploadedFile } from "./upload.server";

type PhotoPost = {
  /** the page the photos belong to: plain form posts go back there */
  back: string;
  /** query added to `back` after an upload (the page's "saved" notice) */
  saved: string;
  add: (photo: StoredPhoto) => Promise<unknown>;
  remove: (photoId: string) => Promise<unknown>;
};

/**
 * Adds or removes one photo of a product or a stall. The uploader (XMLHttpRequest,
 * for its progress bar) gets JSON `{ ok, error? }`; a plain form post is redirected
 * back with `?photoError=` or the saved notice. Ownership is checked by the caller.
 */
export async function answerPhotoPost(request: Request, post: PhotoPost): Promise<Response> {
  let xhr = request.headers.get("X-Requested-With") === "XMLHttpRequest";
  const fail = (error: string, status: number) =>
    xhr
      ? Response.json({ ok: false, error }, { status })
      : redirect(`${post.back}?photoError=${encodeURIComponent(error)}`);
  let formData: FormData;
  try {
    formData = await readUploadForm(request);
  } catch (e) {
    // refused before the form could be read (too large, broken, CSRF)
    const d = e as { data?: { error?: string }; init?: { status?: number } | null };
    if (d && typeof d === "object" && d.data?.error)
      return fail(d.data.error, d.init?.status ?? 400);
    throw e;
  }
  xhr ||= formData.get("_xhr") === "1";
  if (formData.get("_action") === "remove") {
    await post.remove(String(formData.get("photoId") ?? ""));
    return xhr ? Response.json({ ok: true }) : redirect(post.back);
  }
  const file = await uploadedFile(formData, "photo");
  if (file === "tooLarge") return fail("photo.tooLarge", 413);
  if (!file) return fail("photo.missing", 400);
  try {
    await post.add(await processPhoto(file.buffer, photoShelf, env.UPLOAD_MAX_BYTES));
  } catch (e) {
    if (e instanceof PhotoError) return fail(e.code, 400);
    if (e instanceof ListingError) return fail(e.problems[0], 400);
    throw e;
  }
  return xhr ? Response.json({ ok: true }) : redirect(`${post.back}?${post.saved}`);
}
