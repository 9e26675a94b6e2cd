import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCsv } from "~/catalog/csv.server";
import { requireStallAccess } from "~/stalls/access.server";

// All the stall's products, one row per pack size, ready to edit and import again.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const csv = await exportCsv(stall);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${stall.slug}-san-pham.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
