import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductGrid } from "~/components/product-card";
import { useT } from "~/i18n/react";
import { loadCards, publicOrigin } from "~/storefront/cards.server";
import { JsonLd } from "~/storefront/json-ld";
import { ProducerHeader } from "~/storefront/producer-header";
import { addressLd, clip, itemListLd, metaLocale, safeJsonLd, seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const coop = await prisma.cooperative.findUnique({
    where: { slug: params.slug ?? "" },
    include: {
      commune: { include: { province: true } },
      stalls: { where: { banned: false, status: { not: "CLOSED" } } },
      memberships: {
        where: { status: "ACTIVE" },
        include: { household: { include: { commune: true } } },
      },
    },
  });
  if (!coop) throw new Response("Not found", { status: 404 });
  const locale = await getLocale(request);
  const origin = publicOrigin(request);
  const url = `${origin}/cooperatives/${coop.slug}`;
  const products = await loadCards({ stall: { cooperativeId: coop.id } }, { take: 48, locale });
  const jsonLd = safeJsonLd({
    "@context": "https://schema.org",
    "@type": "Organization",
    name: coop.name,
    url,
    ...(coop.description ? { description: clip(coop.description, 500) } : {}),
    address: addressLd(coop.commune.name, coop.commune.province.name),
    numberOfEmployees: {
      "@type": "QuantitativeValue",
      value: coop.memberships.length,
      unitText: "member households",
    },
    subOrganization: coop.stalls.map((s) => ({
      "@type": "Store",
      name: s.name,
      url: `${origin}/stalls/${s.slug}`,
    })),
    makesOffer: itemListLd(origin, products),
  });
  return {
    coop: {
      name: coop.name,
      description: coop.description,
      place: `${coop.commune.name}, ${coop.commune.province.name}`,
      stalls: coop.stalls.map((s) => ({ slug: s.slug, name: s.name })),
      members: coop.memberships.map((m) => ({
        id: m.household.id,
        name: m.household.name,
        commune: m.household.commune.name,
      })),
    },
    products,
    url,
    jsonLd,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? seoMeta({
        title: data.coop.name,
        description: `${data.coop.name} · ${data.coop.place}. ${data.coop.description}`,
        url: data.url,
        locale: metaLocale(matches),
      })
    : [];

export default function CooperativePage() {
  const t = useT();
  const { coop, products, jsonLd } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <JsonLd json={jsonLd} />
      <ProducerHeader name={coop.name} place={coop.place}>
        <p className="max-w-prose">{coop.description}</p>
      </ProducerHeader>
      <section className="grid gap-4 sm:grid-cols-2">
        <div>
          <h2 className="font-bold">{t("sf.stalls")}</h2>
          <ul>
            {coop.stalls.map((s) => (
              <li key={s.slug}>
                <Link to={`/stalls/${s.slug}`} className="underline">
                  {s.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2 className="font-bold">
            {t("sf.members")} ({coop.members.length})
          </h2>
          <ul className="text-sm">
            {coop.members.map((m) => (
              <li key={m.id}>
                {m.name} · {m.commune}
              </li>
            ))}
          </ul>
        </div>
      </section>
      <h2 className="text-xl font-bold">{t("sf.products")}</h2>
      <ProductGrid products={products} empty={<p>{t("sf.noProducts")}</p>} />
    </div>
  );
}
