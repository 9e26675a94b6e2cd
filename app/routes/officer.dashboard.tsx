import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatVnd } from "~/domain/money";
import { useLocale, useT } from "~/i18n/react";
import { CommuneChart } from "~/province/components/commune-chart";
import { provinceDashboard } from "~/province/dashboard.server";
import { CHARTED, FIGURES } from "~/province/figures";
import { privateMeta } from "~/storefront/seo";
import { requireUser } from "~/utils/auth.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "dashboard.title");

// The province's figures for officers and admins (issue 12): charts drawn on the server.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["OFFICER", "ADMIN"]);
  return provinceDashboard();
}

export default function Dashboard() {
  const t = useT();
  const locale = useLocale();
  const { totals, communes } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("dashboard.title")}</h1>
      <p className="text-sm text-stone-600">{t("dashboard.intro")}</p>
      <section className="card p-4">
        <h2 className="mb-2 font-semibold">{t("dashboard.totals")}</h2>
        <dl className="grid grid-cols-2 gap-3 text-sm" data-testid="province-totals">
          {FIGURES.map((f) => (
            <div key={f} data-figure={f}>
              <dt className="text-stone-600">{t(`dashboard.figure.${f}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {f === "revenue30dVnd" ? formatVnd(totals[f]) : formatNumber(totals[f], locale)}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {CHARTED.map((f) => (
        <CommuneChart
          key={f}
          figure={f}
          rows={communes.map((c) => ({
            communeCode: c.communeCode,
            commune: c.commune,
            value: c[f],
          }))}
        />
      ))}
      <p>
        <a href="/officer/report.csv" className="text-tea-800 underline">
          {t("dashboard.csv")}
        </a>
      </p>
    </div>
  );
}
