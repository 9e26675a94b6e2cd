import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { onboardHousehold, OnboardError } from "~/onboarding/onboarding.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { NewHouseholdSchema } from "~/domain/household-onboarding";
import { formatPhone } from "~/domain/phone";
import { type MessageKey, translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "onboard.title");

// Officers work in the province: the commune list is Thái Nguyên's.
const PROVINCE = "19";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const url = new URL(request.url);
  const createdId = url.searchParams.get("created");
  const existingAccount = url.searchParams.get("account") === "existing";
  const [communes, created] = await Promise.all([
    prisma.commune.findMany({
      where: { provinceCode: PROVINCE },
      orderBy: { name: "asc" },
      select: { code: true, name: true },
    }),
    // only the officer who registered it sees the confirmation
    createdId
      ? prisma.household.findFirst({
          where: { id: createdId, onboardedById: user.id },
          include: { stalls: { take: 1 } },
        })
      : null,
  ]);
  return {
    communes,
    created: created
      ? {
          name: created.name,
          phone: created.phone ? formatPhone(created.phone) : "",
          existingAccount,
          stall: created.stalls[0]
            ? {
                name: created.stalls[0].name,
                slug: created.stalls[0].slug,
                verified: created.stalls[0].verification === "VERIFIED",
              }
            : null,
        }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: NewHouseholdSchema });
  // the password is never sent back into the page
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  try {
    const { householdId, fromBuyerAccount } = await onboardHousehold(user, submission.value);
    throw redirect(
      `/officer/households/new?created=${householdId}${fromBuyerAccount ? "&account=existing" : ""}`,
    );
  } catch (e) {
    if (e instanceof OnboardError)
      return data(
        {
          result: submission.reply({
            fieldErrors: { [e.field]: [e.code] },
            hideFields: ["password"],
          }),
        },
        { status: e.code === "onboard.phoneTaken" ? 409 : 400 },
      );
    throw e;
  }
}

export default function NewHousehold() {
  const t = useT();
  const { communes, created } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewHouseholdSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewHouseholdSchema }),
  });
  const tr = (errors?: string[]) => (errors?.length ? translateText(t, errors[0]) : null);
  const text = (
    name: "personName" | "phone" | "hamlet" | "stallName",
    label: MessageKey,
    extra: { type?: "text" | "tel"; mode?: "tel"; hint?: MessageKey } = {},
  ) => (
    <div>
      <label htmlFor={fields[name].id} className="label">
        {t(label)}
      </label>
      <input
        {...getInputProps(fields[name], { type: extra.type ?? "text" })}
        inputMode={extra.mode}
        className="field"
      />
      {extra.hint ? <p className="mt-1 text-xs text-stone-600">{t(extra.hint)}</p> : null}
      {tr(fields[name].errors) ? (
        <p id={fields[name].errorId} className="field-error">
          {tr(fields[name].errors)}
        </p>
      ) : null}
    </div>
  );
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("onboard.title")}</h1>
      {created ? (
        <div
          role="status"
          className="space-y-1 rounded-lg bg-tea-50 p-3 text-sm text-tea-800"
          data-testid="onboard-created"
        >
          <p className="font-semibold">{t("onboard.created", { name: created.name })}</p>
          <p>
            {t(created.existingAccount ? "onboard.loginHintExisting" : "onboard.loginHint", {
              phone: created.phone,
            })}
          </p>
          {created.stall ? (
            <p>
              {t("onboard.stallOpened", { name: created.stall.name })} ·{" "}
              {created.stall.verified ? t("verification.VERIFIED") : t("verification.UNVERIFIED")} ·{" "}
              <Link to={`/stalls/${created.stall.slug}`} className="underline">
                {t("onboard.viewStall")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="text-sm text-stone-600">{t("onboard.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-3 p-4">
        <AuthenticityTokenInput />
        {text("personName", "onboard.personName")}
        {text("phone", "onboard.phone", { type: "tel", mode: "tel", hint: "onboard.phoneHint" })}
        <div>
          <label htmlFor={fields.communeCode.id} className="label">
            {t("stall.commune")}
          </label>
          <select {...getSelectProps(fields.communeCode)} className="field">
            <option value="">{t("onboard.communePick")}</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          {tr(fields.communeCode.errors) ? (
            <p id={fields.communeCode.errorId} className="field-error">
              {tr(fields.communeCode.errors)}
            </p>
          ) : null}
        </div>
        {text("hamlet", "onboard.hamlet")}
        {text("stallName", "onboard.stallName", { hint: "onboard.stallNameHint" })}
        <div>
          <label htmlFor={fields.password.id} className="label">
            {t("onboard.password")}
          </label>
          <input
            {...getInputProps(fields.password, { type: "password" })}
            autoComplete="new-password"
            className="field"
          />
          <p className="mt-1 text-xs text-stone-600">{t("onboard.passwordHint")}</p>
          {tr(fields.password.errors) ? (
            <p id={fields.password.errorId} className="field-error">
              {tr(fields.password.errors)}
            </p>
          ) : null}
        </div>
        <label className="flex items-start gap-2">
          <input
            {...getInputProps(fields.verifiedInPerson, { type: "checkbox" })}
            className="mt-0.5 h-5 w-5 shrink-0"
          />
          <span>{t("onboard.verifiedInPerson")}</span>
        </label>
        <div>
          <label htmlFor={fields.note.id} className="label">
            {t("officer.noteLabel")}
          </label>
          <textarea {...getTextareaProps(fields.note)} rows={2} className="field" />
        </div>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("onboard.submit")}
        </button>
      </Form>
    </div>
  );
}
