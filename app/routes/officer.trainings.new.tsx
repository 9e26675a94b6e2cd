import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { CommuneSelect } from "~/officer/components/commune-select";
import { useT } from "~/i18n/react";
import { householdsToTick, pickCommune } from "~/officer/scope.server";
import { privateMeta } from "~/storefront/seo";
import { SessionForm } from "~/trainings/components/session-form";
import { recordFromForm, typedValues } from "~/trainings/form.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "training.new");

// A group training as it happens (issue 12): ./officer.trainings.send.ts is the
// offline queue's door to the same record.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const { communes, chosen } = await pickCommune(user, url.searchParams.get("commune"));
  const picked = chosen ? await householdsToTick(chosen.code, q) : { total: 0, households: [] };
  return {
    communes,
    commune: chosen,
    q,
    ...picked,
    // a fresh key per render: a double tap or a resend of this very form records once
    serverKey: randomBytes(16).toString("hex"),
    defaultAt: new Date(now().getTime() + 7 * 3600_000).toISOString().slice(0, 16),
  };
}

// the key stays with the form on the phone: the queue's revalidation after "đã gửi" keeps
// the state line; choosing another commune (a new search) loads as usual
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => (currentUrl.search !== nextUrl.search ? defaultShouldRevalidate : false);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const out = await recordFromForm(user, formData);
  if (!out.ok)
    return data({ error: out.error, values: typedValues(formData) }, { status: out.status });
  throw redirect(`/officer/trainings?saved=${out.attendees}`);
}

export default function NewTraining() {
  const t = useT();
  const { communes, commune, q, households, total, serverKey, defaultAt } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer/trainings" className="text-tea-800 underline">
          ← {t("training.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("training.new")}</h1>
      <p className="text-sm text-stone-600">{t("training.intro")}</p>
      <Form method="get" className="card grid gap-3 p-4">
        <CommuneSelect
          id="tr-commune"
          label={t("training.commune")}
          communes={communes}
          selected={commune?.code}
        />
        <div>
          <label htmlFor="tr-q" className="label">
            {t("training.search")}
          </label>
          <input id="tr-q" name="q" type="search" defaultValue={q} className="field" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("training.pickCommune")}
        </button>
      </Form>
      {commune ? (
        <SessionForm
          action={`/officer/trainings/new?commune=${encodeURIComponent(commune.code)}`}
          serverKey={serverKey}
          communeCode={commune.code}
          defaultAt={defaultAt}
          households={households}
          total={total}
          values={actionData?.values}
          error={actionData?.error}
        />
      ) : null}
    </div>
  );
}
