import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { normalizePhone } from "~/domain/phone";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { recordOnboarding } from "~/onboarding/onboarding.server";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.onboarding");

// Extension officers record visits and trainings (the 2,600 trained households of
// the province's programme are counted from these rows).
const KINDS = ["VISIT", "TRAINING", "ACCOUNT_CREATED", "STALL_OPENED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const locale = await getLocale(request);
  const records = await prisma.onboardingRecord.findMany({
    where: { officerId: user.id },
    include: { household: true },
    orderBy: { at: "desc" },
    take: 30,
  });
  return {
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      topic: r.topic,
      household: r.household.name,
      at: formatDate(r.at, locale),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const values = {
    phone: String(formData.get("phone") ?? ""),
    kind: String(formData.get("kind") ?? ""),
    topic: String(formData.get("topic") ?? "")
      .trim()
      .slice(0, 200),
    note: String(formData.get("note") ?? "")
      .trim()
      .slice(0, 1000),
  };
  const phone = normalizePhone(values.phone);
  if (!phone) return data({ error: "form.phoneInvalid", values }, { status: 400 });
  if (!(KINDS as readonly string[]).includes(values.kind))
    return data({ error: "form.required", values }, { status: 400 });
  const household = await prisma.household.findFirst({
    where: { OR: [{ phone }, { user: { phone } }] },
  });
  if (!household) return data({ error: "coop.householdNotFound", values }, { status: 404 });
  await recordOnboarding(user, household, values);
  throw redirect("/officer/onboarding?done=1");
}

export default function Onboarding() {
  const t = useT();
  const { records } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const v = actionData?.values;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("officer.onboarding")}</h1>
      {params.get("done") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("officer.recorded")}
        </p>
      ) : null}
      <Form method="post" className="card space-y-3 p-4">
        <AuthenticityTokenInput />
        {actionData?.error ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {translateText(t, actionData.error)}
            {actionData.error === "coop.householdNotFound" ? (
              <>
                {" "}
                <Link to="/officer/households/new" className="font-semibold underline">
                  {t("officer.newHousehold")}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
        <div>
          <label htmlFor="ob-phone" className="label">
            {t("coop.householdPhone")}
          </label>
          <input
            id="ob-phone"
            name="phone"
            type="tel"
            inputMode="tel"
            defaultValue={v?.phone}
            className="field"
            required
          />
        </div>
        <div>
          <label htmlFor="ob-kind" className="label">
            {t("officer.onboardingKind")}
          </label>
          <select id="ob-kind" name="kind" defaultValue={v?.kind ?? "TRAINING"} className="field">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {translateText(t, `officer.onboardingKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ob-topic" className="label">
            {t("officer.topic")}
          </label>
          <input id="ob-topic" name="topic" defaultValue={v?.topic} className="field" />
        </div>
        <div>
          <label htmlFor="ob-note" className="label">
            {t("officer.noteLabel")}
          </label>
          <textarea id="ob-note" name="note" defaultValue={v?.note} rows={3} className="field" />
        </div>
        <button type="submit" className="btn-primary">
          {t("officer.record")}
        </button>
      </Form>
      <ul className="card divide-y">
        {records.map((r) => (
          <li key={r.id} className="p-3 text-sm">
            {r.at} · {translateText(t, `officer.onboardingKind.${r.kind}`)} · {r.household}
            {r.topic ? ` · ${r.topic}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
