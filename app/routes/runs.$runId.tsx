// The driver's run sheet (docs/decisions/0054): thin route over app/delivery. Works as
// plain forms; with JavaScript each report goes through the offline queue
// (./runs.$runId.send.ts answers it).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { RunSheetView } from "~/delivery/components/run-sheet";
import { RunAccessError, reportStop, runSheet } from "~/delivery/runs.server";
import { parseReport } from "~/delivery/schema";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.sheet.vehicle.name ?? ""} · Lệnh chạy xe · Xứ Trà` },
  { name: "robots", content: "noindex" },
];

async function sheetOr404(request: Request, runId: string) {
  const user = await requireUser(request);
  try {
    return { user, sheet: await runSheet(user, runId) };
  } catch (e) {
    if (e instanceof RunAccessError)
      throw new Response(e.status === 404 ? "Not found" : "Forbidden", { status: e.status });
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sheet } = await sheetOr404(request, params.runId!);
  // a fresh key per form and render: a double tap or a resend of this very form applies once
  const keys: Record<string, string> = { [`${sheet.id}:START`]: randomBytes(16).toString("hex") };
  for (const s of sheet.stops)
    for (const kind of ["ARRIVED", "PICKED", "DELIVERED", "FAILED"])
      keys[`${s.id}:${kind}`] = randomBytes(16).toString("hex");
  return { sheet, keys };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const { user } = await sheetOr404(request, params.runId!);
  const t = await getTranslator(request);
  const typed = Object.fromEntries(
    ["weighedUnits", "reason", "note"].map((k) => [k, String(formData.get(k) ?? "")]),
  );
  const stopId = String(formData.get("stopId") ?? "");
  const parsed = parseReport(formData);
  if (!parsed.ok)
    return data({ stopId, typed, message: t(parsed.error, parsed.params) }, { status: 400 });
  const out = await reportStop(user, parsed);
  if (!out.ok)
    return data({ stopId, typed, message: t(out.error, out.params) }, { status: out.status });
  throw redirect(`/runs/${out.runId}?saved=${out.stopId}${out.mapped ? "&mapped=1" : ""}`);
}

export default function RunPage() {
  const t = useT();
  const { sheet, keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <RunSheetView
      sheet={sheet}
      keys={keys}
      self={`/runs/${sheet.id}`}
      queueAction={`/runs/${sheet.id}/send`}
      notice={
        params.get("mapped")
          ? t("delivery.sheet.mapped")
          : params.get("saved")
            ? t("delivery.sheet.saved")
            : null
      }
      error={actionData ?? null}
    />
  );
}
