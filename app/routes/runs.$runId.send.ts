// The offline queue's door (app/offline/queue.ts) for stop reports: the same report as
// /runs/$runId, answered in JSON so the phone knows "đã gửi" or why not.
import type { ActionFunctionArgs } from "@remix-run/node";
import { reportStop } from "~/delivery/runs.server";
import { parseReport } from "~/delivery/schema";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";

// a plain JSON Response: the queue reads it with fetch(), not through Remix's data protocol
function json(body: Record<string, unknown>, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const user = await requireUser(request).catch(() => null);
  if (!user) return json({ ok: false, error: t("error.forbidden") }, 401);
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch {
    return json({ ok: false, error: t("form.csrf") }, 403);
  }
  const parsed = parseReport(formData);
  if (!parsed.ok) return json({ ok: false, error: t(parsed.error, parsed.params) }, 400);
  const out = await reportStop(user, parsed);
  if (!out.ok) return json({ ok: false, error: t(out.error, out.params) }, out.status);
  return json({
    ok: true,
    stopId: out.stopId,
    runId: out.runId,
    mapped: out.mapped,
    replay: out.replay,
  });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
