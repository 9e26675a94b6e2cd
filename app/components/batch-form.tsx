// Create/edit form for a production batch with its processing steps. Works
// without JavaScript: a fixed set of step rows, grouped selects, server checks.
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
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { BatchSchema, STEP_KINDS, STEP_ROWS } from "~/trace/batch-schema";
import { AuthenticityTokenInput } from "./csrf";

export type BatchFormOptions = {
  products: {
    id: string;
    name: string;
    traceKind?: string;
    variants: { id: string; label: string; gtin: string | null }[];
  }[];
  households: { id: string; name: string; plots: { id: string; name: string }[] }[];
  coop: boolean;
};

/** `locked`: the batch's codes are printed, so product, pack size and lot stay as they are. */
export function BatchForm({
  options,
  defaults,
  lastResult,
  locked = false,
}: {
  options: BatchFormOptions;
  defaults: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]>;
  locked?: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaults as never,
    constraint: getZodConstraint(BatchSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BatchSchema }),
  });
  const err = (errors?: string[]) =>
    errors?.length ? (
      <p className="field-error">{translateText(t, errors[0], { max: 500 })}</p>
    ) : null;
  const steps = fields.steps.getFieldList();
  const rows = Array.from({ length: STEP_ROWS }, (_, i) => steps[i]);
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3 p-4">
      <AuthenticityTokenInput />
      {form.errors?.length ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {form.errors.map((e) => translateText(t, e)).join(" ")}
        </p>
      ) : null}
      {locked ? (
        <p
          className="rounded-lg bg-stone-100 p-3 text-sm text-stone-800"
          data-testid="batch-locked"
        >
          {t("batches.lockedHelp")}
        </p>
      ) : null}
      <div>
        <label htmlFor={fields.productId.id} className="label">
          {t("batches.product")}
        </label>
        <select {...getSelectProps(fields.productId)} className="field">
          <option value="">—</option>
          {options.products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {err(fields.productId.errors)}
      </div>
      <div>
        <label htmlFor={fields.variantId.id} className="label">
          {t("batches.variant")}
        </label>
        <select {...getSelectProps(fields.variantId)} className="field">
          <option value="">{t("batches.variantNone")}</option>
          {options.products.map((p) => (
            <optgroup key={p.id} label={p.name}>
              {p.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {p.name} · {v.label}
                  {v.gtin ? ` · GTIN ${v.gtin}` : ""}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {err(fields.variantId.errors)}
      </div>
      <div>
        <label htmlFor={fields.lot.id} className="label">
          {t("batches.lot")}
        </label>
        <input
          {...getInputProps(fields.lot, { type: "text" })}
          readOnly={locked}
          className="field font-mono read-only:bg-stone-100"
          aria-describedby={`${fields.lot.id}-help`}
          autoCapitalize="characters"
        />
        <p id={`${fields.lot.id}-help`} className="mt-1 text-sm text-stone-600">
          {t("batches.lotHelp")}
        </p>
        {err(fields.lot.errors)}
      </div>
      {options.coop ? (
        <div>
          <label htmlFor={fields.householdId.id} className="label">
            {t("batches.household")}
          </label>
          <select {...getSelectProps(fields.householdId)} className="field">
            <option value="">—</option>
            {options.households.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
          {err(fields.householdId.errors)}
        </div>
      ) : null}
      <div>
        <label htmlFor={fields.plotId.id} className="label">
          {t("batches.plot")}
        </label>
        <select {...getSelectProps(fields.plotId)} className="field">
          <option value="">{t("batches.plotNone")}</option>
          {options.households.map((h) => (
            <optgroup key={h.id} label={h.name}>
              {h.plots.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {err(fields.plotId.errors)}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={fields.harvestedAt.id} className="label">
            {t("batches.harvestedAt")}
          </label>
          <input {...getInputProps(fields.harvestedAt, { type: "date" })} className="field" />
          {err(fields.harvestedAt.errors)}
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={fields.producedAt.id} className="label">
            {t("batches.producedAt")}
          </label>
          <input {...getInputProps(fields.producedAt, { type: "date" })} className="field" />
          {err(fields.producedAt.errors)}
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={fields.bestBefore.id} className="label">
            {t("batches.bestBefore")}
          </label>
          <input {...getInputProps(fields.bestBefore, { type: "date" })} className="field" />
          {err(fields.bestBefore.errors)}
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={fields.shelfKind.id} className="label">
            {t("batches.shelfKind")}
          </label>
          <select {...getSelectProps(fields.shelfKind)} className="field">
            <option value="BEST_BEFORE">{t("trace.shelf.BEST_BEFORE")}</option>
            <option value="EXPIRY">{t("trace.shelf.EXPIRY")}</option>
          </select>
        </div>
        <div>
          <label htmlFor={fields.quantity.id} className="label">
            {t("batches.quantity")}
          </label>
          <input
            {...getInputProps(fields.quantity, { type: "text" })}
            inputMode="decimal"
            className="field"
          />
          {err(fields.quantity.errors)}
        </div>
        <div>
          <label htmlFor={fields.unit.id} className="label">
            {t("batches.unit")}
          </label>
          <input {...getInputProps(fields.unit, { type: "text" })} className="field" />
          {err(fields.unit.errors)}
        </div>
      </div>
      <div>
        <label htmlFor={fields.notes.id} className="label">
          {t("batches.notes")}
        </label>
        <textarea {...getTextareaProps(fields.notes)} rows={2} className="field" />
        {err(fields.notes.errors)}
      </div>
      <fieldset className="space-y-2">
        <legend className="font-semibold">{t("batches.steps")}</legend>
        <p className="text-sm text-stone-600">{t("batches.stepsHelp")}</p>
        {rows.map((row, i) => {
          const f = row?.getFieldset();
          const name = (k: string) => `${fields.steps.name}[${i}].${k}`;
          const value = (k: "kind" | "at" | "note") =>
            (f?.[k].initialValue as string | undefined) ?? (k === "kind" ? STEP_KINDS[i] : "");
          const error = f ? [...(f.at.errors ?? []), ...(f.note.errors ?? [])] : [];
          return (
            <div
              key={i}
              className="grid grid-cols-1 gap-2 rounded-lg border border-stone-200 p-2 sm:grid-cols-[10rem_13rem_1fr]"
            >
              <label className="sr-only" htmlFor={`step-${i}-kind`}>
                {t("batches.stepKind")} {i + 1}
              </label>
              <select
                id={`step-${i}-kind`}
                name={name("kind")}
                defaultValue={value("kind")}
                className="field"
              >
                {STEP_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {translateText(t, `trace.step.${k}`)}
                  </option>
                ))}
              </select>
              <label className="sr-only" htmlFor={`step-${i}-at`}>
                {t("batches.stepAt")} {i + 1}
              </label>
              <input
                id={`step-${i}-at`}
                type="datetime-local"
                name={name("at")}
                defaultValue={value("at")}
                className="field"
              />
              <label className="sr-only" htmlFor={`step-${i}-note`}>
                {t("batches.stepNote")} {i + 1}
              </label>
              <input
                id={`step-${i}-note`}
                type="text"
                name={name("note")}
                defaultValue={value("note")}
                placeholder={t("batches.stepNote")}
                className="field"
              />
              {error.length ? (
                <p className="field-error col-span-full">{translateText(t, error[0])}</p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("batches.save")}
      </button>
    </Form>
  );
}
