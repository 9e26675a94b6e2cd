import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { requireProductAccess } from "~/catalog/access.server";
import { parseProductForm, productFormOptions } from "~/catalog/product-form.server";
import { ListingError, setProductState, updateProduct } from "~/console/products.server";
import { Notice } from "~/components/notice";
import { BackLink } from "~/components/back-link";
import { AuthenticityTokenInput } from "~/components/csrf";
import { PhotoManager } from "~/components/photo-uploader";
import { ProductForm } from "~/catalog/components/product-form";
import { AuditHistory } from "~/components/audit-history";
import { loadHistory } from "~/audit/history.server";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import type { RootData } from "~/root";
import { variantsWithCodesOut } from "~/trace/batches.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatVndInput } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.product.name ?? ""} · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { product, stall } = await requireProductAccess(request, params.productId!);
  const [full, options, history] = await Promise.all([
    prisma.product.findUniqueOrThrow({
      where: { id: product.id },
      include: {
        variants: { where: { active: true }, orderBy: { position: "asc" } },
        photos: { orderBy: { position: "asc" } },
        certifications: true,
        household: true,
      },
    }),
    productFormOptions(stall),
    loadHistory("Product", product.id, await getLocale(request)),
  ]);
  return {
    stall: { id: stall.id, name: stall.name },
    product: {
      id: full.id,
      name: full.name,
      slug: full.slug,
      status: full.status,
      producer: full.household?.name ?? null,
      photos: full.photos.map((p) => ({
        id: p.id,
        hash: p.hash,
        placeholder: p.placeholder,
        width: p.width,
        height: p.height,
      })),
    },
    defaults: {
      name: full.name,
      nameEn: full.nameEn ?? "",
      categoryId: full.categoryId ?? "",
      householdId: full.householdId ?? "",
      description: full.description,
      perishable: full.perishable,
      certificationIds: full.certifications.map((c) => c.id),
      variants: full.variants.map((v) => ({
        id: v.id,
        label: v.label,
        weightGrams: v.weightGrams?.toString() ?? "",
        price: formatVndInput(v.priceVnd),
        stock: String(v.stock),
        stockBase: String(v.stock),
        gtin: v.gtin ?? "",
        sku: v.sku ?? "",
      })),
    },
    options,
    history,
    lockedGtins: [
      ...(await variantsWithCodesOut(
        prisma,
        full.variants.filter((v) => v.gtin).map((v) => v.id),
      )),
    ],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product, stall } = await requireProductAccess(request, params.productId!);
  const formData = await readForm(request);
  const op = formData.get("_action");
  try {
    if (op === "hide" || op === "show" || op === "delete") {
      await setProductState(
        user,
        product.id,
        op === "hide" ? "HIDDEN" : op === "show" ? "ACTIVE" : "DELETED",
      );
      if (op === "delete") throw redirect(`/console/stalls/${stall.id}/products?deleted=1`);
      throw redirect(`/console/products/${product.id}?saved=${op}`);
    }
    const parsed = await parseProductForm(formData, stall);
    if ("invalid" in parsed)
      return data({ result: parsed.invalid, problems: null }, { status: 400 });
    try {
      await updateProduct(
        user,
        product.id,
        { ...parsed.input, certificationIds: parsed.input.certificationIds ?? [] },
        parsed.producerId,
      );
    } catch (e) {
      if (e instanceof ListingError) {
        const errors = e.field
          ? { fieldErrors: { [e.field]: e.problems } }
          : { formErrors: e.problems };
        return data({ result: parsed.submission.reply(errors), problems: null }, { status: 400 });
      }
      throw e;
    }
    throw redirect(`/console/products/${product.id}?saved=${parsed.input.intent}`);
  } catch (e) {
    if (e instanceof ListingError)
      return data({ result: null, problems: e.problems }, { status: 400 });
    throw e;
  }
}

export default function EditProduct() {
  const t = useT();
  const { stall, product, defaults, options, history, lockedGtins } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const root = useRouteLoaderData<RootData>("root");
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const problems = actionData && "problems" in actionData ? actionData.problems : null;
  return (
    <div className="space-y-4">
      <BackLink to={`/console/stalls/${stall.id}/products`}>← {stall.name}</BackLink>
      <header>
        <h1 className="text-2xl font-bold">{product.name}</h1>
        <p className="text-sm">
          <span
            className="rounded bg-tea-100 px-2 py-0.5 font-semibold text-tea-800"
            data-testid="product-status"
          >
            {translateText(t, `listing.status.${product.status}`)}
          </span>
          {product.producer ? (
            <span className="ml-2 text-stone-600">
              {t("listing.producedBy", { name: product.producer })}
            </span>
          ) : null}
        </p>
        {product.status === "ACTIVE" ? (
          <Link to={`/products/${product.slug}`} className="text-sm text-tea-800 underline">
            {t("listing.viewInStore")}
          </Link>
        ) : null}
      </header>
      {saved ? <Notice>{translateText(t, `listing.saved.${saved}`)}</Notice> : null}
      {problems?.length ? (
        <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          <ul className="list-disc pl-4">
            {problems.map((p) => (
              <li key={p}>{translateText(t, p)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <PhotoManager
        title={t("listing.photos")}
        empty={t("listing.noPhotos")}
        photos={product.photos}
        action={`/console/products/${product.id}/photos`}
        csrf={root?.csrf ?? ""}
        error={params.get("photoError")}
      />

      <ProductForm
        lastResult={actionData && "result" in actionData ? actionData.result : null}
        defaultValue={defaults}
        categories={options.categories}
        producers={options.producers}
        certificates={options.certificates}
        withPhoto={false}
        status={product.status}
        lockedGtins={lockedGtins}
      />

      <section className="card flex flex-wrap gap-2 p-4">
        <Form method="post">
          <AuthenticityTokenInput />
          {product.status === "HIDDEN" ? (
            <button name="_action" value="show" className="btn-secondary">
              {t("listing.show")}
            </button>
          ) : product.status === "ACTIVE" ? (
            <button name="_action" value="hide" className="btn-secondary">
              {t("listing.hide")}
            </button>
          ) : null}
        </Form>
        <Form
          method="post"
          onSubmit={(e) => {
            if (!confirm(t("listing.deleteConfirm"))) e.preventDefault();
          }}
        >
          <AuthenticityTokenInput />
          <button name="_action" value="delete" className="btn-secondary text-red-700">
            {t("listing.delete")}
          </button>
        </Form>
      </section>

      <AuditHistory entries={history} />
    </div>
  );
}
