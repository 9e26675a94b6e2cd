import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import {
  confirmField,
  confirmMatches,
  newPasswordField,
  phoneField,
  waitMinutes,
} from "~/domain/account-fields";
import { landingAfterReset, resetPhoneFrom, resetWithCode } from "~/account/reset.server";
import { TextField } from "~/components/field";
import { AccountForm } from "~/account/components/account-form";
import { BackLink } from "~/components/back-link";
import { PhoneField } from "~/components/phone-field";
import { normalizePhone } from "~/domain/phone";
import { normalizeCode } from "~/domain/reset-code";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { createSession } from "~/utils/session.server";

// Step 2 of a forgotten password: the SMS code and a new password (same rules as
// /account/password). Public, like /login.
const ResetSchema = z
  .object({
    phone: phoneField,
    code: z
      .string({ required_error: "form.required" })
      .max(20, "form.tooLong")
      .refine((v) => normalizeCode(v) !== null, "reset.codeFormat"),
    password: newPasswordField,
    confirm: confirmField,
  })
  .superRefine((v, ctx) => {
    confirmMatches(v, ctx);
  });

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "reset.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return {
    phone: await resetPhoneFrom(request),
    sent: new URL(request.url).searchParams.has("sent"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ResetSchema });
  const hide = ["password", "confirm"];
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: hide }) }, { status: 400 });
  const t = await getTranslator(request);
  const outcome = await resetWithCode({
    phone: normalizePhone(submission.value.phone)!,
    code: normalizeCode(submission.value.code)!,
    password: submission.value.password,
    address: clientAddress(request),
  });
  switch (outcome.kind) {
    case "reset": {
      // logged in here; every other session was ended with the old password
      const cookie = await createSession(outcome.userId, request);
      throw redirect(`${landingAfterReset(outcome.role)}?reset=done`, {
        headers: { "Set-Cookie": cookie },
      });
    }
    case "limited":
      return data(
        {
          result: submission.reply({
            formErrors: [
              t("reset.tryLimited", { minutes: waitMinutes(outcome.retryAfterSeconds) }),
            ],
            hideFields: hide,
          }),
        },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    case "wrong":
      return data(
        {
          result: submission.reply({
            fieldErrors: { code: [t("reset.wrong", { left: outcome.left })] },
            hideFields: hide,
          }),
        },
        { status: 400 },
      );
    default: {
      const key = ({ none: "reset.none", expired: "reset.expired", void: "reset.void" } as const)[
        outcome.kind
      ];
      return data(
        { result: submission.reply({ fieldErrors: { code: [key] }, hideFields: hide }) },
        { status: 400 },
      );
    }
  }
}

export default function ResetPassword() {
  const t = useT();
  const { phone, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { phone },
    constraint: getZodConstraint(ResetSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
  });
  // Refused: the passwords are typed again. The server never sends them back; with
  // JavaScript the browser would keep them in the fields, so each answer remounts them.
  const answers = useRef<{ last: unknown; n: number }>({ last: undefined, n: 0 });
  if (actionData !== answers.current.last)
    answers.current = { last: actionData, n: answers.current.n + 1 };
  const again = "/forgot-password";
  const password = (f: typeof fields.password, label: MessageKey) => (
    <TextField
      meta={f}
      type="password"
      label={t(label)}
      inputKey={`${f.key ?? ""}-${answers.current.n}`}
      autoComplete="new-password"
      firstErrorOnly
    />
  );
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <BackLink to="/login">{t("reset.backToLogin")}</BackLink>
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      {sent ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("reset.sent")}
        </p>
      ) : null}
      <p className="text-sm text-stone-700">{t("reset.hint")}</p>
      <AccountForm form={form} submit={t("reset.submit")} busy={busy}>
        <PhoneField meta={fields.phone} label={t("reset.phone")} />
        <TextField
          meta={fields.code}
          label={t("reset.code")}
          autoComplete="one-time-code"
          inputMode="numeric"
          className="field tracking-widest"
          firstErrorOnly
          alert
        />
        {password(fields.password, "reset.new")}
        {password(fields.confirm, "reset.confirm")}
      </AccountForm>
      <BackLink to={again}>{t("reset.again")}</BackLink>
    </div>
  );
}
