// GET /officer/trainings/{id}.pdf: the session's sign-in sheet to print (the officer
// who held it, or an admin).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n";
import { SessionAccessError, sessionSheet } from "~/trainings/sessions.server";
import { signInSheetPdf } from "~/trainings/signin-sheet.server";
import { requireUser } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  let sheet;
  try {
    sheet = await sessionSheet(user, params.sessionId!);
  } catch (e) {
    if (e instanceof SessionAccessError)
      return new Response(e.status === 404 ? "Not found" : "Forbidden", { status: e.status });
    throw e;
  }
  const locale = await getLocale(request);
  const pdf = await signInSheetPdf(sheet, translator(locale), locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="ky-ten-tap-huan-${sheet.id.slice(-8)}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
