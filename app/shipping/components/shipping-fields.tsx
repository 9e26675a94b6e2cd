// The stall's delivery by zone in its settings form: fee for the first kg and days
// per zone, each further kg, and where its own transport takes fresh produce.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { FRESH_REACHES } from "../rules";

type Field = FieldMetadata<string | undefined>;
export type ShippingFieldSet = {
  shippingFee: Field;
  shipNear: Field;
  shipFar: Field;
  shipExtraKg: Field;
  shipSameDays: Field;
  shipNearDays: Field;
  shipFarDays: Field;
  freshReach: Field;
};

export function ShippingFields({
  fields,
  error,
}: {
  fields: ShippingFieldSet;
  error: (errors?: string[]) => string | null;
}) {
  const t = useT();
  const input = (name: Exclude<keyof ShippingFieldSet, "freshReach">, label: MessageKey) => (
    <div>
      <label htmlFor={fields[name].id} className="label">
        {t(label)}
      </label>
      <input
        {...getInputProps(fields[name], { type: "text" })}
        inputMode="numeric"
        className="field"
      />
      {error(fields[name].errors) ? (
        <p id={fields[name].errorId} className="field-error">
          {error(fields[name].errors)}
        </p>
      ) : null}
    </div>
  );
  return (
    <fieldset className="space-y-3" data-testid="shipping-fields">
      <legend className="font-semibold">{t("shipping.settings")}</legend>
      <p className="text-sm text-stone-600">{t("shipping.settingsHelp")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {input("shippingFee", "shipping.sameFee")}
        {input("shipSameDays", "shipping.sameDays")}
        {input("shipNear", "shipping.nearFee")}
        {input("shipNearDays", "shipping.nearDays")}
        {input("shipFar", "shipping.farFee")}
        {input("shipFarDays", "shipping.farDays")}
        {input("shipExtraKg", "shipping.extraKg")}
      </div>
      <div>
        <label htmlFor={fields.freshReach.id} className="label">
          {t("shipping.freshReach")}
        </label>
        <select {...getSelectProps(fields.freshReach)} className="field">
          {FRESH_REACHES.map((r) => (
            <option key={r} value={r}>
              {t(`shipping.freshReach.${r}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
