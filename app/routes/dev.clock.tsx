import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { useT } from "~/i18n/react";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { clockOffsetMs, now, resetClock, setClock } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "clock.title");

// The test clock (docs/decisions/0045): only when the server runs with TEST_CLOCK=true
// (browser tests), and only for administrators. Otherwise this page does not exist.
async function guard(request: Request) {
  if (!env.TEST_CLOCK) throw new Response("Not found", { status: 404 });
  return requireUser(request, ["ADMIN"]);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request);
  return { now: now().toISOString(), offsetMs: clockOffsetMs() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request);
  const form = await readForm(request);
  if (form.get("intent") === "reset") resetClock();
  else {
    const at = new Date(String(form.get("at") ?? ""));
    if (Number.isNaN(at.getTime())) return data({ error: "bad date" }, { status: 400 });
    setClock(at);
  }
  await audit({
    actorId: user.id,
    action: "dev.clock.set",
    entity: "Clock",
    data: { now: now().toISOString() },
  });
  return { now: now().toISOString(), offsetMs: clockOffsetMs() };
}

export default function DevClock() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t("clock.title")}</h1>
      <p data-testid="clock-now">{t("clock.now", { now: d.now })}</p>
      <Form method="post" className="flex gap-2">
        <AuthenticityTokenInput />
        <input
          name="at"
          aria-label={t("clock.set")}
          placeholder="2027-08-13T13:01:00Z"
          className="field flex-1"
        />
        <button className="btn-primary">{t("clock.set")}</button>
      </Form>
      <Form method="post">
        <AuthenticityTokenInput />
        <button name="intent" value="reset" className="btn-secondary">
          {t("clock.reset")}
        </button>
      </Form>
    </div>
  );
}
