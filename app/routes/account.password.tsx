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
import {
  confirmField,
  confirmMatches,
  newPasswordField,
  waitMinutes,
} from "~/domain/account-fields";
import { TextField } from "~/components/field";
import { AccountForm } from "~/account/components/account-form";
import { BackLink } from "~/components/back-link";
import { changePasswordLimits } from "~/domain/login-limits";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";
import { changePassword } from "~/account/password.server";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { verifyPassword } from "~/utils/password.server";
import { clearRateLimit, takeRateLimits } from "~/utils/rate-limit.server";
import { readSessionId } from "~/utils/session.server";

// One schema for the browser and the server; messages are i18n keys.
const PasswordSchema = z
  .object({
    current: z.string({ required_error: "form.required" }).max(200, "form.tooLong"),
    password: newPasswordField,
    confirm: confirmField,
  })
  .superRefine((v, ctx) => {
    confirmMatches(v, ctx);
    if (v.password === v.current)
      ctx.addIssue({ code: "custom", path: ["password"], message: "password.same" });
  });

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { done: new URL(request.url).searchParams.has("done") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const t = await getTranslator(request);
  const submission = parseWithZod(formData, { schema: PasswordSchema });
  const hide = ["current", "password", "confirm"];
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: hide }) }, { status: 400 });
  // the token is taken before the current password is checked: parallel guesses get no more checks
  const limits = changePasswordLimits(user.id);
  const state = await takeRateLimits(limits);
  if (!state.allowed) {
    const minutes = waitMinutes(state.retryAfterSeconds);
    return data(
      {
        result: submission.reply({
          formErrors: [t("password.rateLimited", { minutes })],
          hideFields: hide,
        }),
      },
      { status: 429 },
    );
  }
  const account = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(submission.value.current, account.passwordHash))) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { current: ["password.wrong"] },
          hideFields: hide,
        }),
      },
      { status: 400 },
    );
  }
  await clearRateLimit(...limits.map((l) => l.key));
  await changePassword(user.id, submission.value.password, await readSessionId(request));
  throw redirect("/account/password?done");
}

export default function ChangePassword() {
  const t = useT();
  const { done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(PasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  });
  const field = (f: typeof fields.current, label: MessageKey, autoComplete: string) => (
    <TextField
      meta={f}
      type="password"
      label={t(label)}
      autoComplete={autoComplete}
      firstErrorOnly
    />
  );
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <BackLink to="/account">← {t("account.title")}</BackLink>
      <h1 className="text-2xl font-bold">{t("password.title")}</h1>
      {done ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("password.done")}
        </p>
      ) : null}
      <p className="text-sm text-stone-700">{t("password.hint")}</p>
      <AccountForm form={form} submit={t("password.submit")} busy={busy}>
        {field(fields.current, "password.current", "current-password")}
        {field(fields.password, "password.new", "new-password")}
        {field(fields.confirm, "password.confirm", "new-password")}
      </AccountForm>
    </div>
  );
}
