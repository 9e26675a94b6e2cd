import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { Photo } from "~/components/photo";
import { OcopBadge } from "~/components/product-card";
import { isForSale, isListed, ocopStars, validCertificates } from "~/domain/catalog";
import { formatVnd } from "~/domain/money";
import { translateText } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { publicOrigin } from "~/storefront/cards.server";
import { JsonLd } from "~/storefront/json-ld";
import { clip, metaLocale, safeJsonLd, seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { currentBatch } from "~/trace/current-batch.server";
import { dateFormatter } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const product = await prisma.product.findUnique({
    where: { slug: params.slug ?? "" },
    include: {
      category: true,
      household: { include: { commune: { include: { province: true } } } },
      variants: { where: { active: true }, orderBy: { position: "asc" } },
      photos: { orderBy: { position: "asc" } },
      certifications: true,
      batches: { orderBy: { harvestedAt: "desc" }, take: 5 },
      stall: {
        include: {
          commune: { include: { province: true } },
          cooperative: true,
          certifications: { where: { productId: null } },
        },
      },
    },
  });
  // a stall on a break keeps its product pages (printed QR codes link here) but sells nothing
  if (!product || !isListed(product)) throw new Response("Not found", { status: 404 });
  const forSale = isForSale(product);
  const locale = await getLocale(request);
  const now = new Date();
  const certs = validCertificates(
    [...product.certifications, ...product.stall.certifications],
    now,
  );
  const origin = publicOrigin(request);
  const name = locale === "en" && product.nameEn ? product.nameEn : product.name;
  const description =
    locale === "en" && product.descriptionEn ? product.descriptionEn : product.description;
  const originCommune = product.household?.commune ?? product.stall.commune;
  const prices = product.variants.map((v) => v.priceVnd);
  const url = `${origin}/products/${product.slug}`;
  const image = product.photos[0] ? `${origin}/images/${product.photos[0].hash}/640.jpg` : null;
  const stars = ocopStars(certs, now);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name,
    description: clip(description, 500),
    url,
    ...(image ? { image: [image] } : {}),
    sku: product.variants[0]?.sku ?? product.id,
    ...(product.variants[0]?.gtin ? { gtin14: product.variants[0].gtin } : {}),
    category: product.category?.nameVi,
    brand: { "@type": "Brand", name: product.stall.cooperative?.name ?? product.stall.name },
    countryOfOrigin: "VN",
    ...(stars ? { award: `OCOP ${stars}★` } : {}),
    offers: {
      "@type": "AggregateOffer",
      priceCurrency: "VND",
      lowPrice: Math.min(...prices),
      highPrice: Math.max(...prices),
      offerCount: product.variants.length,
      availability:
        forSale && product.variants.some((v) => v.stock > 0)
          ? "https://schema.org/InStock"
          : "https://schema.org/OutOfStock",
      seller: { "@type": "Organization", name: product.stall.name },
    },
  };
  return {
    url,
    image,
    jsonLd: safeJsonLd(jsonLd),
    product: {
      slug: product.slug,
      forSale,
      name,
      description,
      perishable: product.perishable,
      seasonFrom: product.seasonFrom,
      seasonTo: product.seasonTo,
      category: product.category
        ? {
            slug: product.category.slug,
            name: locale === "en" ? product.category.nameEn : product.category.nameVi,
          }
        : null,
      photos: product.photos.map((p) => ({
        hash: p.hash,
        placeholder: p.placeholder,
        width: p.width,
        height: p.height,
        alt: p.alt || product.name,
      })),
      variants: product.variants.map((v) => ({
        id: v.id,
        label: v.label,
        priceVnd: v.priceVnd,
        stock: forSale ? v.stock : 0,
      })),
      ocopStars: stars,
      certificates: certs.map((c) => ({
        id: c.id,
        kind: c.kind,
        stars: c.stars,
        issuer: c.issuer,
        number: c.number,
        expiresAt: c.expiresAt.toISOString(),
      })),
      origin: `${originCommune.name}, ${originCommune.province.name}`,
      household: product.household
        ? { name: product.household.name, hamlet: product.household.hamlet }
        : null,
      stall: {
        slug: product.stall.slug,
        name: product.stall.name,
        verified: product.stall.verification === "VERIFIED",
      },
      cooperative: product.stall.cooperative
        ? { slug: product.stall.cooperative.slug, name: product.stall.cooperative.name }
        : null,
      currentBatch: await currentBatch(product.id, now),
      batches: product.batches.map((b) => ({
        code: b.code,
        lot: b.lot,
        harvestedAt: b.harvestedAt.toISOString(),
      })),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Xứ Trà" }];
  const p = data.product;
  const price = p.variants.length
    ? ` · ${formatVnd(Math.min(...p.variants.map((v) => v.priceVnd)))}`
    : "";
  return seoMeta({
    title: p.name,
    description: `${p.name}${price}. ${p.description}`,
    url: data.url,
    image: data.image,
    type: "product",
    locale: metaLocale(matches),
  });
};

export default function ProductPage() {
  const t = useT();
  const locale = useLocale();
  const { product: p, jsonLd } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const dateFmt = dateFormatter(locale, "dateMedium");
  const day = (iso: string) => dateFormatter(locale, "dayMonthYear").format(new Date(iso));
  const firstInStock = p.variants.find((v) => v.stock > 0);
  const error = (["cart.notForSale", "cart.outOfStock", "cart.stallOnBreak"] as const).find(
    (k) => k === params.get("error"),
  );
  return (
    <article className="space-y-6">
      <JsonLd json={jsonLd} />
      <nav aria-label="breadcrumb" className="text-sm text-stone-600">
        <Link to="/" className="hover:underline">
          {t("nav.home")}
        </Link>
        {p.category ? (
          <>
            {" "}
            ›{" "}
            <Link to={`/categories/${p.category.slug}`} className="hover:underline">
              {p.category.name}
            </Link>
          </>
        ) : null}
      </nav>
      <div className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <Photo
            photo={p.photos[0] ?? null}
            alt={p.photos[0]?.alt ?? p.name}
            sizes="(max-width: 768px) 100vw, 50vw"
            className="aspect-square w-full rounded-xl"
            priority
          />
          {p.photos.length > 1 ? (
            <ul className="grid grid-cols-4 gap-2">
              {p.photos.slice(1).map((ph) => (
                <li key={ph.hash}>
                  <Photo
                    photo={ph}
                    alt={ph.alt}
                    sizes="25vw"
                    className="aspect-square w-full rounded-lg"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="space-y-4">
          <h1 className="text-2xl font-bold leading-tight">{p.name}</h1>
          <div className="flex flex-wrap items-center gap-2">
            {p.ocopStars ? <OcopBadge stars={p.ocopStars} /> : null}
            {p.stall.verified ? (
              <span className="rounded bg-tea-100 px-1.5 py-0.5 text-xs font-semibold text-tea-800">
                ✓ {t("stall.verified")}
              </span>
            ) : null}
          </div>
          {p.currentBatch ? (
            <section
              aria-labelledby="trace-now"
              className="card flex items-center gap-3 p-3"
              data-testid="trace-card"
            >
              <img
                src={p.currentBatch.qr}
                width={88}
                height={88}
                alt={t("trace.qrAlt", { lot: p.currentBatch.lot })}
                className="h-[88px] w-[88px] shrink-0"
              />
              <div className="min-w-0 text-sm">
                <h2 id="trace-now" className="font-bold">
                  {t("trace.sectionTitle")}
                </h2>
                <p>
                  {t("trace.currentBatch", {
                    lot: p.currentBatch.lot,
                    produced: p.currentBatch.producedAt ? day(p.currentBatch.producedAt) : "—",
                    best: p.currentBatch.bestBefore ? day(p.currentBatch.bestBefore) : "—",
                  })}
                </p>
                {p.currentBatch.pastDate && p.currentBatch.bestBefore ? (
                  <p className="font-semibold text-red-800">
                    {t(
                      p.currentBatch.shelfKind === "EXPIRY"
                        ? "trace.expired"
                        : "trace.pastBestBefore",
                      { date: day(p.currentBatch.bestBefore) },
                    )}
                  </p>
                ) : null}
                <a
                  href={`/t/${p.currentBatch.code}`}
                  className="inline-flex min-h-11 items-center font-semibold text-tea-800 underline"
                >
                  {t("trace.openProvenance")}
                </a>
              </div>
            </section>
          ) : null}
          {error ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {t(error)}
            </p>
          ) : null}
          {!p.forSale ? (
            <p
              role="status"
              className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
              data-testid="on-break"
            >
              {t("sf.onBreak")}
            </p>
          ) : null}
          <Form method="post" action="/cart" className="card space-y-3 p-3">
            <AuthenticityTokenInput />
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="returnTo" value={`/products/${p.slug}`} />
            <fieldset className="space-y-2">
              <legend className="label">{t("sf.variant")}</legend>
              {p.variants.map((v) => (
                <label
                  key={v.id}
                  className={`flex min-h-11 items-center gap-3 rounded-lg border p-2 ${v.stock > 0 ? "border-stone-300" : "border-stone-200 text-stone-400"}`}
                >
                  <input
                    type="radio"
                    name="variantId"
                    value={v.id}
                    defaultChecked={v.id === firstInStock?.id}
                    disabled={v.stock <= 0}
                    required
                  />
                  <span className="flex-1">{v.label}</span>
                  <span className="font-bold text-clay-500">{formatVnd(v.priceVnd)}</span>
                  <span className="w-20 text-right text-xs">
                    {v.stock > 0
                      ? t("sf.inStock", { count: v.stock })
                      : p.forSale
                        ? t("sf.outOfStock")
                        : "—"}
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="flex items-end gap-2">
              <div>
                <label htmlFor="quantity" className="label">
                  {t("sf.quantity")}
                </label>
                <input
                  id="quantity"
                  name="quantity"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={99}
                  defaultValue={1}
                  className="field w-20"
                />
              </div>
              <button type="submit" className="btn-primary flex-1" disabled={!firstInStock}>
                {firstInStock
                  ? t("sf.addToCart")
                  : p.forSale
                    ? t("sf.outOfStock")
                    : t("sf.onBreakShort")}
              </button>
            </div>
          </Form>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-stone-600">{t("sf.origin")}</dt>
            <dd>{p.origin}</dd>
            {p.household ? (
              <>
                <dt className="text-stone-600">{t("sf.producer")}</dt>
                <dd>
                  {p.household.name}
                  {p.household.hamlet ? `, ${p.household.hamlet}` : ""}
                </dd>
              </>
            ) : null}
            <dt className="text-stone-600">{t("sf.stall")}</dt>
            <dd>
              <Link to={`/stalls/${p.stall.slug}`} className="text-tea-800 underline">
                {p.stall.name}
              </Link>
            </dd>
            {p.cooperative ? (
              <>
                <dt className="text-stone-600">{t("sf.cooperative")}</dt>
                <dd>
                  <Link
                    to={`/cooperatives/${p.cooperative.slug}`}
                    className="text-tea-800 underline"
                  >
                    {p.cooperative.name}
                  </Link>
                </dd>
              </>
            ) : null}
            {p.seasonFrom && p.seasonTo ? (
              <>
                <dt className="text-stone-600">🗓</dt>
                <dd>{t("sf.season", { from: p.seasonFrom, to: p.seasonTo })}</dd>
              </>
            ) : null}
          </dl>
          {p.perishable ? <p className="text-sm text-amber-800">{t("sf.perishable")}</p> : null}
        </div>
      </div>
      <section aria-labelledby="desc">
        <h2 id="desc" className="mb-2 text-lg font-bold">
          {t("sf.description")}
        </h2>
        <p className="max-w-prose whitespace-pre-line">{p.description}</p>
      </section>
      {p.certificates.length ? (
        <section aria-labelledby="certs">
          <h2 id="certs" className="mb-2 text-lg font-bold">
            {t("sf.certificates")}
          </h2>
          <ul className="space-y-2">
            {p.certificates.map((c) => (
              <li key={c.id} className="card p-3 text-sm">
                <p className="font-semibold">
                  {translateText(t, `sf.cert.${c.kind}`, { stars: c.stars ?? "" })} ·{" "}
                  {t("sf.certValidUntil", { date: dateFmt.format(new Date(c.expiresAt)) })}
                </p>
                <p className="text-stone-600">
                  {t("sf.certNumber", { number: c.number, issuer: c.issuer })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.batches.length ? (
        <section aria-labelledby="trace">
          <h2 id="trace" className="mb-2 text-lg font-bold">
            {t("sf.traceability")}
          </h2>
          <ul className="space-y-1 text-sm">
            {p.batches.map((b) => (
              <li key={b.code}>
                <a href={`/t/${b.code}`} className="text-tea-800 underline">
                  {t("sf.batch", { lot: b.lot, date: dateFmt.format(new Date(b.harvestedAt)) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
