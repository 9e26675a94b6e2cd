import type { LoaderFunctionArgs } from "@remix-run/node";
import { campaignsApi } from "~/harvest/campaign-page.server";
import { publicOrigin } from "~/storefront/cards.server";
import { now } from "~/utils/clock.server";

// Public JSON: open and upcoming harvest campaigns with their supply per day
// (docs/api.md). Read-only, no cookies, CORS *; cached briefly, supply moves.
export async function loader({ request }: LoaderFunctionArgs) {
  const body = await campaignsApi(now(), publicOrigin(request));
  return Response.json(body, {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=15" },
  });
}
