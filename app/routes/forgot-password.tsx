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
import { z } from "zod";
import { phoneField, waitMinutes } from "~/domain/account-fields";
import { requestResetCode, resetPhoneCookie, resetPhoneFrom } from "~/account/reset.server";
import { AccountForm } from "~/account/components/account-form";
import { BackLink } from "~/components/back-link";
import { PhoneField } from "~/components/phone-field";
import { formatPhone, normalizePhone } from "~/domain/phone";
import { useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { clientAddress } from "~/utils/rate-limit.server";

// Step 1 of a forgotten password (step 2 is /reset-password). Public: whoever
// forgot their password is not logged in.
const ForgotSchema = z.object({
  phone: phoneField,
});

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "reset.forgotTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  // "send again" from step 2 comes back with the number filled in
  return { phone: await resetPhoneFrom(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ForgotSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const phone = normalizePhone(submission.value.phone)!;
  const outcome = await requestResetCode(phone, clientAddress(request));
  if (outcome.kind === "limited") {
    const t = await getTranslator(request);
    return data(
      {
        result: submission.reply({
          formErrors: [t("reset.sendLimited", { minutes: waitMinutes(outcome.retryAfterSeconds) })],
        }),
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the number has an account.
  throw redirect("/reset-password?sent=1", {
    headers: { "Set-Cookie": await resetPhoneCookie.serialize(formatPhone(phone)) },
  });
}

export default function ForgotPassword() {
  const t = useT();
  const { phone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { phone },
    constraint: getZodConstraint(ForgotSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <BackLink to="/login">{t("reset.backToLogin")}</BackLink>
      <h1 className="text-2xl font-bold">{t("reset.forgotTitle")}</h1>
      <p className="text-sm text-stone-700">{t("reset.forgotHint")}</p>
      <AccountForm form={form} submit={t("reset.send")} busy={busy}>
        <PhoneField meta={fields.phone} label={t("reset.phone")} />
      </AccountForm>
    </div>
  );
}
