import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { FieldError, TextField, useErrorText } from "~/components/field";
import { useT } from "~/i18n/react";
import { CERT_KINDS } from "../rules";
import { CertificateSchema } from "../schema";

/** The form a stall files a certificate with (a scan, and the facts an officer checks). */
export function CertificateForm({
  lastResult,
  products,
}: {
  lastResult?: SubmissionResult<string[]>;
  products: { id: string; name: string }[];
}) {
  const t = useT();
  const errorText = useErrorText();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(CertificateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CertificateSchema }),
  });
  const docErrors = form.allErrors.document as string[] | undefined;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="card space-y-3 p-4"
    >
      <AuthenticityTokenInput />
      <h3 className="font-semibold">{t("cert.add")}</h3>
      {Object.keys(form.allErrors).length ? (
        <ul
          role="alert"
          id={form.errorId}
          className="list-disc rounded-lg bg-red-50 p-3 pl-7 text-sm text-red-800"
          data-testid="form-errors"
        >
          {Object.entries(form.allErrors).flatMap(([field, errs]) =>
            errs.map((e) => <li key={`${field}-${e}`}>{errorText([e])}</li>),
          )}
        </ul>
      ) : null}
      <div>
        <label htmlFor={fields.kind.id} className="label">
          {t("cert.kind")}
        </label>
        <select {...getSelectProps(fields.kind)} className="field">
          {CERT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`cert.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={fields.stars.id} className="label">
          {t("cert.stars")}
        </label>
        <select {...getSelectProps(fields.stars)} className="field">
          <option value="">—</option>
          {[3, 4, 5].map((s) => (
            <option key={s} value={s}>
              {s}★
            </option>
          ))}
        </select>
        <FieldError errors={fields.stars.errors} />
      </div>
      <TextField meta={fields.issuer} label={t("cert.issuer")} />
      <TextField meta={fields.number} label={t("cert.number")} />
      <TextField meta={fields.scope} label={t("cert.scope")} />
      <div className="grid grid-cols-2 gap-2">
        <TextField meta={fields.issuedAt} type="date" label={t("cert.issuedAt")} />
        <TextField meta={fields.expiresAt} type="date" label={t("cert.expiresAt")} />
      </div>
      <div>
        <label htmlFor={fields.productId.id} className="label">
          {t("cert.product")}
        </label>
        <select {...getSelectProps(fields.productId)} className="field">
          <option value="">{t("cert.wholeStall")}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldError errors={fields.productId.errors} />
      </div>
      <div>
        <label htmlFor="document" className="label">
          {t("cert.document")}
        </label>
        <input
          id="document"
          name="document"
          type="file"
          accept="application/pdf,image/*"
          className="field"
        />
        <FieldError errors={docErrors} alert />
      </div>
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("cert.submit")}
      </button>
    </Form>
  );
}
