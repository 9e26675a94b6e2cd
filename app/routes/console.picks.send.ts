// The offline queue's door (app/offline/queue.ts): the same pick confirmation as
// /console/picks, answered in JSON so the phone knows "đã gửi" or why not.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { isSellerMessageKey } from "~/harvest/messages";
import { confirmPick } from "~/harvest/picks.server";
import { PickSchema } from "~/harvest/schema";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";

// a plain JSON Response: the queue reads it with fetch(), not through Remix's data protocol
function json(body: Record<string, unknown>, init: { status?: number } = {}) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const user = await requireUser(request, ["HOUSEHOLD", "COOP_MANAGER", "ADMIN"]).catch(() => null);
  if (!user) return json({ ok: false, error: t("error.forbidden") }, { status: 401 });
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch {
    return json({ ok: false, error: t("form.csrf") }, { status: 403 });
  }
  const submission = parseWithZod(formData, { schema: PickSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.reply().error ?? {}).flat()[0] ?? "form.required";
    return json(
      { ok: false, error: isSellerMessageKey(first) ? t(first) : first },
      { status: 400 },
    );
  }
  const out = await confirmPick(user, submission.value);
  if (!out.ok) return json({ ok: false, error: t(out.error) }, { status: out.status });
  return json({ ok: true, pickId: out.pickId, replay: out.replay });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
