import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { FormErrors } from "~/components/form-errors";
import { PlaceFields } from "~/components/place-fields";
import { PhoneField } from "~/components/phone-field";
import { formatVnd } from "~/domain/money";
import { useLocale, useT } from "~/i18n/react";
import { formatCutoff, formatDay } from "../format";
import { isMessageKey, PreorderSchema, type PreorderPayment } from "../preorder-schema";

export type PreorderFormProps = {
  campaign: {
    unitLabel: string;
    priceVnd: number;
    depositPct: number;
    maxPerBuyer: number;
    days: { day: string; cutoff: string }[];
    payments: PreorderPayment[];
    collectionPoints: { id: string; name: string; line: string; commune: string; hours: string }[];
    area: { communes: string[]; radiusKm: number | null };
  };
  provinces: { code: string; name: string; communes: { code: string; name: string }[] }[];
  defaults: {
    recipient: string;
    phone: string;
    line: string;
    provinceCode: string;
    communeCode: string;
  };
  idempotencyKey: string;
  lastResult?: SubmissionResult<string[]> | null;
};

/** The pre-order form: works without JavaScript; a refused submission comes back with what was typed. */
export function PreorderForm({
  campaign: c,
  provinces,
  defaults,
  idempotencyKey,
  lastResult,
}: PreorderFormProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const unit = c.unitLabel.toLowerCase();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(PreorderSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      ...defaults,
      units: "1",
      when: "first",
      allowCarryOver: "on",
      fulfilment: "DELIVERY",
      paymentMethod: c.payments[0],
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PreorderSchema }),
  });
  const [located, setLocated] = useState<{ lat: number; lng: number } | null>(null);
  const err = (errors?: string[]) =>
    errors?.[0] ? (isMessageKey(errors[0]) ? t(errors[0]) : errors[0]) : null;
  const perUnit = (m: string) =>
    m === "VIETQR_DEPOSIT"
      ? Math.ceil((c.priceVnd * c.depositPct) / 100)
      : m === "COD"
        ? 0
        : c.priceVnd;
  const first = c.days[0];

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="card space-y-4 p-3"
      aria-labelledby="preorder-title"
    >
      <h2 id="preorder-title" className="text-lg font-bold">
        {t("preorder.title")}
      </h2>
      <AuthenticityTokenInput />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div>
        <label htmlFor={fields.units.id} className="label">
          {t("preorder.units", { unit })}
        </label>
        <input
          {...getInputProps(fields.units, { type: "number" })}
          inputMode="numeric"
          min={1}
          max={undefined}
          className="field w-28"
          aria-describedby={`${fields.units.id}-hint`}
        />
        <p id={`${fields.units.id}-hint`} className="text-xs text-stone-600">
          {t("preorder.unitsHint", { max: c.maxPerBuyer })} ·{" "}
          {t("campaign.perUnit", { price: formatVnd(c.priceVnd), unit })}
        </p>
        {err(fields.units.errors) ? (
          <p id={fields.units.errorId} className="field-error" data-testid="units-error">
            {err(fields.units.errors)}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={fields.when.id} className="label">
          {t("preorder.when")}
        </label>
        <select {...getSelectProps(fields.when)} className="field">
          <option value="first">
            {t("preorder.firstPossible")}
            {first ? ` (${formatDay(first.day, locale)})` : ""}
          </option>
          {c.days.map((d) => (
            <option key={d.day} value={d.day}>
              {t("preorder.dayOption", {
                day: formatDay(d.day, locale),
                cutoff: formatCutoff(d.cutoff, locale),
              })}
            </option>
          ))}
        </select>
        {first ? (
          <p className="text-xs text-stone-600">
            {t("preorder.firstPossibleHint", { day: formatDay(first.day, locale) })}
          </p>
        ) : null}
        {err(fields.when.errors) ? (
          <p id={fields.when.errorId} className="field-error" data-testid="when-error">
            {err(fields.when.errors)}
          </p>
        ) : null}
      </div>
      <label className="flex min-h-11 items-start gap-2 text-sm">
        <input {...getInputProps(fields.allowCarryOver, { type: "checkbox" })} className="mt-1" />
        <span>{t("preorder.carryOver")}</span>
      </label>
      <fieldset className="space-y-3">
        <legend className="text-base font-bold">{t("preorder.fulfilment")}</legend>
        {c.collectionPoints.length ? (
          <div className="space-y-1">
            {(["DELIVERY", "PICKUP"] as const).map((f) => (
              <label
                key={f}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 p-2"
              >
                <input
                  type="radio"
                  name={fields.fulfilment.name}
                  value={f}
                  defaultChecked={(fields.fulfilment.initialValue ?? "DELIVERY") === f}
                />
                <span>{t(f === "DELIVERY" ? "preorder.delivery" : "preorder.pickup")}</span>
              </label>
            ))}
            <label htmlFor={fields.collectionPointId.id} className="label">
              {t("preorder.pickupPoint")}
            </label>
            <select {...getSelectProps(fields.collectionPointId)} className="field">
              <option value="">—</option>
              {c.collectionPoints.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.hours ? ` (${p.hours})` : ""}, {p.commune}
                </option>
              ))}
            </select>
            {err(fields.collectionPointId.errors) ? (
              <p id={fields.collectionPointId.errorId} className="field-error">
                {err(fields.collectionPointId.errors)}
              </p>
            ) : null}
          </div>
        ) : (
          <input type="hidden" name={fields.fulfilment.name} value="DELIVERY" />
        )}
        <p className="text-xs text-stone-600">
          {c.area.communes.length
            ? t("preorder.area", { communes: c.area.communes.join(", ") })
            : null}
          {c.area.radiusKm ? ` ${t("preorder.areaRadius", { km: c.area.radiusKm })}` : null}
        </p>
        <div>
          <label htmlFor={fields.recipient.id} className="label">
            {t("checkout.recipient")}
          </label>
          <input
            {...getInputProps(fields.recipient, { type: "text" })}
            autoComplete="name"
            className="field"
          />
          {err(fields.recipient.errors) ? (
            <p id={fields.recipient.errorId} className="field-error">
              {err(fields.recipient.errors)}
            </p>
          ) : null}
        </div>
        <PhoneField meta={fields.phone} label={t("checkout.phone")} />
        <PlaceFields
          province={fields.provinceCode}
          commune={fields.communeCode}
          provinces={provinces}
          initialProvince={defaults.provinceCode}
          error={err}
        />
        <div>
          <label htmlFor={fields.line.id} className="label">
            {t("checkout.line")}
          </label>
          <input
            {...getInputProps(fields.line, { type: "text" })}
            autoComplete="address-line1"
            className="field"
          />
          {err(fields.line.errors) ? (
            <p id={fields.line.errorId} className="field-error">
              {err(fields.line.errors)}
            </p>
          ) : null}
        </div>
        {c.area.radiusKm ? (
          <div className="text-sm">
            {located ? (
              <>
                <input type="hidden" name="latitude" value={located.lat} />
                <input type="hidden" name="longitude" value={located.lng} />
                <p className="text-tea-800">✓ {t("preorder.locationShared")}</p>
              </>
            ) : (
              // only with JavaScript: the phone's position as a second way to be inside the area
              <button
                type="button"
                className="btn-secondary"
                onClick={() =>
                  navigator.geolocation?.getCurrentPosition((p) =>
                    setLocated({ lat: p.coords.latitude, lng: p.coords.longitude }),
                  )
                }
              >
                {t("preorder.shareLocation")}
              </button>
            )}
          </div>
        ) : null}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-base font-bold">{t("preorder.payment")}</legend>
        {c.payments.map((m) => (
          <label
            key={m}
            className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-300 p-2"
          >
            <input
              type="radio"
              name={fields.paymentMethod.name}
              value={m}
              defaultChecked={(fields.paymentMethod.initialValue ?? c.payments[0]) === m}
              className="mt-1"
            />
            <span>
              <span className="font-semibold">
                {t(`preorder.method.${m}`, { pct: c.depositPct })}
              </span>
              <span className="block text-sm text-stone-600">
                {t(`preorder.method.${m}.hint`, { amount: formatVnd(perUnit(m)), unit })}
              </span>
            </span>
          </label>
        ))}
        {err(fields.paymentMethod.errors) ? (
          <p id={fields.paymentMethod.errorId} className="field-error">
            {err(fields.paymentMethod.errors)}
          </p>
        ) : null}
      </fieldset>
      <button
        type="submit"
        className="btn-primary w-full"
        disabled={navigation.state === "submitting"}
      >
        {t("preorder.submitPlain")}
      </button>
    </Form>
  );
}
