import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { newPasswordField, phoneField, waitMinutes } from "~/domain/account-fields";
import { AccountForm } from "~/account/components/account-form";
import { TextField } from "~/components/field";
import { PhoneField } from "~/components/phone-field";
import { signupLimits } from "~/domain/login-limits";
import { normalizePhone } from "~/domain/phone";
import { useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";
import { audit } from "~/utils/audit.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getLocale, getTranslator } from "~/utils/locale.server";
import { hashPassword } from "~/utils/password.server";
import { clientAddress, takeRateLimits } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/redirect";
import { createSession } from "~/utils/session.server";

// A buyer creates an account with a phone number (how Vietnamese shops know their
// customers). Sellers, managers and officers get theirs from an officer or admin:
// this form only ever makes BUYER accounts. The phone is not verified by SMS here
// (no SMS leaves the machine); see docs/decisions/0021.
const SignupSchema = z.object({
  name: z
    .string({ required_error: "form.required" })
    .trim()
    .min(2, "form.required")
    .max(100, "form.tooLong"),
  phone: phoneField,
  password: newPasswordField,
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.signup");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const t = await getTranslator(request);
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const phone = normalizePhone(submission.value.phone)!;
  // taken before anything is looked up: the answer says whether a number is taken (decision 0021)
  const limit = await takeRateLimits(signupLimits(phone, clientAddress(request)));
  if (!limit.allowed) {
    const minutes = waitMinutes(limit.retryAfterSeconds);
    return data(
      {
        result: submission.reply({
          formErrors: [t("login.rateLimited", { minutes })],
          hideFields: ["password"],
        }),
      },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const user = await prisma.user
    .create({
      data: {
        phone,
        name: submission.value.name,
        role: "BUYER",
        locale: await getLocale(request),
        passwordHash: await hashPassword(submission.value.password),
      },
    })
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") return null; // the phone already has an account
      throw e;
    });
  if (!user)
    return data(
      {
        result: submission.reply({
          fieldErrors: { phone: ["signup.phoneTaken"] },
          hideFields: ["password"],
        }),
      },
      { status: 409 },
    );
  await audit({ actorId: user.id, action: "signup", entity: "User", entityId: user.id });
  // the guest cart joins the account in createSession; guest orders follow on the next page (claimGuestCheckouts)
  const to = safeRedirect(submission.value.redirectTo, "/account");
  return redirect(to.startsWith("/signup") || to.startsWith("/login") ? "/account" : to, {
    headers: { "Set-Cookie": await createSession(user.id, request) },
  });
}

export default function Signup() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-bold">{t("signup.title")}</h1>
      <p className="mb-4 text-sm text-stone-600">{t("signup.why")}</p>
      <AccountForm form={form} submit={t("signup.submit")} busy={navigation.state === "submitting"}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={fields.name} label={t("signup.name")} autoComplete="name" firstErrorOnly />
        <PhoneField
          meta={fields.phone}
          label={t("login.phone")}
          afterError={
            fields.phone.errors?.[0] === "signup.phoneTaken" ? (
              <Link
                to={`/login?redirectTo=${encodeURIComponent(redirectTo || "/account")}`}
                className="underline"
              >
                {t("login.submit")}
              </Link>
            ) : null
          }
        />
        <TextField
          meta={fields.password}
          type="password"
          label={t("login.password")}
          autoComplete="new-password"
          firstErrorOnly
        />
      </AccountForm>
      <p className="mt-4 text-sm">
        {t("signup.haveAccount")}{" "}
        <Link
          to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}
          className="underline"
        >
          {t("login.submit")}
        </Link>
      </p>
    </div>
  );
}
