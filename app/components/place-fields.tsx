import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { useT } from "~/i18n/react";

export type ProvincePlaces = {
  code: string;
  name: string;
  communes: { code: string; name: string }[];
};

/**
 * The province and commune of an address (checkout, pre-orders). Without JavaScript
 * every province's communes are listed, grouped; with it, only the chosen province's.
 */
export function PlaceFields({
  province,
  commune,
  provinces,
  initialProvince,
  error,
}: {
  province: FieldMetadata<string>;
  commune: FieldMetadata<string>;
  provinces: ProvincePlaces[];
  initialProvince: string;
  /** the translated text of a field's first error, or null */
  error: (errors?: string[]) => string | null;
}) {
  const t = useT();
  const [chosen, setChosen] = useState(province.initialValue ?? initialProvince);
  const shown = provinces.filter((p) => !chosen || p.code === chosen);
  return (
    <>
      <div>
        <label htmlFor={province.id} className="label">
          {t("checkout.province")}
        </label>
        <select
          {...getSelectProps(province)}
          onChange={(e) => setChosen(e.target.value)}
          className="field"
        >
          <option value="">{t("checkout.choose")}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
        {error(province.errors) ? (
          <p id={province.errorId} className="field-error">
            {error(province.errors)}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={commune.id} className="label">
          {t("checkout.commune")}
        </label>
        <select {...getSelectProps(commune)} className="field">
          <option value="">{t("checkout.choose")}</option>
          {shown.map((p) => (
            <optgroup key={p.code} label={p.name}>
              {p.communes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {error(commune.errors) ? (
          <p id={commune.errorId} className="field-error" data-testid="commune-error">
            {error(commune.errors)}
          </p>
        ) : null}
      </div>
    </>
  );
}
