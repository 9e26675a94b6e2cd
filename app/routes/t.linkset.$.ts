// Linkset (RFC 9264) of a short code; /t/{code} redirects machine clients here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shortLinkset } from "~/trace/resolve.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return shortLinkset(request, params["*"] ?? "");
}
