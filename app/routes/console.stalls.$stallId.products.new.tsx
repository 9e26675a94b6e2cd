import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createProduct, ListingError } from "~/console/products.server";
import { parseProductForm, productFormOptions } from "~/console/product-form.server";
import { textFields, uploadedFile, readUploadForm } from "~/console/upload.server";
import { ProductForm } from "~/components/product-form";
import { PhotoError, processPhoto, type StoredPhoto } from "~/images/pipeline.server";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/utils/auth.server";
import { env, uploadsDir } from "~/utils/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  return { options: await productFormOptions(stall) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readUploadForm(request);
  const fields = textFields(formData);
  const parsed = await parseProductForm(fields, stall);
  if ("error" in parsed) return parsed.error;
  const { submission, input, producerId } = parsed;
  const fail = (key: string) => data({ result: submission.reply({ fieldErrors: { photo: [key] } }) }, { status: 400 });

  const file = await uploadedFile(formData, "photo");
  if (file === "tooLarge") return fail("photo.tooLarge");
  if (!file && input.intent === "publish") return fail("listing.photoRequired");
  let photo: StoredPhoto | null = null;
  if (file) {
    try {
      photo = await processPhoto(file.buffer, uploadsDir, env.UPLOAD_MAX_BYTES);
    } catch (e) {
      if (e instanceof PhotoError) return fail(e.code);
      throw e;
    }
  }
  try {
    const product = await createProduct(user, stall, { ...input, certificationIds: input.certificationIds ?? [] }, producerId, photo);
    throw redirect(`/console/products/${product.id}?saved=${input.intent}`);
  } catch (e) {
    if (e instanceof ListingError) return data({ result: submission.reply({ formErrors: e.problems }) }, { status: 400 });
    throw e;
  }
}

export default function NewProduct() {
  const t = useT();
  const { options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-semibold">{t("listing.new")}</h2>
      <p className="text-sm text-stone-600">{t("listing.draftHint")}</p>
      <ProductForm
        lastResult={actionData?.result}
        defaultValue={{}}
        categories={options.categories}
        producers={options.producers}
        certificates={options.certificates}
        withPhoto
        status={null}
      />
    </div>
  );
}

