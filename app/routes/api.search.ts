import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseSearchParams } from "~/search/params";
import { searchProducts } from "~/search/query.server";
import { publicOrigin } from "~/storefront/cards.server";

// Public JSON search for other clients (documented in docs/api.md). Read-only,
// no cookies needed; the same parameters as the /search page.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = parseSearchParams(url.searchParams, { maxPerPage: 100 });
  const result = await searchProducts(params);
  const origin = publicOrigin(request);
  return Response.json(
    {
      engine: result.engine,
      query: params,
      total: result.total,
      page: result.page,
      totalPages: result.totalPages,
      hits: result.hits.map((h) => ({ ...h, url: `${origin}/products/${h.slug}` })),
      facets: result.facets,
    },
    {
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Cache-Control": result.engine === "meilisearch" ? "public, max-age=15" : "no-store",
        "X-Search-Engine": result.engine,
      },
    },
  );
}
