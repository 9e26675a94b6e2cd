// The frame the account pages share (log in, sign up, forgot, reset and change password):
// a link back above the title, then one card form with the CSRF token, the form's own
// errors, the fields and a full-width submit button that waits while the form is sent.
import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { FormErrors } from "~/components/form-errors";

export function AccountForm({
  form,
  submit,
  busy,
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormMetadata<any, string[]>;
  submit: ReactNode;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4 p-4">
      <AuthenticityTokenInput />
      <FormErrors id={form.errorId} errors={form.errors} />
      {children}
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}
