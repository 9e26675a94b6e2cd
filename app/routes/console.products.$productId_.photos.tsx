import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireProductAccess } from "~/console/access.server";
import { addProductPhoto, ListingError, removeProductPhoto } from "~/console/products.server";
import { readUploadForm, uploadedFile } from "~/console/upload.server";
import { PhotoError, processPhoto } from "~/images/pipeline.server";
import { env, uploadsDir } from "~/utils/env.server";

// Photo upload and removal for one product. Answers JSON to the XMLHttpRequest
// uploader and redirects back to the product page for a plain form post.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireProductAccess(request, params.productId!);
  throw redirect(`/console/products/${params.productId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await requireProductAccess(request, params.productId!);
  let formData: FormData;
  try {
    formData = await readUploadForm(request);
  } catch (e) {
    if (e && typeof e === "object" && "type" in e && "init" in e) {
      const d = e as unknown as { data: { error: string }; init: { status: number } | null };
      return reply(request, null, d.data.error, d.init?.status ?? 400);
    }
    throw e;
  }
  const xhr = formData.get("_xhr") === "1";
  const back = `/console/products/${product.id}`;
  if (formData.get("_action") === "remove") {
    await removeProductPhoto(user, product.id, String(formData.get("photoId") ?? ""));
    return xhr ? data({ ok: true }) : redirect(back);
  }
  const file = await uploadedFile(formData, "photo");
  if (file === "tooLarge") return reply(request, formData, "photo.tooLarge", 413);
  if (!file) return reply(request, formData, "photo.missing", 400);
  try {
    const photo = await processPhoto(file.buffer, uploadsDir, env.UPLOAD_MAX_BYTES);
    await addProductPhoto(user, product.id, photo, product.name);
  } catch (e) {
    if (e instanceof PhotoError) return reply(request, formData, e.code, 400);
    if (e instanceof ListingError) return reply(request, formData, e.problems[0], 400);
    throw e;
  }
  return xhr ? data({ ok: true }) : redirect(`${back}?saved=photo`);
}

function reply(request: Request, formData: FormData | null, error: string, status: number) {
  const xhr = formData?.get("_xhr") === "1" || request.headers.get("X-Requested-With") === "XMLHttpRequest";
  if (xhr) return data({ ok: false, error }, { status });
  const url = new URL(request.url);
  return redirect(`${url.pathname.replace(/\/photos$/, "")}?photoError=${encodeURIComponent(error)}`);
}
