import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductCard } from "~/components/product-card";
import { useT } from "~/i18n/react";
import { loadCards, publicOrigin } from "~/storefront/cards.server";
import { seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const category = await prisma.category.findUnique({ where: { slug: params.slug ?? "" } });
  if (!category) throw new Response("Not found", { status: 404 });
  const locale = await getLocale(request);
  const name = locale === "en" ? category.nameEn : category.nameVi;
  return { slug: category.slug, name, products: await loadCards({ categoryId: category.id }, 48), url: `${publicOrigin(request)}/categories/${category.slug}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? seoMeta({ title: data.name, description: `${data.name} từ hộ sản xuất và hợp tác xã Thái Nguyên: chè, mật ong, nông sản OCOP.`, url: data.url }) : [];

export default function CategoryPage() {
  const t = useT();
  const { slug, name, products } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{name}</h1>
      <Link to={`/search?category=${slug}`} className="text-sm underline">{t("search.filters")} →</Link>
      {products.length ? (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">{products.map((p) => <ProductCard key={p.slug} product={p} />)}</ul>
      ) : (
        <p>{t("sf.noProducts")}</p>
      )}
    </div>
  );
}
