// The dispatcher's day: plan the runs, see each run's stops in order, decide what
// happens to the deliveries that cannot keep the promise, re-plan the rest, publish.
// Thin: app/dispatch does the work. Works without JavaScript (plain forms, redirects).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { decideException, isDecision } from "~/dispatch/exceptions.server";
import { planDay, publishDay } from "~/dispatch/plan.server";
import { replanRest } from "~/dispatch/replan.server";
import { chooseDay, dayRuns } from "~/dispatch/runs.server";
import { campaignVehicles } from "~/dispatch/vehicles.server";
import { dispatchT, isDispatchKey, type DispatchKey } from "~/dispatch/strings";
import { requireCampaignAccess } from "~/harvest/access.server";
import { formatDay } from "~/harvest/format";
import { daysOf, isDay } from "~/harvest/rules/preorder";
import { useLocale } from "~/i18n/react";
import { readForm } from "~/utils/form.server";
import { formatTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ""} · Chuyến xe · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignAccess(request, params.campaignId!);
  const day = await chooseDay(campaign, new URL(request.url).searchParams.get("day"));
  const [board, vehicles] = await Promise.all([
    dayRuns(campaign, day),
    campaignVehicles(campaign.id),
  ]);
  return {
    campaign: { id: campaign.id, title: campaign.title },
    days: daysOf(campaign.firstDay, campaign.lastDay),
    vehicles: vehicles.filter((v) => v.active).map((v) => ({ id: v.id, name: v.name })),
    board,
  };
}

type ActionData = { error: DispatchKey; subject?: string; exceptionId?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, campaign } = await requireCampaignAccess(request, params.campaignId!);
  const form = await readForm(request);
  const day = String(form.get("day") ?? "");
  if (!isDay(day) || !daysOf(campaign.firstDay, campaign.lastDay).includes(day))
    return data<ActionData>({ error: "dispatch.error.day" }, { status: 400 });
  const version = Number(form.get("version") ?? "0");
  const back = (done: string, extra = "") =>
    `/console/campaigns/${campaign.id}/runs?day=${day}&done=${done}${extra}`;
  const intent = form.get("intent");
  if (intent === "plan" || intent === "replan") {
    const reason = String(form.get("reason") ?? "CANCELLED");
    const vehicleId = String(form.get("vehicleId") ?? "") || undefined;
    const out =
      intent === "plan"
        ? await planDay({
            campaignId: campaign.id,
            day,
            actorId: user.id,
            expectedVersion: version,
          })
        : await replanRest({
            campaignId: campaign.id,
            day,
            actorId: user.id,
            reason: reason === "SHORT_PICK" || reason === "VEHICLE_DOWN" ? reason : "CANCELLED",
            vehicleId: reason === "VEHICLE_DOWN" ? vehicleId : undefined,
            expectedVersion: version,
          });
    if (!out.ok)
      return data<ActionData>(
        { error: out.error, subject: out.subject },
        { status: out.error === "dispatch.error.conflict" ? 409 : 400 },
      );
    throw redirect(
      back(intent === "plan" ? "planned" : "replanned", `&exceptions=${out.exceptions}`),
    );
  }
  if (intent === "publish") {
    const out = await publishDay({
      campaignId: campaign.id,
      day,
      actorId: user.id,
      expectedVersion: version,
    });
    if (!out.ok) return data<ActionData>({ error: out.error }, { status: 409 });
    throw redirect(back("published"));
  }
  if (intent === "decide") {
    const exceptionId = String(form.get("exceptionId") ?? "");
    const decision = form.get("decision");
    if (!isDecision(decision))
      return data<ActionData>({ error: "dispatch.error.decision", exceptionId }, { status: 400 });
    const out = await decideException({
      campaignId: campaign.id,
      exceptionId,
      decision,
      carrier: String(form.get("carrier") ?? "").slice(0, 80),
      actorId: user.id,
    });
    if (!out.ok) return data<ActionData>({ error: out.error, exceptionId }, { status: 409 });
    throw redirect(back("decided"));
  }
  return data<ActionData>({ error: "dispatch.error.decision" }, { status: 400 });
}

export default function DayRuns() {
  const locale = useLocale();
  const t = dispatchT(locale);
  const { campaign, days, vehicles, board } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const time = (iso: string | null) => (iso ? formatTime(iso) : "–");
  const version = board.dispatch?.version ?? 0;
  const msg = (e: string, subject = "") => (isDispatchKey(e) ? t(e, { subject }) : e);
  const legKey = (leg: string): DispatchKey =>
    leg === "PICKUP" ? "dispatch.run.leg.PICKUP" : "dispatch.run.leg.DELIVERY";
  const runStatus = (s: string): DispatchKey =>
    s === "STARTED"
      ? "dispatch.run.status.STARTED"
      : s === "DONE"
        ? "dispatch.run.status.DONE"
        : "dispatch.run.status.PLANNED";
  const stopKind = (k: string): DispatchKey =>
    k === "PICKUP"
      ? "dispatch.stop.PICKUP"
      : k === "DROP"
        ? "dispatch.stop.DROP"
        : "dispatch.stop.DELIVERY";
  const STOP_STATUS: Record<string, DispatchKey> = {
    ARRIVED: "dispatch.stop.status.ARRIVED",
    PICKED: "dispatch.stop.status.PICKED",
    DELIVERED: "dispatch.stop.status.DELIVERED",
    FAILED: "dispatch.stop.status.FAILED",
  };
  const stopStatus = (s: string): DispatchKey => STOP_STATUS[s] ?? "dispatch.stop.status.PENDING";
  const dayStatus = (s: string): DispatchKey =>
    s === "PUBLISHED"
      ? "dispatch.runs.status.PUBLISHED"
      : s === "DONE"
        ? "dispatch.runs.status.DONE"
        : "dispatch.runs.status.DRAFT";
  const decided = (d: string): DispatchKey =>
    d === "NEXT_DAY"
      ? "dispatch.exception.decided.NEXT_DAY"
      : d === "CARRIER"
        ? "dispatch.exception.decided.CARRIER"
        : "dispatch.exception.decided.CANCEL";
  const open = board.exceptions.filter((x) => !x.decision && x.current);
  const Hidden = () => (
    <>
      <AuthenticityTokenInput />
      <input type="hidden" name="day" value={board.day} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <p className="text-sm">
          <Link
            to={`/console/campaigns/${campaign.id}/board?day=${board.day}`}
            className="text-tea-800 underline"
          >
            {t("dispatch.back", { title: campaign.title })}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {t("dispatch.runs.title", { day: formatDay(board.day, locale) })}
        </h1>
        <Form method="get" className="flex items-end gap-2">
          <div className="grow">
            <label htmlFor="runs-day" className="label">
              {t("dispatch.runs.day")}
            </label>
            <select id="runs-day" name="day" defaultValue={board.day} className="field">
              {days.map((d) => (
                <option key={d} value={d}>
                  {formatDay(d, locale)}
                </option>
              ))}
            </select>
          </div>
          <button className="btn-secondary">{t("dispatch.runs.show")}</button>
        </Form>
        <p className="text-sm">
          <Link
            to={`/console/campaigns/${campaign.id}/vehicles`}
            className="text-tea-800 underline"
          >
            {t("dispatch.nav.vehicles")} ({board.vehicles})
          </Link>
        </p>
      </header>

      {done === "planned" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("dispatch.planned", { version })}
        </p>
      ) : null}
      {done === "replanned" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("dispatch.replanned", { version, exceptions: params.get("exceptions") ?? "0" })}
        </p>
      ) : null}
      {done === "published" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("dispatch.published")}
        </p>
      ) : null}
      {done === "decided" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("dispatch.decided")}
        </p>
      ) : null}
      {actionData?.error && !actionData.exceptionId ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {msg(actionData.error, actionData.subject)}
        </p>
      ) : null}

      {!board.allocated ? (
        <p className="card p-4 text-sm text-stone-700">{t("dispatch.runs.notAllocated")}</p>
      ) : (
        <section className="card space-y-2 p-4" data-testid="dispatch-plan">
          {board.dispatch && version > 0 ? (
            <>
              <p className="font-semibold">{t("dispatch.runs.version", { version })}</p>
              <p className="text-sm text-stone-600">
                {t(dayStatus(board.dispatch.status))}
                {board.dispatch.plannedAt
                  ? ` · ${t("dispatch.runs.planned", { at: time(board.dispatch.plannedAt), by: board.dispatch.by ?? "–" })}`
                  : ""}
              </p>
              <p className="text-sm" data-testid="dispatch-summary">
                {t("dispatch.runs.summary", {
                  runs: board.summary.runs,
                  stops: board.summary.stops,
                  km: board.summary.km,
                  kept: board.summary.kept,
                  deliveries: board.summary.deliveries,
                })}
              </p>
            </>
          ) : (
            <p className="text-sm text-stone-600">{t("dispatch.runs.none")}</p>
          )}
          <Form method="post">
            <Hidden />
            <button name="intent" value="plan" className="btn-primary w-full">
              {t("dispatch.plan")}
            </button>
          </Form>
          {version > 0 && board.dispatch?.status === "DRAFT" ? (
            <Form method="post">
              <Hidden />
              <button name="intent" value="publish" className="btn-secondary w-full">
                {t("dispatch.publish")}
              </button>
            </Form>
          ) : null}
          {version > 0 ? (
            <details>
              <summary className="cursor-pointer text-sm text-tea-800">
                {t("dispatch.replan")}
              </summary>
              <Form method="post" className="mt-2 space-y-2">
                <Hidden />
                <label className="block">
                  <span className="label">{t("dispatch.replan.why")}</span>
                  <select name="reason" className="field" defaultValue="SHORT_PICK">
                    {(["SHORT_PICK", "CANCELLED", "VEHICLE_DOWN"] as const).map((r) => (
                      <option key={r} value={r}>
                        {t(`dispatch.replan.reason.${r}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <span className="label">{t("dispatch.replan.vehicle")}</span>
                <select name="vehicleId" className="field" defaultValue="">
                  <option value="">–</option>
                  {vehicles.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
                <button name="intent" value="replan" className="btn-secondary w-full">
                  {t("dispatch.replan")}
                </button>
              </Form>
            </details>
          ) : null}
        </section>
      )}

      {version > 0 ? (
        <section className="space-y-2" data-testid="dispatch-exceptions">
          <h2 className="text-lg font-semibold">
            {t("dispatch.exceptions.title", { count: open.length })}
          </h2>
          {board.exceptions.length ? (
            <>
              <p className="text-sm text-stone-600">{t("dispatch.exceptions.intro")}</p>
              <ul className="space-y-2">
                {board.exceptions.map((x) => (
                  <li
                    key={x.id}
                    className="card space-y-1 p-3 text-sm"
                    data-testid="dispatch-exception"
                  >
                    <p className="font-medium">
                      {t("dispatch.exception.line", { ref: x.ref, name: x.name, units: x.units })}
                    </p>
                    <p className="text-stone-600">{t(x.reason)}</p>
                    {x.decision ? (
                      <p className="font-medium text-tea-800">
                        {t(decided(x.decision), {
                          day: x.nextDay ? formatDay(x.nextDay, locale) : "",
                        })}
                      </p>
                    ) : x.current ? (
                      <Form method="post" className="space-y-2">
                        <Hidden />
                        <input type="hidden" name="exceptionId" value={x.id} />
                        <fieldset className="space-y-1">
                          <legend className="label">{t("dispatch.exception.choose")}</legend>
                          {(["NEXT_DAY", "CARRIER", "CANCEL"] as const).map((d) => (
                            <label key={d} className="flex min-h-11 items-center gap-2">
                              <input type="radio" name="decision" value={d} required />
                              {t(`dispatch.exception.${d}`)}
                            </label>
                          ))}
                        </fieldset>
                        <label className="block">
                          <span className="label">{t("dispatch.exception.carrier")}</span>
                          <input name="carrier" className="field" maxLength={80} />
                        </label>
                        {actionData?.exceptionId === x.id ? (
                          <p role="alert" className="field-error">
                            {msg(actionData.error)}
                          </p>
                        ) : null}
                        <button name="intent" value="decide" className="btn-primary w-full">
                          {t("dispatch.exception.apply")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-stone-600">{t("dispatch.exceptions.none")}</p>
          )}
        </section>
      ) : null}

      {board.runs.map((r) => (
        <section key={r.id} className="card space-y-2 p-3" data-testid="dispatch-run">
          <h2 className="font-semibold">
            {t("dispatch.run.head", {
              vehicle: r.vehicle.name,
              from: time(r.startsAt),
              to: time(r.endsAt),
              km: r.km,
              units: r.loadUnits,
            })}
          </h2>
          <p className="text-sm text-stone-600">
            {t(legKey(r.leg))} · {t(runStatus(r.status))}
            {r.vehicle.driverName
              ? ` · ${t("dispatch.run.driver", { name: r.vehicle.driverName, phone: r.vehicle.driverPhone })}`
              : ""}
          </p>
          <ol className="space-y-1 text-sm">
            {r.stops.map((s, i) => (
              <li key={s.id} className="border-t border-stone-100 pt-1">
                <span className="font-medium">
                  {i + 1}. {time(s.plannedArrival)} · {s.name}
                </span>
                {s.ref ? <span className="text-stone-600"> · {s.ref}</span> : null}
                <br />
                <span className="text-stone-600">
                  {t(stopKind(s.kind), { units: s.units })}
                  {s.latestArrival
                    ? ` · ${t("dispatch.stop.latest", { at: time(s.latestArrival) })}`
                    : ""}
                  {` · ${t(stopStatus(s.status))}`}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
