import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

/** A form's own errors (not a field's): i18n keys, or sentences the server already translated. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p role="alert" id={id} className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
      {errors.map((e) => translateText(t, e)).join(" ")}
    </p>
  );
}
