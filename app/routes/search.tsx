import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ProductCard } from "~/components/product-card";
import { CampaignHits } from "~/harvest/components/campaign-card";
import { searchCampaigns } from "~/harvest/search.server";
import { useLocale, useT } from "~/i18n/react";
import {
  parseSearchParams,
  SORTS,
  starsAtLeastCounts,
  toQueryString,
  type SearchParams,
} from "~/search/params";
import { searchProducts, type SearchResult } from "~/search/query.server";
import { publicOrigin } from "~/storefront/cards.server";
import { metaLocale, metaT, seoMeta } from "~/storefront/seo";
import { prisma } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = parseSearchParams(url.searchParams);
  const [result, categories, campaigns] = await Promise.all([
    searchProducts(params),
    prisma.category.findMany({
      orderBy: { position: "asc" },
      select: { slug: true, nameVi: true, nameEn: true },
    }),
    params.page === 1 ? searchCampaigns(params.q) : [],
  ]);
  return {
    params,
    result,
    categories,
    campaigns,
    url: `${publicOrigin(request)}/search${url.search}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return data
    ? [
        ...seoMeta({
          title: data.params.q ? t("meta.searchFor", { q: data.params.q }) : t("meta.search"),
          description: t("meta.searchDescription"),
          url: data.url,
          locale: metaLocale(matches),
        }),
        ...(data.params.page > 1 || data.params.category.length
          ? [{ name: "robots", content: "noindex" }]
          : []),
      ]
    : [];
};

type View = Pick<SearchResult, "engine" | "hits" | "total" | "page" | "totalPages" | "facets">;

function FacetChecks({
  name,
  legend,
  values,
  selected,
  label,
}: {
  name: string;
  legend: string;
  values: Record<string, number> | undefined;
  selected: string[];
  label?: (v: string) => string;
}) {
  const entries = Object.entries(values ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);
  for (const s of selected) if (!entries.some(([v]) => v === s)) entries.push([s, 0]);
  if (!entries.length) return null;
  return (
    <fieldset className="space-y-1">
      <legend className="label">{legend}</legend>
      {entries.map(([v, n]) => (
        <label key={v} className="flex min-h-9 items-center gap-2 text-sm">
          <input type="checkbox" name={name} value={v} defaultChecked={selected.includes(v)} />
          <span className="flex-1">{label ? label(v) : v}</span>
          <span className="text-stone-500">{n}</span>
        </label>
      ))}
    </fieldset>
  );
}

export default function Search() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const [live, setLive] = useState<{ key: string; view: View } | null>(null);
  const [loading, setLoading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const abort = useRef<AbortController>();
  // a new server render (submit, link) wins over results fetched while typing
  useEffect(() => setLive(null), [location.key]);

  const p: SearchParams = data.params;
  const view: View = live?.view ?? data.result;
  const catName = (slug: string) => {
    const c = data.categories.find((x) => x.slug === slug);
    return c ? (locale === "en" ? c.nameEn : c.nameVi) : slug;
  };

  // Instant results: debounce, then ask the JSON API; the URL follows so it can be shared.
  function onChange() {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      if (!formRef.current) return;
      const fd = new FormData(formRef.current);
      const qs = new URLSearchParams(
        [...fd.entries()].filter(([, v]) => typeof v === "string" && v !== "") as [
          string,
          string,
        ][],
      ).toString();
      abort.current?.abort();
      abort.current = new AbortController();
      setLoading(true);
      try {
        const res = await fetch(`/api/search?${qs}`, { signal: abort.current.signal });
        if (res.ok) {
          setLive({ key: qs, view: (await res.json()) as View });
          window.history.replaceState(window.history.state, "", `/search${qs ? `?${qs}` : ""}`);
        }
      } catch {
        /* aborted or offline: the form still submits normally */
      } finally {
        setLoading(false);
      }
    }, 250);
  }

  // while typing, the pages are those of the live results (their query is in live.key)
  const current: SearchParams = live ? parseSearchParams(new URLSearchParams(live.key)) : p;
  const starCounts = starsAtLeastCounts(view.facets.ocopStars);
  const pageLink = (page: number) => `/search?${toQueryString({ ...current, page })}`;
  const hasFilters =
    p.category.length ||
    p.stars ||
    p.cert.length ||
    p.commune.length ||
    p.cooperative.length ||
    p.priceMin !== null ||
    p.priceMax !== null ||
    p.inStock;

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">
        {p.q ? t("search.titleFor", { q: p.q }) : t("search.title")}
      </h1>
      {view.engine === "database" ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t("search.fallback")}
        </p>
      ) : null}
      <Form
        ref={formRef}
        method="get"
        action="/search"
        role="search"
        onChange={onChange}
        className="space-y-3"
      >
        <div className="flex gap-2">
          <label htmlFor="q" className="sr-only">
            {t("search.label")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={p.q}
            placeholder={t("search.placeholder")}
            className="field flex-1"
            autoComplete="off"
          />
          <button type="submit" className="btn-primary">
            {t("search.submit")}
          </button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="sort" className="text-sm text-stone-600">
            {t("search.sort")}
          </label>
          <select id="sort" name="sort" defaultValue={p.sort} className="field w-auto">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
          <span className="ml-auto text-sm text-stone-600" aria-live="polite">
            {loading ? t("search.loading") : t("search.results", { count: view.total })}
          </span>
        </div>
        <details className="card p-3" open={Boolean(hasFilters)}>
          <summary className="cursor-pointer font-semibold">{t("search.filters")}</summary>
          <div className="mt-3 grid gap-4 sm:grid-cols-3">
            <FacetChecks
              name="category"
              legend={t("search.facet.category")}
              values={view.facets.categorySlug}
              selected={p.category}
              label={catName}
            />
            <fieldset className="space-y-1">
              <legend className="label">{t("search.facet.stars")}</legend>
              {[5, 4, 3].map((s) => (
                <label key={s} className="flex min-h-9 items-center gap-2 text-sm">
                  <input type="radio" name="stars" value={s} defaultChecked={p.stars === s} />
                  <span className="flex-1">{t("search.facet.starsAtLeast", { stars: s })}</span>
                  <span className="text-stone-500">{starCounts[s as 3 | 4 | 5]}</span>
                </label>
              ))}
              <label className="flex min-h-9 items-center gap-2 text-sm">
                <input type="radio" name="stars" value="" defaultChecked={!p.stars} />—
              </label>
            </fieldset>
            <FacetChecks
              name="cert"
              legend={t("search.facet.cert")}
              values={view.facets.certifications}
              selected={p.cert}
              label={(v) =>
                v === "OCOP" ? "OCOP" : v === "VIETGAP" ? "VietGAP" : t("sf.cert.ORGANIC")
              }
            />
            <FacetChecks
              name="commune"
              legend={t("search.facet.commune")}
              values={view.facets.commune}
              selected={p.commune}
            />
            <FacetChecks
              name="cooperative"
              legend={t("search.facet.cooperative")}
              values={view.facets.cooperative}
              selected={p.cooperative}
            />
            <fieldset className="space-y-2">
              <legend className="label">{t("search.facet.price")}</legend>
              <div className="flex gap-2">
                <label className="text-sm">
                  {t("search.facet.priceMin")}
                  <input
                    name="priceMin"
                    inputMode="numeric"
                    defaultValue={p.priceMin ?? ""}
                    className="field"
                  />
                </label>
                <label className="text-sm">
                  {t("search.facet.priceMax")}
                  <input
                    name="priceMax"
                    inputMode="numeric"
                    defaultValue={p.priceMax ?? ""}
                    className="field"
                  />
                </label>
              </div>
              <label className="flex min-h-9 items-center gap-2 text-sm">
                <input type="checkbox" name="inStock" value="1" defaultChecked={p.inStock} />
                <span className="flex-1">{t("search.facet.inStock")}</span>
                <span className="text-stone-500">{view.facets.inStock?.true ?? 0}</span>
              </label>
            </fieldset>
          </div>
          <div className="mt-3 flex gap-3">
            <button type="submit" className="btn-primary">
              {t("search.apply")}
            </button>
            {hasFilters ? (
              <Link to={`/search?${toQueryString({ q: p.q })}`} className="btn">
                {t("search.clear")}
              </Link>
            ) : null}
          </div>
        </details>
      </Form>
      {live ? null : <CampaignHits hits={data.campaigns} />}
      {view.hits.length ? (
        <ul
          className="grid grid-cols-2 gap-3 sm:grid-cols-4"
          aria-label={t("search.results", { count: view.total })}
        >
          {view.hits.map((h) => (
            <ProductCard
              key={h.id}
              product={{
                slug: h.slug,
                name: locale === "en" && h.nameEn ? h.nameEn : h.name,
                priceMin: h.priceMin,
                inStock: h.inStock,
                ocopStars: h.ocopStars,
                stallName: h.stallName,
                commune: h.commune,
                photo: h.photo,
              }}
            />
          ))}
        </ul>
      ) : (
        <p className="py-8 text-center text-stone-600">{t("search.none")}</p>
      )}
      {view.totalPages > 1 ? (
        <nav aria-label="pagination" className="flex items-center justify-between gap-2">
          {view.page > 1 ? (
            <Link to={pageLink(view.page - 1)} className="btn" rel="prev">
              {t("search.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-600">
            {t("search.page", { page: view.page, pages: view.totalPages })}
          </span>
          {view.page < view.totalPages ? (
            <Link to={pageLink(view.page + 1)} className="btn" rel="next">
              {t("search.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
