// Form fields for conform forms: a label, the input, and its errors translated (keys
// from the zod schema or the action; a sentence the server already translated stays).
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

/** Joins a field's error keys into one translated sentence, or null. */
export function useErrorText() {
  const t = useT();
  return (errors?: string[] | null) =>
    errors?.length ? errors.map((e) => translateText(t, e)).join(" ") : null;
}

export function FieldError({
  errors,
  id,
  alert = false,
  children,
}: {
  errors?: string[] | null;
  id?: string;
  alert?: boolean;
  children?: ReactNode;
}) {
  const text = useErrorText()(errors);
  if (!text) return null;
  return (
    <p id={id} className="field-error" role={alert ? "alert" : undefined}>
      {text}
      {children ? <> {children}</> : null}
    </p>
  );
}

type InputType = "text" | "tel" | "password" | "date" | "email" | "number" | "search";

/** A labelled text input bound to a conform field, with its translated error below. */
export function TextField({
  meta,
  label,
  type = "text",
  hint,
  afterError,
  firstErrorOnly = false,
  alert = false,
  inputKey,
  ...input
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  label: ReactNode;
  type?: InputType;
  hint?: ReactNode;
  afterError?: ReactNode;
  /** Show only the first of the field's errors (the account forms). */
  firstErrorOnly?: boolean;
  /** Announce the error as it appears (role="alert"). */
  alert?: boolean;
  /** Remounts the input when it changes (to clear a password the browser kept). */
  inputKey?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "form">) {
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      {hint}
      <input
        {...getInputProps(meta, { type })}
        key={inputKey ?? meta.key}
        className="field"
        {...input}
      />
      <FieldError
        errors={firstErrorOnly ? meta.errors?.slice(0, 1) : meta.errors}
        id={meta.errorId}
        alert={alert}
      >
        {afterError}
      </FieldError>
    </div>
  );
}

/** A labelled select bound to a conform field (its options as children), with its error. */
export function SelectField({
  meta,
  label,
  hint,
  firstErrorOnly = false,
  children,
  ...select
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  label: ReactNode;
  /** shown below the select, before the error */
  hint?: ReactNode;
  firstErrorOnly?: boolean;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "form" | "children">) {
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...getSelectProps(meta)} className="field" {...select}>
        {children}
      </select>
      {hint}
      <FieldError
        errors={firstErrorOnly ? meta.errors?.slice(0, 1) : meta.errors}
        id={meta.errorId}
      />
    </div>
  );
}

/** A labelled textarea bound to a conform field, with its error. */
export function TextAreaField({
  meta,
  label,
  rows = 4,
  ...textarea
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<any>;
  label: ReactNode;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "form">) {
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <textarea {...getTextareaProps(meta)} rows={rows} className="field" {...textarea} />
      <FieldError errors={meta.errors} id={meta.errorId} />
    </div>
  );
}
