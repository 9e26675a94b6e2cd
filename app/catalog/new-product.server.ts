import type { SubmissionResult } from "@conform-to/react";
import { PhotoError, processPhoto, type StoredPhoto } from "~/images/pipeline.server";
import { requireStallAccess } from "~/stalls/access.server";
import { photoShelf } from "~/files/files.server";
import { env } from "~/utils/env.server";
import { parseProductForm } from "./product-form.server";
import { createProduct, ListingError } from "~/console/products.server";
import { readUploadForm, textFields, uploadedFile } from "~/console/upload.server";

export type NewProductOutcome =
  | { ok: true; location: string }
  | { ok: false; result: SubmissionResult<string[]> | undefined; status: number };

/**
 * The "new product" form (fields + first photo), shared by the page's action (plain
 * form post: redirect or the form again) and its upload twin that the browser calls
 * with XMLHttpRequest to show upload progress (JSON).
 */
export async function submitNewProduct(
  request: Request,
  stallId: string,
): Promise<NewProductOutcome> {
  const { user, stall } = await requireStallAccess(request, stallId);
  const formData = await readUploadForm(request);
  const parsed = await parseProductForm(textFields(formData), stall);
  if ("invalid" in parsed) return { ok: false, result: parsed.invalid, status: 400 };
  const { submission, input, producerId } = parsed;
  const fail = (key: string): NewProductOutcome => ({
    ok: false,
    result: submission.reply({ fieldErrors: { photo: [key] } }),
    status: 400,
  });

  const file = await uploadedFile(formData, "photo");
  if (file === "tooLarge") return fail("photo.tooLarge");
  if (!file && input.intent === "publish") return fail("listing.photoRequired");
  let photo: StoredPhoto | null = null;
  if (file) {
    try {
      photo = await processPhoto(file.buffer, photoShelf, env.UPLOAD_MAX_BYTES);
    } catch (e) {
      if (e instanceof PhotoError) return fail(e.code);
      throw e;
    }
  }
  try {
    const product = await createProduct(
      user,
      stall,
      { ...input, certificationIds: input.certificationIds ?? [] },
      producerId,
      photo,
    );
    return { ok: true, location: `/console/products/${product.id}?saved=${input.intent}` };
  } catch (e) {
    if (e instanceof ListingError)
      return { ok: false, result: submission.reply({ formErrors: e.problems }), status: 400 };
    throw e;
  }
}
