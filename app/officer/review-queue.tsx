// The officer review queues (stalls, certificates): header, outcome notice and one
// verify/reject form per item, posting to the queue's action (decideFromForm in ./review.server).
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { AuthenticityTokenInput } from "~/components/csrf";
import type { MessageKey } from "~/i18n";
import type { ReviewError } from "./review.server";
import { useT } from "~/i18n/react";

export function ReviewQueue({
  title,
  empty,
  children,
}: {
  title: MessageKey;
  empty: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t(title)}</h1>
      {done ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {done === "VERIFIED" ? t("officer.verified") : t("officer.rejected")}
        </p>
      ) : null}
      {empty ? <p>{t("officer.nothing")}</p> : null}
      <ul className="space-y-3">{children}</ul>
    </div>
  );
}

export function ReviewForm({
  id,
  verifyDisabled = false,
}: {
  id: string;
  verifyDisabled?: boolean;
}) {
  const t = useT();
  const actionData = useActionData<{ id: string; error?: ReviewError }>();
  return (
    <Form method="post" className="space-y-2">
      <AuthenticityTokenInput />
      <input type="hidden" name="id" value={id} />
      <label htmlFor={`note-${id}`} className="label">
        {t("officer.note")}
      </label>
      <input id={`note-${id}`} name="note" className="field" />
      {actionData?.id === id && actionData.error ? (
        <p role="alert" className="field-error">
          {t(actionData.error)}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button name="decision" value="VERIFIED" className="btn-primary" disabled={verifyDisabled}>
          {t("officer.verify")}
        </button>
        <button name="decision" value="REJECTED" className="btn-secondary text-red-700">
          {t("officer.reject")}
        </button>
      </div>
    </Form>
  );
}
