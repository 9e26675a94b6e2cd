// The campaign form (create, and edit while a draft). A plain POST that works without
// JavaScript; the server's reply (conform) keeps every value typed and puts each
// translated error beside its field.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { isSellerMessageKey as isMessageKey } from "../messages";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n";
import { CampaignSchema, UNIT_KINDS, VIETQR_MODES } from "../schema";

type Option = { id: string; name: string };
export type CampaignFormOptions = {
  products: (Option & { perishable: boolean })[];
  households: (Option & { hamlet: string | null })[];
  communes: { code: string; name: string }[];
};

const POINT_ROWS = 3;

export function CampaignForm(props: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, string | string[] | Record<string, string>[] | undefined>;
  expected?: Record<string, number>;
  options: CampaignFormOptions;
  formErrors?: string[];
  /** extra hidden fields, e.g. intent=edit */
  hidden?: Record<string, string>;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: props.lastResult,
    defaultValue: props.defaultValue as never,
    constraint: getZodConstraint(CampaignSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CampaignSchema }),
  });
  const tr = (errors?: string[]) => {
    const e = errors?.[0];
    return e ? (isMessageKey(e) ? t(e) : e) : null;
  };
  const err = (errors?: string[]) =>
    tr(errors) ? <p className="field-error">{tr(errors)}</p> : null;
  // values to show again: what was typed (after a refused post), else the saved ones
  const initial = (form.initialValue ?? {}) as Record<string, unknown>;
  const list = <T,>(name: string) =>
    Array.isArray(initial[name])
      ? (initial[name] as T[])
      : typeof initial[name] === "string"
        ? [initial[name] as T]
        : [];
  const points = list<Record<string, string> | undefined>("points");
  const households = list<Record<string, string> | undefined>("households");
  const chosenCommunes = new Set(list<string>("deliveryCommunes"));
  const expectedFor = (id: string) => {
    const typed = households.find((h) => h?.householdId === id)?.expectedUnits;
    if (props.lastResult) return typed ?? "";
    return props.expected?.[id]?.toString() ?? typed ?? "";
  };

  type Scalar =
    | "title"
    | "grade"
    | "boxKg"
    | "price"
    | "maxPerBuyer"
    | "firstDay"
    | "lastDay"
    | "cutoffTime"
    | "gradingReservePct"
    | "deliveryRadiusKm"
    | "deliveryLat"
    | "deliveryLng"
    | "freshNearHours"
    | "freshFarKm"
    | "freshFarHours"
    | "compensationPct"
    | "depositPct";
  const text = (
    name: Scalar,
    label: MessageKey,
    opts: { mode?: "numeric" | "decimal"; type?: "text" | "date" | "time" } = {},
  ) => {
    const f = fields[name];
    return (
      <div>
        <label htmlFor={f.id} className="label">
          {t(label)}
        </label>
        <input
          id={f.id}
          name={f.name}
          key={f.key}
          type={opts.type ?? "text"}
          defaultValue={typeof f.initialValue === "string" ? f.initialValue : ""}
          aria-invalid={f.errors ? true : undefined}
          inputMode={opts.mode}
          className="field"
        />
        {err(f.errors)}
      </div>
    );
  };

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4" data-testid="campaign-form">
      <AuthenticityTokenInput />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.formErrors?.length || form.errors?.length ? (
        <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {[...(props.formErrors ?? []), ...(form.errors ?? [])].map((e) => (
            <p key={e}>{isMessageKey(e) ? t(e) : e}</p>
          ))}
        </div>
      ) : null}
      <section className="card space-y-3 p-4">
        {text("title", "harvest.form.title")}
        <div>
          <label htmlFor={fields.productId.id} className="label">
            {t("harvest.form.product")}
          </label>
          <select {...getSelectProps(fields.productId)} className="field">
            <option value="">{t("harvest.form.productPick")}</option>
            {props.options.products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err(fields.productId.errors)}
        </div>
        {text("grade", "harvest.form.grade")}
        <div>
          <label htmlFor={fields.description.id} className="label">
            {t("harvest.form.description")}
          </label>
          <textarea {...getTextareaProps(fields.description)} rows={3} className="field" />
          {err(fields.description.errors)}
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={fields.unitKind.id} className="label">
              {t("harvest.form.unitKind")}
            </label>
            <select {...getSelectProps(fields.unitKind)} className="field">
              {UNIT_KINDS.map((u) => (
                <option key={u} value={u}>
                  {t(u === "BOX" ? "harvest.form.unit.BOX" : "harvest.form.unit.KG")}
                </option>
              ))}
            </select>
          </div>
          {text("boxKg", "harvest.form.boxKg", { mode: "decimal" })}
        </div>
        <div className="grid grid-cols-2 gap-3">
          {text("price", "harvest.form.price", { mode: "numeric" })}
          {text("maxPerBuyer", "harvest.form.maxPerBuyer", { mode: "numeric" })}
        </div>
      </section>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("harvest.form.window")}</legend>
        <div className="grid grid-cols-2 gap-3">
          {text("firstDay", "harvest.form.firstDay", { type: "date" })}
          {text("lastDay", "harvest.form.lastDay", { type: "date" })}
        </div>
        {text("cutoffTime", "harvest.form.cutoffTime", { type: "time" })}
        {text("gradingReservePct", "harvest.form.reserve", { mode: "numeric" })}
      </fieldset>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("harvest.form.households")}</legend>
        <p className="text-sm text-stone-600">{t("harvest.form.householdsHelp")}</p>
        {err(fields.households.errors)}
        <ul className="divide-y divide-stone-100">
          {props.options.households.map((h, i) => (
            <li key={h.id} className="flex items-center justify-between gap-2 py-1">
              <label htmlFor={`hh-${h.id}`} className="text-sm">
                {h.name}
                {h.hamlet ? <span className="block text-xs text-stone-500">{h.hamlet}</span> : null}
              </label>
              <input type="hidden" name={`households[${i}].householdId`} value={h.id} />
              <input
                id={`hh-${h.id}`}
                name={`households[${i}].expectedUnits`}
                defaultValue={expectedFor(h.id)}
                inputMode="numeric"
                aria-label={`${t("harvest.form.expected")}: ${h.name}`}
                placeholder={t("harvest.form.expected")}
                className="field w-28"
              />
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("harvest.form.points")}</legend>
        {Array.from({ length: POINT_ROWS }, (_, i) => {
          const p = points[i] ?? {};
          const e = (k: string) => err(form.allErrors[`points[${i}].${k}`]);
          return (
            <div
              key={i}
              className="grid grid-cols-1 gap-2 border-b border-stone-100 pb-2 sm:grid-cols-2"
            >
              <div>
                <label htmlFor={`point-${i}-name`} className="label">
                  {t("harvest.form.pointName")} {i + 1}
                </label>
                <input
                  id={`point-${i}-name`}
                  name={`points[${i}].name`}
                  defaultValue={p.name ?? ""}
                  className="field"
                />
                {e("name")}
              </div>
              <div>
                <label htmlFor={`point-${i}-commune`} className="label">
                  {t("harvest.form.pointCommune")}
                </label>
                <select
                  id={`point-${i}-commune`}
                  name={`points[${i}].communeCode`}
                  defaultValue={p.communeCode ?? ""}
                  className="field"
                >
                  <option value="">—</option>
                  {props.options.communes.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {e("communeCode")}
              </div>
              <div>
                <label htmlFor={`point-${i}-line`} className="label">
                  {t("harvest.form.pointLine")}
                </label>
                <input
                  id={`point-${i}-line`}
                  name={`points[${i}].line`}
                  defaultValue={p.line ?? ""}
                  className="field"
                />
              </div>
              <div>
                <label htmlFor={`point-${i}-hours`} className="label">
                  {t("harvest.form.pointHours")}
                </label>
                <input
                  id={`point-${i}-hours`}
                  name={`points[${i}].hours`}
                  defaultValue={p.hours ?? ""}
                  className="field"
                />
              </div>
            </div>
          );
        })}
      </fieldset>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("harvest.form.area")}</legend>
        <p className="text-sm text-stone-600">{t("harvest.form.areaHelp")}</p>
        <details open={chosenCommunes.size > 0 || !!fields.deliveryCommunes.errors}>
          <summary className="cursor-pointer text-sm font-medium">
            {t("harvest.form.areaCommunes")} ({chosenCommunes.size})
          </summary>
          <div className="mt-2 grid grid-cols-2 gap-1">
            {props.options.communes.map((c) => (
              <label key={c.code} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="deliveryCommunes"
                  value={c.code}
                  defaultChecked={chosenCommunes.has(c.code)}
                  className="h-5 w-5"
                />
                {c.name}
              </label>
            ))}
          </div>
        </details>
        {err(fields.deliveryCommunes.errors)}
        <div className="grid grid-cols-3 gap-2">
          {text("deliveryRadiusKm", "harvest.form.radiusKm", { mode: "numeric" })}
          {text("deliveryLat", "harvest.form.lat", { mode: "decimal" })}
          {text("deliveryLng", "harvest.form.lng", { mode: "decimal" })}
        </div>
      </fieldset>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("harvest.form.freshness")}</legend>
        <div className="grid grid-cols-2 gap-3">
          {text("freshNearHours", "harvest.form.freshNearHours", { mode: "numeric" })}
          {text("freshFarKm", "harvest.form.freshFarKm", { mode: "numeric" })}
          {text("freshFarHours", "harvest.form.freshFarHours", { mode: "numeric" })}
          {text("compensationPct", "harvest.form.compensationPct", { mode: "numeric" })}
        </div>
      </fieldset>

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold">{t("harvest.form.payment")}</legend>
        <label className="flex items-center gap-2">
          <input {...getInputProps(fields.payCod, { type: "checkbox" })} className="h-5 w-5" />
          {t("harvest.form.payCod")}
        </label>
        {err(fields.payCod.errors)}
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={fields.vietqrMode.id} className="label">
              {t("harvest.form.vietqrMode")}
            </label>
            <select {...getSelectProps(fields.vietqrMode)} className="field">
              {VIETQR_MODES.map((v) => (
                <option key={v} value={v}>
                  {t(
                    v === "NONE"
                      ? "harvest.form.vietqr.NONE"
                      : v === "DEPOSIT"
                        ? "harvest.form.vietqr.DEPOSIT"
                        : "harvest.form.vietqr.FULL",
                  )}
                </option>
              ))}
            </select>
          </div>
          {text("depositPct", "harvest.form.depositPct", { mode: "numeric" })}
        </div>
        <label className="flex items-center gap-2">
          <input {...getInputProps(fields.payCard, { type: "checkbox" })} className="h-5 w-5" />
          {t("harvest.form.payCard")}
        </label>
      </fieldset>

      <button
        type="submit"
        className="btn-primary w-full"
        disabled={navigation.state === "submitting"}
      >
        {t("harvest.form.save")}
      </button>
    </Form>
  );
}
