// GS1 Digital Link resolver for GTIN keys: /01/{gtin}[/22/..][/10/{lot}][/21/{serial}].
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { preflight, resolveDigitalLink } from "~/trace/resolve.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return resolveDigitalLink(request, params["*"] ?? "");
}

// CORS preflight (GS1 resolvers SHALL support CORS); nothing here changes state.
export function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return preflight();
  return new Response("Method not allowed", {
    status: 405,
    headers: { Allow: "GET, HEAD, OPTIONS" },
  });
}
