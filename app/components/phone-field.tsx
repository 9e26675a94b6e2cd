import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

/** The phone number input of the account forms: a phone keypad, autofill, the translated error (and what may follow it). */
export function PhoneField({
  meta,
  label,
  afterError,
}: {
  meta: FieldMetadata<string>;
  label: string;
  afterError?: ReactNode;
}) {
  const t = useT();
  const error = meta.errors?.[0] ? translateText(t, meta.errors[0]) : null;
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input
        {...getInputProps(meta, { type: "tel" })}
        autoComplete="tel"
        inputMode="tel"
        className="field"
      />
      {error ? (
        <p id={meta.errorId} className="field-error">
          {error}
          {afterError ? <> {afterError}</> : null}
        </p>
      ) : null}
    </div>
  );
}
