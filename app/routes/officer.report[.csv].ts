import type { LoaderFunctionArgs } from "@remix-run/node";
import { communeReportCsv } from "~/province/report.server";
import { requireUser } from "~/utils/auth.server";

// GET /officer/report.csv: the province's figures, one row per commune (issue 12).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["OFFICER", "ADMIN"]);
  return new Response(await communeReportCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bao-cao-theo-xa.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
