import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductCard } from "~/components/product-card";
import { useT } from "~/i18n/react";
import { loadCards, publicOrigin } from "~/storefront/cards.server";
import { seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const coop = await prisma.cooperative.findUnique({
    where: { slug: params.slug ?? "" },
    include: {
      commune: { include: { province: true } },
      stalls: { where: { banned: false } },
      memberships: { where: { status: "ACTIVE" }, include: { household: { include: { commune: true } } } },
    },
  });
  if (!coop) throw new Response("Not found", { status: 404 });
  return {
    coop: {
      name: coop.name,
      description: coop.description,
      place: `${coop.commune.name}, ${coop.commune.province.name}`,
      stalls: coop.stalls.map((s) => ({ slug: s.slug, name: s.name })),
      members: coop.memberships.map((m) => ({ id: m.household.id, name: m.household.name, commune: m.household.commune.name })),
    },
    products: await loadCards({ stall: { cooperativeId: coop.id, banned: false, status: { not: "CLOSED" } } }, 48),
    url: `${publicOrigin(request)}/cooperatives/${coop.slug}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? seoMeta({ title: data.coop.name, description: `${data.coop.name} · ${data.coop.place}. ${data.coop.description}`, url: data.url }) : [];

export default function CooperativePage() {
  const t = useT();
  const { coop, products } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{coop.name}</h1>
        <p className="text-stone-600">{coop.place}</p>
        <p className="max-w-prose">{coop.description}</p>
      </header>
      <section className="grid gap-4 sm:grid-cols-2">
        <div>
          <h2 className="font-bold">{t("sf.stalls")}</h2>
          <ul>{coop.stalls.map((s) => <li key={s.slug}><Link to={`/stalls/${s.slug}`} className="underline">{s.name}</Link></li>)}</ul>
        </div>
        <div>
          <h2 className="font-bold">{t("sf.members")} ({coop.members.length})</h2>
          <ul className="text-sm">{coop.members.map((m) => <li key={m.id}>{m.name} · {m.commune}</li>)}</ul>
        </div>
      </section>
      <h2 className="text-xl font-bold">{t("sf.products")}</h2>
      {products.length ? <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">{products.map((p) => <ProductCard key={p.slug} product={p} />)}</ul> : <p>{t("sf.noProducts")}</p>}
    </div>
  );
}
