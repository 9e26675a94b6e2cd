// GET /api/batches/{id}/epcis: the batch's EPCIS 2.0 JSON-LD document.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { epcisFor } from "~/trace/epcis.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await epcisFor(request, params.id!);
  if (!result)
    return new Response(JSON.stringify({ error: "not-found" }), {
      status: 404,
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  return new Response(JSON.stringify(result.document, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `inline; filename="epcis-${params.id}.jsonld"`,
      "Cache-Control": "private, no-store",
      Vary: "Cookie",
      "X-EPCIS-View": result.full ? "full" : "public",
    },
  });
}
