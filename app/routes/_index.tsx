import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductGrid } from "~/components/product-card";
import { inSeason } from "~/domain/catalog";
import { campaignCards } from "~/harvest/campaign-page.server";
import { CampaignCardItem } from "~/harvest/components/campaign-card";
import { useT } from "~/i18n/react";
import { loadCards, publicOrigin } from "~/storefront/cards.server";
import { JsonLd } from "~/storefront/json-ld";
import { itemListLd, metaLocale, metaT, safeJsonLd, seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";
import { now } from "~/utils/clock.server";
import { getLocale } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return seoMeta({
    title: t("meta.siteTitle"),
    description: t("meta.home"),
    url: data?.url ?? "/",
    locale: metaLocale(matches),
  });
};

export async function loader({ request }: LoaderFunctionArgs) {
  const month = new Date().getMonth() + 1;
  const locale = await getLocale(request);
  const origin = publicOrigin(request);
  const [featured, seasonal, cooperatives, campaigns] = await Promise.all([
    loadCards({ featured: true }, { take: 8, locale }),
    loadCards(
      { seasonFrom: { not: null } },
      { take: 60, locale, filter: (p) => inSeason(p.seasonFrom, p.seasonTo, month) },
    ),
    prisma.cooperative.findMany({
      include: {
        commune: true,
        _count: { select: { memberships: { where: { status: "ACTIVE" } } } },
      },
      orderBy: { name: "asc" },
    }),
    campaignCards(now(), { take: 4, locale }),
  ]);
  // schema.org: the site with its search box, and the featured products
  const jsonLd = safeJsonLd({
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "WebSite",
        name: "Xứ Trà",
        url: `${origin}/`,
        inLanguage: ["vi", "en"],
        potentialAction: {
          "@type": "SearchAction",
          target: `${origin}/search?q={search_term_string}`,
          "query-input": "required name=search_term_string",
        },
      },
      itemListLd(origin, featured),
    ],
  });
  return {
    url: `${origin}/`,
    jsonLd,
    featured,
    campaigns,
    seasonal: seasonal.slice(0, 8),
    cooperatives: cooperatives.map((c) => ({
      slug: c.slug,
      name: c.name,
      commune: c.commune.name,
      members: c._count.memberships,
    })),
  };
}

export default function Home() {
  const t = useT();
  const { featured, seasonal, cooperatives, campaigns, jsonLd } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <JsonLd json={jsonLd} />
      <section className="rounded-2xl bg-tea-800 px-4 py-8 text-white">
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{t("home.hero.title")}</h1>
        <p className="mt-2 max-w-prose text-tea-100">{t("home.hero.body")}</p>
        <Link to="/search" className="btn mt-4 bg-white text-tea-800">
          {t("home.browse")}
        </Link>
      </section>
      {campaigns.length ? (
        <section aria-labelledby="harvests" data-testid="home-campaigns">
          <h2 id="harvests" className="mb-3 text-xl font-bold">
            {t("campaigns.home")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {campaigns.map((c) => (
              <CampaignCardItem key={c.slug} campaign={c} />
            ))}
          </ul>
          <Link to="/campaigns" className="mt-2 inline-block text-sm text-tea-800 underline">
            {t("campaigns.viewAll")}
          </Link>
        </section>
      ) : null}
      <section aria-labelledby="featured">
        <h2 id="featured" className="mb-3 text-xl font-bold">
          {t("home.featured")}
        </h2>
        <ProductGrid products={featured} />
      </section>
      {seasonal.length ? (
        <section aria-labelledby="season">
          <h2 id="season" className="mb-3 text-xl font-bold">
            {t("home.season")}
          </h2>
          <ProductGrid products={seasonal} />
        </section>
      ) : null}
      <section aria-labelledby="coops">
        <h2 id="coops" className="mb-3 text-xl font-bold">
          {t("home.cooperatives")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {cooperatives.map((c) => (
            <li key={c.slug} className="card p-3">
              <Link
                to={`/cooperatives/${c.slug}`}
                className="font-semibold text-tea-800 hover:underline"
              >
                {c.name}
              </Link>
              <p className="text-sm text-stone-600">
                {c.commune} · {t("home.members", { count: c.members })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
