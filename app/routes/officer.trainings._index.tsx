import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";
import type { Topic } from "~/trainings/curriculum";
import { sessionsHeld } from "~/trainings/sessions.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "training.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const sessions = await sessionsHeld(user);
  return {
    admin: user.role === "ADMIN",
    sessions: sessions.map((s) => ({ ...s, at: s.at.toISOString() })),
  };
}

export default function Trainings() {
  const t = useT();
  const locale = useLocale();
  const { sessions, admin } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("training.title")}</h1>
      {saved ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("training.saved", { count: Number(saved) || 0 })}
        </p>
      ) : null}
      <p>
        <Link to="/officer/trainings/new" className="btn-primary">
          {t("training.new")}
        </Link>
      </p>
      <h2 className="text-lg font-semibold">{t("training.list")}</h2>
      {sessions.length ? (
        <ul className="card divide-y">
          {sessions.map((s) => (
            <li key={s.id} className="space-y-1 p-3 text-sm" data-testid="training-session">
              <p className="font-semibold">
                {formatDate(s.at, locale, "dateTime")} · {s.commune}
              </p>
              <p>
                {t("training.summary", {
                  topic: t(`training.topic.${s.topic as Topic}`),
                  place: s.place,
                  count: s.attendees,
                })}
              </p>
              {admin ? (
                <p className="text-stone-600">{t("training.by", { name: s.officer })}</p>
              ) : null}
              <a href={`/officer/trainings/${s.id}.pdf`} className="text-tea-800 underline">
                {t("training.pdf")}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card p-4 text-sm">{t("training.none")}</p>
      )}
    </div>
  );
}
