import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { submitNewProduct } from "~/catalog/new-product.server";
import { productFormOptions } from "~/catalog/product-form.server";
import { ProductForm } from "~/catalog/components/product-form";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  return { stall: { id: stall.id }, options: await productFormOptions(stall) };
}

// Without JavaScript the form posts here; with it, the browser sends the same form to
// ./new/upload with XMLHttpRequest so the photo upload shows its progress.
export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await submitNewProduct(request, params.stallId!);
  if (outcome.ok) throw redirect(outcome.location);
  return data({ result: outcome.result }, { status: outcome.status });
}

export default function NewProduct() {
  const t = useT();
  const { stall, options } = useLoaderData<typeof loader>();
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
        uploadAction={`/console/stalls/${stall.id}/products/new/upload`}
        status={null}
      />
    </div>
  );
}
