import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { translateText } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { householdForOfficer, recordVisitFromForm } from "~/officer/visits.server";
import { OfflineForm } from "~/offline/offline-form";
import { privateMeta } from "~/storefront/seo";
import { isTopic } from "~/trainings/curriculum";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "visit.title");

// A household's visits and trainings, and a visit note (officers and admins only);
// ./officer.households.$householdId.visit.ts is the offline queue's door.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const household = await householdForOfficer(user, params.householdId!);
  if (!household) throw new Response("Not found", { status: 404 });
  return {
    household: {
      ...household,
      records: household.records.map((r) => ({ ...r, at: r.at.toISOString() })),
    },
    serverKey: randomBytes(16).toString("hex"),
    defaultAt: new Date(now().getTime() + 7 * 3600_000).toISOString().slice(0, 16),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  formData.set("householdId", params.householdId!);
  const out = await recordVisitFromForm(user, formData);
  if (!out.ok)
    return data(
      {
        error: out.error,
        values: { at: String(formData.get("at") ?? ""), note: String(formData.get("note") ?? "") },
      },
      { status: out.status },
    );
  throw redirect(`/officer/households/${params.householdId}?saved=1`);
}

export default function HouseholdVisits() {
  const t = useT();
  const locale = useLocale();
  const { household: h, serverKey, defaultAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer/overview" className="text-tea-800 underline">
          ← {t("overview.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{h.name}</h1>
      <p className="text-sm text-stone-600">
        {[h.hamlet, h.commune, h.phone].filter(Boolean).join(" · ")}
      </p>
      {params.get("saved") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("visit.saved")}
        </p>
      ) : null}
      <OfflineForm
        action={`/officer/households/${h.id}`}
        queueAction={`/officer/households/${h.id}/visit`}
        slot={`visit:${h.id}`}
        serverKey={serverKey}
        className="card space-y-3 p-4"
        aria-label={t("visit.new")}
      >
        <h2 className="font-semibold">{t("visit.new")}</h2>
        {actionData?.error ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {translateText(t, actionData.error)}
          </p>
        ) : null}
        <div>
          <label htmlFor="visit-at" className="label">
            {t("visit.at")}
          </label>
          <input
            id="visit-at"
            name="at"
            type="datetime-local"
            required
            defaultValue={actionData?.values.at ?? defaultAt}
            className="field"
          />
        </div>
        <div>
          <label htmlFor="visit-note" className="label">
            {t("visit.note")}
          </label>
          <textarea
            id="visit-note"
            name="note"
            rows={4}
            required
            minLength={3}
            maxLength={2000}
            defaultValue={actionData?.values.note}
            className="field"
          />
        </div>
        <button type="submit" className="btn-primary w-full py-3">
          {t("visit.submit")}
        </button>
      </OfflineForm>
      <h2 className="text-lg font-semibold">{t("visit.history")}</h2>
      {h.records.length ? (
        <ul className="card divide-y">
          {h.records.map((r) => (
            <li key={r.id} className="space-y-1 p-3 text-sm" data-testid="visit-record">
              <p className="font-semibold">
                {formatDate(r.at, locale, "dateTime")} ·{" "}
                {translateText(t, `officer.onboardingKind.${r.kind}`)} · {r.officer}
              </p>
              {r.kind === "TRAINING" && isTopic(r.topic) ? (
                <p>{translateText(t, `training.topic.${r.topic}`)}</p>
              ) : null}
              {r.note ? <p className="whitespace-pre-line">{r.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="card p-4 text-sm">{t("visit.none")}</p>
      )}
    </div>
  );
}
