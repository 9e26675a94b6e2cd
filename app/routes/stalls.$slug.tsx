import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductGrid } from "~/components/product-card";
import { validCertificates } from "~/domain/catalog";
import { formatVnd } from "~/domain/money";
import { useT } from "~/i18n/react";
import { loadCards, publicOrigin } from "~/storefront/cards.server";
import { JsonLd } from "~/storefront/json-ld";
import { ProducerHeader } from "~/storefront/producer-header";
import {
  addressLd,
  clip,
  itemListLd,
  metaLocale,
  metaT,
  safeJsonLd,
  seoMeta,
} from "~/storefront/seo";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const stall = await prisma.stall.findUnique({
    where: { slug: params.slug ?? "" },
    include: {
      commune: { include: { province: true } },
      cooperative: true,
      household: true,
      certifications: true,
    },
  });
  // a banned or closed stall has no public page; one on a break keeps it, with a notice
  if (!stall || stall.banned || stall.status === "CLOSED")
    throw new Response("Not found", { status: 404 });
  const locale = await getLocale(request);
  const origin = publicOrigin(request);
  const url = `${origin}/stalls/${stall.slug}`;
  const products = await loadCards({ stallId: stall.id }, { take: 60, locale, listed: true });
  const jsonLd = safeJsonLd({
    "@context": "https://schema.org",
    "@type": "Store",
    name: stall.name,
    url,
    ...(stall.story ? { description: clip(stall.story, 500) } : {}),
    address: addressLd(stall.commune.name, stall.commune.province.name),
    ...(stall.cooperative
      ? {
          parentOrganization: {
            "@type": "Organization",
            name: stall.cooperative.name,
            url: `${origin}/cooperatives/${stall.cooperative.slug}`,
          },
        }
      : {}),
    makesOffer: itemListLd(origin, products),
  });
  return {
    stall: {
      name: stall.name,
      story: stall.story,
      place: `${stall.commune.name}, ${stall.commune.province.name}`,
      verified: stall.verification === "VERIFIED",
      onBreak: stall.status !== "OPEN",
      shippingFeeVnd: stall.shippingFeeVnd,
      freeShippingFromVnd: stall.freeShippingFromVnd,
      cooperative: stall.cooperative
        ? { slug: stall.cooperative.slug, name: stall.cooperative.name }
        : null,
      certificates: validCertificates(stall.certifications)
        .filter((c) => !c.productId)
        .map((c) => ({ id: c.id, kind: c.kind, number: c.number })),
    },
    products,
    url,
    jsonLd,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? seoMeta({
        title: data.stall.name,
        description: metaT(matches)("meta.stall", {
          name: data.stall.name,
          place: data.stall.place,
          story: data.stall.story,
        }),
        url: data.url,
        locale: metaLocale(matches),
      })
    : [];

export default function StallPage() {
  const t = useT();
  const { stall, products, jsonLd } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <JsonLd json={jsonLd} />
      <ProducerHeader
        name={stall.name}
        place={`${stall.place}${stall.verified ? ` · ✓ ${t("sf.verifiedStall")}` : ""}`}
      >
        {stall.onBreak ? (
          <p
            role="status"
            className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
            data-testid="on-break"
          >
            {t("sf.onBreak")}
          </p>
        ) : null}
        {stall.cooperative ? (
          <p>
            <Link to={`/cooperatives/${stall.cooperative.slug}`} className="underline">
              {stall.cooperative.name}
            </Link>
          </p>
        ) : null}
        <p className="max-w-prose">{stall.story}</p>
        <p className="text-sm">
          {t("sf.shippingFee", { fee: formatVnd(stall.shippingFeeVnd) })}
          {stall.freeShippingFromVnd
            ? `, ${t("sf.freeFrom", { amount: formatVnd(stall.freeShippingFromVnd) })}`
            : ""}
        </p>
        {stall.certificates.length ? (
          <p className="text-sm">
            {stall.certificates.map((c) => `${c.kind} ${c.number}`).join(" · ")}
          </p>
        ) : null}
      </ProducerHeader>
      <h2 className="text-xl font-bold">{t("sf.products")}</h2>
      <ProductGrid products={products} empty={<p>{t("sf.noProducts")}</p>} />
    </div>
  );
}
