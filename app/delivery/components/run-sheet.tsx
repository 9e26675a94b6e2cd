// The driver's run sheet at 360 px: stops in order, each with what to pick up or hand
// over, the window, a tel: link, navigation links and the report forms. Every form is
// an OfflineForm: a plain POST without JavaScript, the phone's queue with it.
import { Link } from "@remix-run/react";
import { formatDay } from "~/harvest/format";
import { useLocale, useT } from "~/i18n/react";
import { OfflineForm } from "~/offline/offline-form";
import type { RunSheet } from "../runs.server";
import { FAIL_REASONS } from "../rules";

type Stop = RunSheet["stops"][number];

export function RunSheetView(props: {
  sheet: RunSheet;
  keys: Record<string, string>;
  self: string;
  queueAction: string;
  notice: string | null;
  error: { stopId: string; message: string; typed: Record<string, string> } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const { sheet } = props;
  const first = sheet.stops.find((s) => !s.done);
  return (
    <div className="mx-auto max-w-xl space-y-3" data-testid="run-sheet">
      <h1 className="text-xl font-bold">
        {t("delivery.sheet.heading", {
          vehicle: sheet.vehicle.name,
          day: formatDay(sheet.day, locale),
        })}
      </h1>
      <p className="text-sm">{t(`delivery.sheet.leg.${legOf(sheet.leg)}`)}</p>
      <p className="text-sm text-stone-600">
        {t("delivery.sheet.summary", {
          stops: sheet.stops.length,
          km: sheet.km,
          load: sheet.loadUnits,
          from: sheet.from ?? "",
          to: sheet.to ?? "",
        })}
      </p>
      {sheet.vehicle.driverName ? (
        <p className="text-sm">
          {t("delivery.sheet.driver", {
            name: sheet.vehicle.driverName,
            phone: sheet.vehicle.driverPhone,
          })}
        </p>
      ) : null}
      <p>
        <a href={`/runs/${sheet.id}.pdf`} className="text-tea-800 underline">
          {t("delivery.sheet.pdf")}
        </a>
      </p>
      {sheet.superseded ? (
        <div role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          <p>{t("delivery.sheet.superseded")}</p>
          {sheet.currentRunId ? (
            <Link to={`/runs/${sheet.currentRunId}`} className="font-semibold underline">
              {t("delivery.sheet.current")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {props.notice ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {props.notice}
        </p>
      ) : null}
      {sheet.status === "PLANNED" && first && !sheet.superseded ? (
        <OfflineForm
          action={props.self}
          queueAction={props.queueAction}
          slot={`run:${sheet.id}:start`}
          serverKey={props.keys[`${sheet.id}:START`] ?? ""}
        >
          <input type="hidden" name="stopId" value={first.id} />
          <button name="kind" value="START" className="btn-primary w-full py-3">
            {t("delivery.report.start")}
          </button>
        </OfflineForm>
      ) : null}
      {sheet.stops.length ? null : <p className="card p-4">{t("delivery.sheet.empty")}</p>}
      <ol className="space-y-3">
        {sheet.stops.map((s) => (
          <StopCard
            key={s.id}
            stop={s}
            {...props}
            error={props.error?.stopId === s.id ? props.error : null}
          />
        ))}
      </ol>
    </div>
  );
}

function legOf(leg: string): "PICKUP" | "DELIVERY" | "DIRECT" {
  return leg === "PICKUP" || leg === "DELIVERY" ? leg : "DIRECT";
}

function StopCard(props: {
  stop: Stop;
  keys: Record<string, string>;
  self: string;
  queueAction: string;
  sheet: RunSheet;
  error: { stopId: string; message: string; typed: Record<string, string> } | null;
}) {
  const t = useT();
  const { stop: s } = props;
  const form = (kind: string, children: React.ReactNode, className = "") => (
    <OfflineForm
      action={props.self}
      queueAction={props.queueAction}
      slot={`stop:${s.id}:${kind}`}
      serverKey={props.keys[`${s.id}:${kind}`] ?? ""}
      className={className}
      aria-label={`${t(`delivery.stop.kind.${s.kind}`)} ${s.position + 1}`}
    >
      <input type="hidden" name="stopId" value={s.id} />
      <input type="hidden" name="kind" value={kind} />
      {children}
    </OfflineForm>
  );
  return (
    <li
      className="card space-y-2 p-3"
      data-testid="run-stop"
      data-kind={s.kind}
      data-status={s.status}
      data-name={s.name}
      data-ref={s.ref ?? undefined}
    >
      <div className="flex items-baseline justify-between gap-2">
        <p className="font-semibold">
          {s.position + 1}. {t(`delivery.stop.kind.${s.kind}`)}
        </p>
        <span
          className={`rounded px-2 py-0.5 text-xs ${s.done ? "bg-tea-100 text-tea-900" : "bg-stone-100"}`}
          data-testid="stop-status"
        >
          {t(`delivery.stop.status.${s.status}`)}
        </span>
      </div>
      <p>
        {s.kind === "PICKUP"
          ? t("delivery.stop.pickup", { units: s.units, name: s.name })
          : s.kind === "DELIVERY"
            ? t("delivery.stop.delivery", { units: s.units, name: s.name })
            : t("delivery.stop.drop", { units: s.units })}
        {s.ref ? <span className="text-stone-600"> · {s.ref}</span> : null}
      </p>
      {s.line ? <p className="text-sm text-stone-700">{s.line}</p> : null}
      <p className="text-sm">
        {s.window ? t("delivery.stop.window", s.window) : null}
        {s.window && s.planned ? " · " : null}
        {s.planned ? t("delivery.stop.planned", { at: s.planned }) : null}
      </p>
      {s.latest ? (
        <p className="text-sm text-amber-900">{t("delivery.stop.latest", { at: s.latest })}</p>
      ) : null}
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {s.phone ? (
          <a href={`tel:${s.phone}`} className="text-tea-800 underline">
            {t("delivery.stop.call", { phone: s.phone })}
          </a>
        ) : null}
        {s.nav ? (
          <>
            <a href={s.nav.geo} className="text-tea-800 underline">
              {t("delivery.stop.navigate")}
            </a>
            <a href={s.nav.google} className="text-tea-800 underline" rel="noreferrer">
              {t("delivery.stop.map")}
            </a>
          </>
        ) : (
          <span className="text-stone-600">{t("delivery.stop.noPlace")}</span>
        )}
      </p>
      {s.arrivedAt || s.doneAt ? (
        <p className="text-sm text-stone-700">
          {s.arrivedAt ? t("delivery.stop.arrivedAt", { at: s.arrivedAt }) : null}
          {s.arrivedAt && s.doneAt ? " · " : null}
          {s.doneAt ? t("delivery.stop.doneAt", { at: s.doneAt }) : null}
          {s.weighedUnits !== null && s.kind === "PICKUP"
            ? ` · ${t("delivery.stop.weighed", { weighed: s.weighedUnits, units: s.units })}`
            : null}
          {s.failReason
            ? ` · ${t("delivery.stop.failedBecause", { reason: failText(t, s.failReason) })}`
            : null}
        </p>
      ) : null}
      {props.error ? (
        <p role="alert" className="field-error">
          {props.error.message}
        </p>
      ) : null}
      {s.done && s.status !== "ARRIVED" && s.status !== "PENDING"
        ? // what this phone sent for it ("✓ đã gửi"), kept after the page shows the stop done
          form(s.status, null)
        : null}
      {s.done || props.sheet.superseded ? null : (
        <div className="space-y-2">
          {s.status === "PENDING"
            ? form(
                "ARRIVED",
                <button type="submit" className="btn w-full border border-stone-300 py-3">
                  {t("delivery.report.arrived")}
                </button>,
              )
            : null}
          {s.kind === "PICKUP"
            ? form(
                "PICKED",
                <div className="flex items-end gap-2">
                  <div className="w-28">
                    <label htmlFor={`w-${s.id}`} className="label">
                      {t("delivery.report.weighed")}
                    </label>
                    <input
                      id={`w-${s.id}`}
                      name="weighedUnits"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={s.units}
                      step={1}
                      required
                      defaultValue={props.error?.typed.weighedUnits ?? s.units}
                      className="field text-lg"
                    />
                  </div>
                  <button type="submit" className="btn-primary flex-1 py-3">
                    {t("delivery.report.picked")}
                  </button>
                </div>,
              )
            : form(
                "DELIVERED",
                <button type="submit" className="btn-primary w-full py-3">
                  {t("delivery.report.delivered")}
                </button>,
              )}
          <details>
            <summary className="min-h-11 cursor-pointer py-2 text-sm text-red-800">
              {t("delivery.report.failed")}
            </summary>
            {form(
              "FAILED",
              <>
                <label htmlFor={`r-${s.id}`} className="label">
                  {t("delivery.report.reason")}
                </label>
                <select
                  id={`r-${s.id}`}
                  name="reason"
                  required
                  defaultValue={props.error?.typed.reason ?? ""}
                  className="field"
                >
                  <option value="" disabled>
                    —
                  </option>
                  {FAIL_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`delivery.reason.${r}`)}
                    </option>
                  ))}
                </select>
                <label htmlFor={`n-${s.id}`} className="label">
                  {t("delivery.report.note")}
                </label>
                <input
                  id={`n-${s.id}`}
                  name="note"
                  maxLength={300}
                  defaultValue={props.error?.typed.note ?? ""}
                  className="field"
                />
                <button
                  type="submit"
                  className="btn w-full border border-red-300 py-3 text-red-800"
                >
                  {t("delivery.report.failed")}
                </button>
              </>,
              "space-y-2",
            )}
          </details>
        </div>
      )}
    </li>
  );
}

/** "NOT_HOME: note" as stored, in words. */
export function failText(t: ReturnType<typeof useT>, stored: string): string {
  const [code, ...rest] = stored.split(": ");
  const reason = FAIL_REASONS.find((r) => r === code);
  const words = reason ? t(`delivery.reason.${reason}`) : code;
  return rest.length ? `${words} (${rest.join(": ")})` : words;
}
