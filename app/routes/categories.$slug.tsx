import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductGrid } from "~/components/product-card";
import { useT } from "~/i18n/react";
import { loadCards, publicOrigin } from "~/storefront/cards.server";
import { JsonLd } from "~/storefront/json-ld";
import { itemListLd, metaLocale, metaT, safeJsonLd, seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const category = await prisma.category.findUnique({ where: { slug: params.slug ?? "" } });
  if (!category) throw new Response("Not found", { status: 404 });
  const locale = await getLocale(request);
  const name = locale === "en" ? category.nameEn : category.nameVi;
  const origin = publicOrigin(request);
  const url = `${origin}/categories/${category.slug}`;
  const products = await loadCards({ categoryId: category.id }, { take: 48, locale });
  const jsonLd = safeJsonLd({
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name,
    url,
    mainEntity: itemListLd(origin, products),
  });
  return { slug: category.slug, name, products, url, jsonLd };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? seoMeta({
        title: data.name,
        description: metaT(matches)("meta.category", { name: data.name }),
        url: data.url,
        locale: metaLocale(matches),
      })
    : [];

export default function CategoryPage() {
  const t = useT();
  const { slug, name, products, jsonLd } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <JsonLd json={jsonLd} />
      <h1 className="text-2xl font-bold">{name}</h1>
      <Link to={`/search?category=${slug}`} className="text-sm underline">
        {t("search.filters")} →
      </Link>
      <ProductGrid products={products} empty={<p>{t("sf.noProducts")}</p>} />
    </div>
  );
}
