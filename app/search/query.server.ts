// One search entry point for the page and the JSON API: Meilisearch first; the
// SQLite FTS5 fallback when it is unreachable (with a short circuit breaker so
// a dead server does not slow every request down).
import { ftsSearch } from "./fts.server";
import { indexName, meili } from "./meili.server";
import { matchesFilters, meiliFilters, meiliSort, type SearchParams } from "./params";
import { PRODUCTS, type ProductDocument } from "./products.server";

export const FACETS = [
  "categorySlug",
  "ocopStars",
  "certifications",
  "commune",
  "cooperative",
  "inStock",
] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Partial<Record<Facet, Record<string, number>>>;

export type SearchHit = Omit<ProductDocument, "description" | "keywords" | "publishedAt">;
export type SearchResult = {
  engine: "meilisearch" | "database";
  hits: SearchHit[];
  total: number;
  page: number;
  totalPages: number;
  facets: FacetCounts;
};

const RETRIEVE = [
  "id",
  "slug",
  "name",
  "nameEn",
  "category",
  "categorySlug",
  "stallId",
  "stallName",
  "stallSlug",
  "stallVerified",
  "cooperative",
  "producer",
  "commune",
  "priceMin",
  "priceMax",
  "inStock",
  "ocopStars",
  "certifications",
  "photo",
];
const BREAKER_MS = 5000;
const g = globalThis as unknown as { __searchDownUntil?: number };

const selected = (p: SearchParams, f: Facet) =>
  f === "categorySlug"
    ? p.category.length > 0
    : f === "ocopStars"
      ? p.stars !== null
      : f === "certifications"
        ? p.cert.length > 0
        : f === "commune"
          ? p.commune.length > 0
          : f === "cooperative"
            ? p.cooperative.length > 0
            : p.inStock;

/**
 * The multi-search body for one search: main query + one per selected facet
 * (disjunctive counts). The main query asks only for the facets nobody
 * selected: a selected facet's counts come from its own query, so computing
 * them twice would be wasted work on every request.
 */
export function multiSearchBody(
  p: SearchParams,
  uid = indexName(PRODUCTS),
  matchingStrategy: "all" | "last" = "all",
) {
  const others = FACETS.filter((f) => selected(p, f));
  return {
    others,
    queries: [
      {
        indexUid: uid,
        q: p.q,
        matchingStrategy,
        filter: meiliFilters(p),
        sort: meiliSort(p.sort),
        page: p.page,
        hitsPerPage: p.perPage,
        facets: FACETS.filter((f) => !others.includes(f)),
        attributesToRetrieve: RETRIEVE,
      },
      ...others.map((f) => ({
        indexUid: uid,
        q: p.q,
        matchingStrategy,
        filter: meiliFilters(p, f),
        facets: [f],
        hitsPerPage: 0,
      })),
    ],
  };
}

async function viaMeili(p: SearchParams): Promise<SearchResult> {
  const client = meili();
  if (!client) throw new Error("search disabled");
  // Every word must match (as the database fallback does): "chè tân cương" is not
  // every tea. Only when that finds nothing are trailing words let go, so a
  // buyer who adds a word the catalogue lacks still sees something.
  let { others, queries } = multiSearchBody(p);
  let res = await client.multiSearch({ queries });
  if (!res.results[0].totalHits && /\s/.test(p.q.trim())) {
    ({ others, queries } = multiSearchBody(p, indexName(PRODUCTS), "last"));
    res = await client.multiSearch({ queries });
  }
  const [main, ...rest] = res.results;
  const facets: FacetCounts = { ...(main.facetDistribution ?? {}) };
  rest.forEach((r, i) => (facets[others[i]] = r.facetDistribution?.[others[i]] ?? {}));
  return {
    engine: "meilisearch",
    hits: main.hits as unknown as SearchHit[],
    total: main.totalHits ?? 0,
    page: main.page ?? p.page,
    totalPages: main.totalPages ?? 0,
    facets,
  };
}

function countFacets(docs: ProductDocument[], p: SearchParams): FacetCounts {
  const out: FacetCounts = {};
  for (const f of FACETS) {
    const counts: Record<string, number> = {};
    for (const d of docs) {
      if (!matchesFilters(d, p, selected(p, f) ? f : undefined)) continue;
      const v = d[f];
      for (const key of Array.isArray(v) ? v : v === null || v === undefined ? [] : [String(v)])
        counts[key] = (counts[key] ?? 0) + 1;
    }
    out[f] = counts;
  }
  return out;
}

async function viaDatabase(p: SearchParams): Promise<SearchResult> {
  const matched = await ftsSearch(p.q);
  let docs = matched.filter((d) => matchesFilters(d, p));
  // same tie-breaks as the Meilisearch ranking rules: in stock, verified stall
  if (p.sort === "price_asc") docs = docs.sort((a, b) => a.priceMin - b.priceMin);
  else if (p.sort === "price_desc") docs = docs.sort((a, b) => b.priceMin - a.priceMin);
  else if (p.sort === "newest") docs = docs.sort((a, b) => b.publishedAt - a.publishedAt);
  else if (!p.q)
    docs = docs.sort(
      (a, b) =>
        Number(b.inStock) - Number(a.inStock) || Number(b.stallVerified) - Number(a.stallVerified),
    );
  const start = (p.page - 1) * p.perPage;
  const hits = docs.slice(start, start + p.perPage).map((d) => {
    const { description: _d, keywords: _k, publishedAt: _p, ...hit } = d;
    return hit;
  });
  return {
    engine: "database",
    hits,
    total: docs.length,
    page: p.page,
    totalPages: Math.ceil(docs.length / p.perPage),
    facets: countFacets(matched, p),
  };
}

export async function searchProducts(p: SearchParams): Promise<SearchResult> {
  if ((g.__searchDownUntil ?? 0) <= Date.now()) {
    try {
      return await viaMeili(p);
    } catch (e) {
      g.__searchDownUntil = Date.now() + BREAKER_MS;
      console.warn(`[search] Meilisearch unavailable, using the database: ${(e as Error).message}`);
    }
  }
  return viaDatabase(p);
}

/** Tests and the worker call this when Meilisearch is known to be back. */
export function resetSearchBreaker() {
  g.__searchDownUntil = 0;
}
