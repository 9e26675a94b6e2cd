// GET /runs/{id}.pdf: the run sheet to print (same access as the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { runSheetPdf } from "~/delivery/pdf.server";
import { RunAccessError, runSheet } from "~/delivery/runs.server";
import { formatCutoff } from "~/harvest/format";
import { translator } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  let sheet;
  try {
    sheet = await runSheet(user, params.runId!);
  } catch (e) {
    if (e instanceof RunAccessError)
      return new Response(e.status === 404 ? "Not found" : "Forbidden", { status: e.status });
    throw e;
  }
  const locale = await getLocale(request);
  const pdf = await runSheetPdf(sheet, translator(locale), locale, formatCutoff(now(), locale));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="lenh-chay-xe-${sheet.day}-${sheet.id.slice(-6)}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
