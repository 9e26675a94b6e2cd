import type { LoaderFunctionArgs } from "@remix-run/node";
import { communesResponse } from "~/places/api.server";

// Public JSON: a province's communes and wards in force (code, name, type); `?q=la hien` filters
// by name, accents optional. See docs/api.md.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return communesResponse(params.provinceCode ?? "", q);
}
