import { useT } from "~/i18n/react";
import type { PlaceOption } from "../match";

/** A province select's options: "choose" first, then the provinces in force by name. */
export function ProvinceOptions({ provinces }: { provinces: PlaceOption[] }) {
  const t = useT();
  return (
    <>
      <option value="">{t("checkout.choose")}</option>
      {provinces.map((p) => (
        <option key={p.code} value={p.code}>
          {p.name}
        </option>
      ))}
    </>
  );
}
