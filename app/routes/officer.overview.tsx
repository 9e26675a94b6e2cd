import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { CommuneSelect } from "~/officer/components/commune-select";
import { StageFunnel } from "~/officer/components/stage-funnel";
import { communeOverview } from "~/officer/overview.server";
import { pickCommune } from "~/officer/scope.server";
import { isStage, STAGES } from "~/officer/stages";
import { privateMeta } from "~/storefront/seo";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "overview.title");

// The officer's communes by onboarding stage (issue 12): parse the filters, ask the feature.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const url = new URL(request.url);
  const { communes, chosen } = await pickCommune(user, url.searchParams.get("commune"));
  const stage = url.searchParams.get("stage") ?? "";
  const filters = {
    stage: isStage(stage) ? stage : null,
    cooperativeId: url.searchParams.get("coop") || null,
    q: (url.searchParams.get("q") ?? "").slice(0, 100),
    attention: url.searchParams.get("attention") === "1",
  };
  const overview = chosen ? await communeOverview({ communeCode: chosen.code, ...filters }) : null;
  return {
    communes,
    commune: chosen,
    filters,
    overview: overview && {
      ...overview,
      rows: overview.rows.map((r) => ({
        ...r,
        lastContactAt: r.lastContactAt?.toISOString() ?? null,
      })),
    },
  };
}

export default function OfficerOverview() {
  const t = useT();
  const locale = useLocale();
  const { communes, commune, filters, overview } = useLoaderData<typeof loader>();
  const linkFor = (stage: string) => {
    const p = new URLSearchParams();
    if (commune) p.set("commune", commune.code);
    if (filters.cooperativeId) p.set("coop", filters.cooperativeId);
    if (filters.q) p.set("q", filters.q);
    p.set("stage", stage);
    return `/officer/overview?${p}`;
  };
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("overview.title")}</h1>
      <p className="text-sm text-stone-600">{t("overview.intro")}</p>
      <Form method="get" className="card grid gap-3 p-4 sm:grid-cols-2">
        <CommuneSelect
          id="ov-commune"
          label={t("overview.commune")}
          communes={communes}
          selected={commune?.code}
        />
        <div>
          <label htmlFor="ov-stage" className="label">
            {t("overview.stage")}
          </label>
          <select id="ov-stage" name="stage" defaultValue={filters.stage ?? ""} className="field">
            <option value="">{t("overview.anyStage")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`overview.stage.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ov-coop" className="label">
            {t("overview.cooperative")}
          </label>
          <select
            id="ov-coop"
            name="coop"
            defaultValue={filters.cooperativeId ?? ""}
            className="field"
          >
            <option value="">{t("overview.anyCooperative")}</option>
            {overview?.cooperatives.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ov-q" className="label">
            {t("overview.q")}
          </label>
          <input id="ov-q" name="q" type="search" defaultValue={filters.q} className="field" />
        </div>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            name="attention"
            value="1"
            defaultChecked={filters.attention}
            className="h-5 w-5"
          />
          {t("overview.attention")}
        </label>
        <button type="submit" className="btn-primary sm:col-span-2">
          {t("overview.apply")}
        </button>
      </Form>
      {overview && commune ? (
        <>
          <p className="card p-3 text-sm" data-testid="overview-summary">
            {t("overview.summary", {
              households: overview.households,
              stuck: overview.stuck,
              due: overview.visitsDue,
            })}
          </p>
          <StageFunnel
            funnel={overview.funnel}
            caption={t("overview.funnelCaption", {
              commune: commune.name,
              households: overview.households,
            })}
            stageLink={linkFor}
          />
          <h2 className="text-lg font-semibold">
            {t("overview.households", { shown: overview.rows.length, matching: overview.matching })}
          </h2>
          {overview.rows.length ? (
            <ul className="card divide-y">
              {overview.rows.map((h) => (
                <li
                  key={h.id}
                  className="space-y-1 p-3 text-sm"
                  data-testid="overview-household"
                  data-stage={h.stage}
                >
                  <p className="font-semibold">
                    <Link to={`/officer/households/${h.id}`} className="text-tea-800 underline">
                      {h.name}
                    </Link>
                    {h.hamlet ? (
                      <span className="font-normal text-stone-600"> · {h.hamlet}</span>
                    ) : null}
                  </p>
                  <p>
                    {t(`overview.stage.${h.stage}`)}
                    {" · "}
                    <span data-testid="trained">
                      {h.progress.trained ? t("overview.trained") : t("overview.notTrained")}
                    </span>
                    {h.cooperative ? ` · ${h.cooperative}` : ""}
                  </p>
                  {h.stuck.map((s) => (
                    <p key={s} className="font-medium text-amber-800">
                      ● {t(`overview.stuck.${s}`)}
                    </p>
                  ))}
                  <p className={h.visitDue ? "font-medium text-amber-800" : "text-stone-600"}>
                    {h.visitDue ? `${t("overview.visitDue")} · ` : ""}
                    {h.lastContactAt
                      ? t("overview.lastContact", { at: formatDate(h.lastContactAt, locale) })
                      : t("overview.neverContacted")}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="card p-4 text-sm">{t("overview.none")}</p>
          )}
          <p>
            <a href="/officer/report.csv" className="text-tea-800 underline">
              {t("overview.csv")}
            </a>
          </p>
        </>
      ) : null}
    </div>
  );
}
