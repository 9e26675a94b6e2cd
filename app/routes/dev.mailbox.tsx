import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.mailbox");

// Messages "sent" by the system (nothing leaves the machine). Open to anyone in
// development and tests; in production only administrators see it.
export async function loader({ request }: LoaderFunctionArgs) {
  if (env.NODE_ENV === "production") await requireUser(request, ["ADMIN"]);
  const to = new URL(request.url).searchParams.get("to")?.trim().slice(0, 40) || null;
  const messages = await prisma.notification.findMany({ where: to ? { to: { contains: to } } : {}, orderBy: { createdAt: "desc" }, take: 100 });
  return { to, messages: messages.map((m) => ({ id: m.id, channel: m.channel, to: m.to, subject: m.subject, body: m.body, createdAt: m.createdAt.toISOString() })) };
}

export default function Mailbox() {
  const t = useT();
  const locale = useLocale();
  const { to, messages } = useLoaderData<typeof loader>();
  const fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Ho_Chi_Minh" });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("mailbox.title")}</h1>
      <p className="text-sm text-stone-600">{t("mailbox.hint")}</p>
      <Form method="get" className="flex gap-2">
        <label htmlFor="to" className="sr-only">{t("mailbox.filter")}</label>
        <input id="to" name="to" defaultValue={to ?? ""} placeholder={t("mailbox.filter")} className="field flex-1" />
        <button className="btn-primary">{t("search.submit")}</button>
      </Form>
      {messages.length ? (
        <ul className="space-y-2">
          {messages.map((m) => (
            <li key={m.id} className="card p-3 text-sm">
              <p className="text-stone-600">{m.channel} → {m.to} · {fmt.format(new Date(m.createdAt))}</p>
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
