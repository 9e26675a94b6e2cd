import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { mailbox } from "~/notifications/mailbox.server";
import { privateMeta } from "~/storefront/seo";
import { dateFormatter } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.mailbox");

// Messages "sent" by the system (nothing leaves the machine). Off in production;
// one-time codes are masked except for their addressee (app/notifications/mailbox.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const to = new URL(request.url).searchParams.get("to")?.trim().slice(0, 40) || null;
  return { to, messages: await mailbox(request, to) };
}

export default function Mailbox() {
  const t = useT();
  const locale = useLocale();
  const { to, messages } = useLoaderData<typeof loader>();
  const fmt = dateFormatter(locale, "dateTimeSeconds");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("mailbox.title")}</h1>
      <p className="text-sm text-stone-600">{t("mailbox.hint")}</p>
      <Form method="get" className="flex gap-2">
        <label htmlFor="to" className="sr-only">
          {t("mailbox.filter")}
        </label>
        <input
          id="to"
          name="to"
          defaultValue={to ?? ""}
          placeholder={t("mailbox.filter")}
          className="field flex-1"
        />
        <button className="btn-primary">{t("search.submit")}</button>
      </Form>
      {messages.length ? (
        <ul className="space-y-2">
          {messages.map((m) => (
            <li key={m.id} className="card p-3 text-sm">
              <p className="text-stone-600">
                {m.channel} → {m.to} · {fmt.format(new Date(m.createdAt))}
              </p>
              {m.subject ? <p className="font-semibold">{m.subject}</p> : null}
              <p>{m.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("mailbox.none")}</p>
      )}
    </div>
  );
}
