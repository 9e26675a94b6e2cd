// GET /api/places and /api/places/{provinceCode}: the units in force as JSON for the
// address pickers (docs/api.md). Public, no cookies; cacheable for an hour and served
// stale for a day while revalidating: units change a few times a decade.
import { matchPlaces } from "./match";
import { communesOf, provinceList } from "./places.server";

const HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
  Vary: "Accept-Encoding",
};

export async function provincesResponse(): Promise<Response> {
  return Response.json({ provinces: await provinceList() }, { headers: HEADERS });
}

/** `q` (optional) keeps the communes whose name matches, accents optional, best first. */
export async function communesResponse(provinceCode: string, q = ""): Promise<Response> {
  const communes = /^\d{2}$/.test(provinceCode) ? await communesOf(provinceCode) : null;
  if (!communes)
    return Response.json(
      { error: "unknown province", provinceCode },
      { status: 404, headers: { ...HEADERS, "Cache-Control": "public, max-age=60" } },
    );
  const shown = q.trim() ? matchPlaces(q.slice(0, 60), communes, communes.length) : communes;
  return Response.json({ provinceCode, communes: shown }, { headers: HEADERS });
}
