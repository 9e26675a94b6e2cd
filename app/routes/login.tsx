import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { z } from "zod";
import { phoneField, waitMinutes } from "~/domain/account-fields";
import { AccountForm } from "~/account/components/account-form";
import { TextField } from "~/components/field";
import { PhoneField } from "~/components/phone-field";
import { DEMO_PASSWORD, DEMO_USERS } from "~/domain/demo-users";
import { normalizePhone } from "~/domain/phone";
import { homeFor } from "~/domain/roles";
import { useT } from "~/i18n/react";
import { logIn } from "~/account/login.server";
import { getUser } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/redirect";
import { createSession } from "~/utils/session.server";

// One schema for the browser and the server; messages are i18n keys.
const LoginSchema = z.object({
  phone: phoneField,
  password: z.string({ required_error: "form.required" }).max(200, "form.tooLong"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => [{ title: "Đăng nhập · Xứ Trà" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeFor(user.role));
  return {
    demo: env.SHOW_DEMO_LOGINS ? DEMO_USERS.map((u) => ({ phone: u.phone, label: u.label })) : [],
    demoPassword: env.SHOW_DEMO_LOGINS ? DEMO_PASSWORD : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const t = await getTranslator(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const phone = normalizePhone(submission.value.phone)!;
  const result = await logIn({
    phone,
    password: submission.value.password,
    address: clientAddress(request),
  });
  if (result.kind === "limited") {
    const minutes = waitMinutes(result.retryAfterSeconds);
    return data(
      {
        result: submission.reply({
          formErrors: [t("login.rateLimited", { minutes })],
          hideFields: ["password"],
        }),
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.kind === "invalid") {
    return data(
      { result: submission.reply({ formErrors: [t("login.invalid")], hideFields: ["password"] }) },
      { status: 401 },
    );
  }
  const user = { id: result.userId, role: result.role };
  const cookie = await createSession(user.id, request);
  const to = safeRedirect(submission.value.redirectTo, homeFor(user.role));
  return redirect(to === "/login" ? homeFor(user.role) : to, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useT();
  const { demo, demoPassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });

  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-4 text-2xl font-bold">{t("login.title")}</h1>
      <AccountForm form={form} submit={t("login.submit")} busy={navigation.state === "submitting"}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <PhoneField meta={fields.phone} label={t("login.phone")} />
        <TextField
          meta={fields.password}
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          firstErrorOnly
        />
      </AccountForm>
      <p className="mt-3 text-sm">
        <Link to="/forgot-password" className="text-tea-800 underline">
          {t("reset.link")}
        </Link>
      </p>
      {demo.length ? (
        <section className="mt-6 text-sm text-stone-700">
          <h2 className="font-semibold">{t("login.demo")}</h2>
          <ul className="mt-2 space-y-1">
            {demo.map((d) => (
              <li key={d.phone}>
                <code>{d.phone}</code> · {d.label}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            {t("login.password")}: <code>{demoPassword}</code>
          </p>
        </section>
      ) : null}
    </div>
  );
}
