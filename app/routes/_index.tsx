import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductCard } from "~/components/product-card";
import { inSeason, isForSale, ocopStars, validCertificates } from "~/domain/catalog";
import { useT } from "~/i18n/react";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [
  { title: "Xứ Trà · Chợ nông sản số Thái Nguyên" },
  { name: "description", content: "Chè Tân Cương, mật ong, na La Hiên và sản phẩm OCOP mua thẳng từ hộ sản xuất và hợp tác xã Thái Nguyên." },
  { property: "og:title", content: "Xứ Trà · Chợ nông sản số Thái Nguyên" },
  { property: "og:type", content: "website" },
];

const forSale = { status: "ACTIVE", deletedAt: null, stall: { banned: false, status: { not: "CLOSED" } } } as const;
const cardInclude = {
  variants: { where: { active: true } },
  photos: { orderBy: { position: "asc" }, take: 1 },
  certifications: true,
  stall: { include: { commune: true } },
} as const;

type CardRow = Awaited<ReturnType<typeof loadCards>>[number];
function loadCards(where: object, take: number) {
  return prisma.product.findMany({ where: { ...forSale, ...where }, include: cardInclude, orderBy: { publishedAt: "desc" }, take });
}

function toCard(p: CardRow) {
  const prices = p.variants.map((v) => v.priceVnd);
  return {
    slug: p.slug,
    name: p.name,
    priceMin: prices.length ? Math.min(...prices) : 0,
    inStock: p.variants.some((v) => v.stock > 0),
    ocopStars: ocopStars(validCertificates(p.certifications)),
    stallName: p.stall.name,
    commune: p.stall.commune.name,
    photo: p.photos[0] ? { hash: p.photos[0].hash, placeholder: p.photos[0].placeholder } : null,
  };
}

export async function loader(_: LoaderFunctionArgs) {
  const month = new Date().getMonth() + 1;
  const [featured, seasonal, cooperatives] = await Promise.all([
    loadCards({ featured: true }, 8),
    loadCards({ seasonFrom: { not: null } }, 60),
    prisma.cooperative.findMany({ include: { commune: true, _count: { select: { memberships: true } } }, orderBy: { name: "asc" } }),
  ]);
  return {
    featured: featured.filter(isForSale).map(toCard),
    seasonal: seasonal.filter((p) => inSeason(p.seasonFrom, p.seasonTo, month)).slice(0, 8).map(toCard),
    cooperatives: cooperatives.map((c) => ({ slug: c.slug, name: c.name, commune: c.commune.name, members: c._count.memberships })),
  };
}

export default function Home() {
  const t = useT();
  const { featured, seasonal, cooperatives } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-tea-800 px-4 py-8 text-white">
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{t("home.hero.title")}</h1>
        <p className="mt-2 max-w-prose text-tea-100">{t("home.hero.body")}</p>
        <Link to="/search" className="btn mt-4 bg-white text-tea-800">{t("home.browse")}</Link>
      </section>
      <section aria-labelledby="featured">
        <h2 id="featured" className="mb-3 text-xl font-bold">{t("home.featured")}</h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {featured.map((p) => <ProductCard key={p.slug} product={p} />)}
        </ul>
      </section>
      {seasonal.length ? (
        <section aria-labelledby="season">
          <h2 id="season" className="mb-3 text-xl font-bold">{t("home.season")}</h2>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {seasonal.map((p) => <ProductCard key={p.slug} product={p} />)}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="coops">
        <h2 id="coops" className="mb-3 text-xl font-bold">{t("home.cooperatives")}</h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {cooperatives.map((c) => (
            <li key={c.slug} className="card p-3">
              <Link to={`/cooperatives/${c.slug}`} className="font-semibold text-tea-800 hover:underline">{c.name}</Link>
              <p className="text-sm text-stone-600">{c.commune} · {t("home.members", { count: c.members })}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
