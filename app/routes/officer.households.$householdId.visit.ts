// The offline queue's door (app/offline/queue.ts): the same visit note as
// /officer/households/{id}, answered in JSON so the phone knows "đã gửi" or why not.
import type { ActionFunctionArgs } from "@remix-run/node";
import { recordVisitFromForm } from "~/officer/visits.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";

function json(body: Record<string, unknown>, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  let user;
  try {
    user = await requireUser(request, ["OFFICER", "ADMIN"]);
  } catch (e) {
    const status = e instanceof Response && e.status === 403 ? 403 : 401;
    return json({ ok: false, error: t("error.forbidden") }, status);
  }
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch {
    return json({ ok: false, error: t("form.csrf") }, 403);
  }
  formData.set("householdId", params.householdId!);
  const out = await recordVisitFromForm(user, formData);
  if (!out.ok) return json({ ok: false, error: t(out.error) }, out.status);
  return json({ ok: true, recordId: out.recordId, replay: out.replay });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
