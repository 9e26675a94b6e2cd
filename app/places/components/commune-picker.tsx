// Province, then its commune or ward. With JavaScript the communes of the chosen
// province come from GET /api/places/{code} and a box filters them as typed, accents
// optional; without it the "show communes" button posts the form back (intent
// "province", every value kept) and the page lists that province's communes.
import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useMemo, useState } from "react";
import { useT } from "~/i18n/react";
import { matchPlaces, type PlaceOption } from "../match";
import { ProvinceOptions } from "./province-options";

export const PROVINCE_INTENT = "province";

export function CommunePicker({
  province,
  commune,
  provinces,
  communes,
  provinceCode,
  onProvince,
  error,
}: {
  province: FieldMetadata<string>;
  commune: FieldMetadata<string>;
  provinces: PlaceOption[];
  /** the communes of `provinceCode`, as the server rendered them */
  communes: PlaceOption[];
  provinceCode: string;
  onProvince?: (code: string) => void;
  /** the translated text of a field's first error, or null */
  error: (errors?: string[]) => string | null;
}) {
  const t = useT();
  const [js, setJs] = useState(false);
  const [chosen, setChosen] = useState(provinceCode);
  const [list, setList] = useState(communes);
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const [q, setQ] = useState("");
  useEffect(() => setJs(true), []);
  // a new server answer (the no-JavaScript round trip, a revalidation) wins
  useEffect(() => {
    setChosen(provinceCode);
    setList(communes);
  }, [provinceCode, communes]);

  async function choose(code: string) {
    setChosen(code);
    setQ("");
    onProvince?.(code);
    if (!code) return setList([]);
    setState("loading");
    try {
      const res = await fetch(`/api/places/${encodeURIComponent(code)}`);
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as { communes: PlaceOption[] };
      setList(body.communes);
      setState("idle");
    } catch {
      setState("failed");
    }
  }

  const shown = useMemo(() => (q ? matchPlaces(q, list, list.length) : list), [q, list]);
  return (
    <>
      <div>
        <label htmlFor={province.id} className="label">
          {t("checkout.province")}
        </label>
        <select
          {...getSelectProps(province)}
          onChange={(e) => void choose(e.target.value)}
          className="field"
        >
          <ProvinceOptions provinces={provinces} />
        </select>
        {error(province.errors) ? (
          <p id={province.errorId} className="field-error">
            {error(province.errors)}
          </p>
        ) : null}
        {!js || state === "failed" ? (
          <button
            type="submit"
            name="intent"
            value={PROVINCE_INTENT}
            formNoValidate
            className="btn mt-2 text-sm"
          >
            {t("places.showCommunes")}
          </button>
        ) : null}
        {state === "failed" ? <p className="field-error">{t("places.loadFailed")}</p> : null}
      </div>
      <div>
        <label htmlFor={commune.id} className="label">
          {t("checkout.commune")}
        </label>
        {js && list.length > 12 ? (
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t("places.filterHint")}
            aria-label={t("places.filter")}
            aria-controls={commune.id}
            className="field mb-2"
            data-testid="commune-filter"
          />
        ) : null}
        <select
          {...getSelectProps(commune)}
          key={chosen}
          className="field"
          aria-busy={state === "loading"}
        >
          <option value="">
            {!chosen
              ? t("places.chooseProvinceFirst")
              : state === "loading"
                ? t("places.loading")
                : shown.length || !q
                  ? t("checkout.choose")
                  : t("places.noMatch")}
          </option>
          {shown.map((c) => (
            <option key={c.code} value={c.code}>
              {c.type === "xã" ? c.name : `${c.name} (${c.type})`}
            </option>
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
