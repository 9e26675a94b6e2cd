// Search request <-> URL. Pure (shared by the page, the JSON API and the
// database fallback), so the query and filters always live in the URL.

export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 24;
export const MAX_PAGE = 80; // Meilisearch maxTotalHits 2000 / 24

export type SearchParams = {
  q: string;
  category: string[]; // category slugs
  stars: number | null; // at least this many OCOP stars
  cert: string[]; // OCOP | VIETGAP | ORGANIC
  commune: string[];
  cooperative: string[];
  priceMin: number | null;
  priceMax: number | null;
  inStock: boolean;
  sort: Sort;
  page: number;
  perPage: number;
};

const CERTS = ["OCOP", "VIETGAP", "ORGANIC"];
const clean = (v: string) => v.trim().slice(0, 120);
const int = (v: string | null, min: number, max: number): number | null => {
  if (v === null || v.trim() === "") return null;
  const n = Number(v.replace(/[.,\s]/g, ""));
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
};

export function parseSearchParams(
  url: URLSearchParams,
  opts: { maxPerPage?: number } = {},
): SearchParams {
  const list = (name: string) =>
    [...new Set(url.getAll(name).map(clean).filter(Boolean))].slice(0, 20);
  const sort = url.get("sort");
  const perPage = int(url.get("perPage"), 1, opts.maxPerPage ?? PAGE_SIZE) ?? PAGE_SIZE;
  return {
    q: clean(url.get("q") ?? "").slice(0, 100),
    category: list("category"),
    stars: int(url.get("stars"), 3, 5),
    cert: list("cert").filter((c) => CERTS.includes(c)),
    commune: list("commune"),
    cooperative: list("cooperative"),
    priceMin: int(url.get("priceMin"), 0, 1e10),
    priceMax: int(url.get("priceMax"), 0, 1e10),
    inStock: url.get("inStock") === "1" || url.get("inStock") === "true",
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as Sort) : "relevance",
    page: Math.min(int(url.get("page"), 1, 100000) ?? 1, MAX_PAGE),
    perPage,
  };
}

/** Back to a query string (only what is set), for links and pagination. */
export function toQueryString(p: Partial<SearchParams>): string {
  const u = new URLSearchParams();
  if (p.q) u.set("q", p.q);
  for (const c of p.category ?? []) u.append("category", c);
  if (p.stars) u.set("stars", String(p.stars));
  for (const c of p.cert ?? []) u.append("cert", c);
  for (const c of p.commune ?? []) u.append("commune", c);
  for (const c of p.cooperative ?? []) u.append("cooperative", c);
  if (p.priceMin !== null && p.priceMin !== undefined) u.set("priceMin", String(p.priceMin));
  if (p.priceMax !== null && p.priceMax !== undefined) u.set("priceMax", String(p.priceMax));
  if (p.inStock) u.set("inStock", "1");
  if (p.sort && p.sort !== "relevance") u.set("sort", p.sort);
  if (p.page && p.page > 1) u.set("page", String(p.page));
  return u.toString();
}

// Meilisearch filter syntax: strings in double quotes, backslash-escaped.
const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const anyOf = (attr: string, values: string[]) =>
  values.length ? [`${attr} IN [${values.map(quote).join(", ")}]`] : [];

/** Filter expressions; each facet's own filter can be left out for disjunctive facet counts. */
export function meiliFilters(p: SearchParams, leaveOut?: string): string[] {
  const f: string[] = [];
  if (leaveOut !== "categorySlug") f.push(...anyOf("categorySlug", p.category));
  if (p.stars && leaveOut !== "ocopStars") f.push(`ocopStars >= ${p.stars}`);
  if (leaveOut !== "certifications") f.push(...anyOf("certifications", p.cert));
  if (leaveOut !== "commune") f.push(...anyOf("commune", p.commune));
  if (leaveOut !== "cooperative") f.push(...anyOf("cooperative", p.cooperative));
  if (p.priceMin !== null) f.push(`priceMin >= ${p.priceMin}`);
  if (p.priceMax !== null) f.push(`priceMin <= ${p.priceMax}`);
  if (p.inStock && leaveOut !== "inStock") f.push("inStock = true");
  return f;
}

export function meiliSort(sort: Sort): string[] | undefined {
  if (sort === "price_asc") return ["priceMin:asc"];
  if (sort === "price_desc") return ["priceMin:desc"];
  if (sort === "newest") return ["publishedAt:desc"];
  return undefined;
}

/** Lower-case, accents off, đ -> d: how both the fallback index and its queries are folded. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "d")
    .toLowerCase();
}

/** In-memory filter with the same meaning as meiliFilters (used by the database fallback). */
export function matchesFilters(
  d: {
    categorySlug: string | null;
    ocopStars: number | null;
    certifications: string[];
    commune: string;
    cooperative: string | null;
    priceMin: number;
    inStock: boolean;
  },
  p: SearchParams,
  leaveOut?: string,
): boolean {
  if (
    leaveOut !== "categorySlug" &&
    p.category.length &&
    !p.category.includes(d.categorySlug ?? "")
  )
    return false;
  if (leaveOut !== "ocopStars" && p.stars && (d.ocopStars ?? 0) < p.stars) return false;
  if (
    leaveOut !== "certifications" &&
    p.cert.length &&
    !p.cert.some((c) => d.certifications.includes(c))
  )
    return false;
  if (leaveOut !== "commune" && p.commune.length && !p.commune.includes(d.commune)) return false;
  if (
    leaveOut !== "cooperative" &&
    p.cooperative.length &&
    !p.cooperative.includes(d.cooperative ?? "")
  )
    return false;
  if (p.priceMin !== null && d.priceMin < p.priceMin) return false;
  if (p.priceMax !== null && d.priceMin > p.priceMax) return false;
  if (leaveOut !== "inStock" && p.inStock && !d.inStock) return false;
  return true;
}

/** "At least N stars" counts from the ocopStars facet ({"3": 4, "5": 2} -> 5+: 2, 4+: 2, 3+: 6). */
export function starsAtLeastCounts(
  facet: Record<string, number> | undefined,
): Record<3 | 4 | 5, number> {
  const at = (min: number) =>
    Object.entries(facet ?? {}).reduce(
      (n, [stars, count]) => (Number(stars) >= min ? n + count : n),
      0,
    );
  return { 3: at(3), 4: at(4), 5: at(5) };
}
