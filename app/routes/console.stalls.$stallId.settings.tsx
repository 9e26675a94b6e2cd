import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { Notice } from "~/components/notice";
import { AuthenticityTokenInput } from "~/components/csrf";
import { SelectField, TextAreaField, TextField } from "~/components/field";
import { PhotoManager } from "~/components/photo-uploader";
import { confirmPayoutCode, payoutHoldView, resendPayoutCode } from "~/stalls/payout.server";
import { saveStallSettings } from "~/stalls/settings.server";
import { waitMinutes } from "~/domain/account-fields";
import { formatPhone } from "~/domain/phone";
import { normalizeCode } from "~/domain/reset-code";
import { PAYOUT_BANKS, StallSettingsSchema, STALL_STATUSES } from "~/stalls/schema";
import { type MessageKey, translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import type { RootData } from "~/root";
import { requestStallVerification } from "~/stalls/verification.server";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getTranslator } from "~/utils/locale.server";
import { formatVndInput } from "~/utils/format";
import { communesOf, placesIndex } from "~/places/places.server";
import { ShippingFields } from "~/shipping/components/shipping-fields";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  // the communes of the stall's province (moving to another province is an officer's job)
  const province = (await placesIndex()).get(stall.communeCode) ?? "";
  const [communes, photos] = await Promise.all([
    communesOf(province).then((list) => list ?? []),
    prisma.photo.findMany({ where: { stallId: stall.id }, orderBy: { position: "asc" } }),
  ]);
  return {
    stall: { id: stall.id, verification: stall.verification },
    payoutHold: await payoutHoldView(stall),
    photos: photos.map((p) => ({
      id: p.id,
      hash: p.hash,
      placeholder: p.placeholder,
      width: p.width,
      height: p.height,
    })),
    communes,
    defaults: {
      name: stall.name,
      story: stall.story,
      communeCode: stall.communeCode,
      phone: stall.phone ? formatPhone(stall.phone) : "",
      status: stall.status,
      offersPickup: stall.offersPickup,
      shippingFee: formatVndInput(stall.shippingFeeVnd),
      shipNear: formatVndInput(stall.shipNearVnd),
      shipFar: formatVndInput(stall.shipFarVnd),
      shipExtraKg: formatVndInput(stall.shipExtraKgVnd),
      shipSameDays: String(stall.shipSameDays),
      shipNearDays: String(stall.shipNearDays),
      shipFarDays: String(stall.shipFarDays),
      freshReach: stall.freshReach,
      freeShippingFrom: stall.freeShippingFromVnd ? formatVndInput(stall.freeShippingFromVnd) : "",
      bankBin: stall.bankBin ?? "",
      bankAccount: stall.bankAccount ?? "",
      bankAccountName: stall.bankAccountName ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readForm(request);
  const t = await getTranslator(request);
  if (formData.get("_action") === "confirmPayout") {
    const code = normalizeCode(String(formData.get("code") ?? ""));
    const r = code
      ? await confirmPayoutCode(user, stall.id, code)
      : ({ kind: "wrong", left: -1 } as const);
    if (r.kind === "confirmed")
      throw redirect(`/console/stalls/${stall.id}/settings?saved=payoutConfirmed`);
    const payoutError =
      r.kind === "limited"
        ? t("payout.rateLimited", { minutes: waitMinutes(r.retryAfterSeconds) })
        : r.kind === "wrong"
          ? r.left < 0
            ? t("payout.codeFormat")
            : t("payout.wrongCode", { left: r.left })
          : t("payout.codeVoid");
    return data({ payoutError }, { status: r.kind === "limited" ? 429 : 400 });
  }
  if (formData.get("_action") === "resendPayoutCode") {
    const r = await resendPayoutCode(stall.id);
    if (r.kind === "limited")
      return data(
        { payoutError: t("payout.rateLimited", { minutes: waitMinutes(r.retryAfterSeconds) }) },
        { status: 429 },
      );
    throw redirect(
      `/console/stalls/${stall.id}/settings?saved=${r.kind === "sent" ? "payoutCodeSent" : "1"}`,
    );
  }
  if (formData.get("_action") === "requestVerification") {
    await requestStallVerification(user, stall);
    throw redirect(`/console/stalls/${stall.id}/settings?saved=verification`);
  }
  const submission = parseWithZod(formData, { schema: StallSettingsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  if (!(await placesIndex()).has(v.communeCode))
    return data(
      { result: submission.reply({ fieldErrors: { communeCode: ["form.required"] } }) },
      { status: 400 },
    );
  const { payoutHeld } = await saveStallSettings(user, stall, v);
  throw redirect(`/console/stalls/${stall.id}/settings?saved=${payoutHeld ? "payoutHeld" : "1"}`);
}

const SAVED = {
  verification: "stall.verificationRequested",
  payoutHeld: "payout.held",
  payoutConfirmed: "payout.confirmed",
  payoutCodeSent: "payout.codeSent",
} as const satisfies Record<string, MessageKey>;

export default function StallSettings() {
  const t = useT();
  const { stall, communes, defaults, photos, payoutHold } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: defaults as never,
    constraint: getZodConstraint(StallSettingsSchema),
    shouldValidate: "onBlur",
    // revalidate while typing: a fixed field must clear its error before the next submit
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StallSettingsSchema }),
  });
  const tr = (errors?: string[]) => (errors?.length ? translateText(t, errors[0]) : null);
  const input = (
    name: "name" | "phone" | "freeShippingFrom" | "bankAccount" | "bankAccountName",
    label: MessageKey,
    mode?: "numeric" | "tel",
  ) => <TextField meta={fields[name]} label={t(label)} inputMode={mode} firstErrorOnly />;
  return (
    <div className="space-y-4">
      {params.get("saved") ? (
        <Notice>{t(SAVED[params.get("saved") as keyof typeof SAVED] ?? "stall.saved")}</Notice>
      ) : null}
      {payoutHold ? (
        <section
          className="card space-y-2 border-amber-300 bg-amber-50 p-4"
          data-testid="payout-hold"
        >
          <h2 className="font-semibold">{t("payout.onHoldTitle")}</h2>
          <p className="text-sm">
            {payoutHold.phoneEnding
              ? t("payout.onHold", { ending: payoutHold.phoneEnding })
              : t("payout.onHoldNoPhone")}
          </p>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <AuthenticityTokenInput />
            <div className="min-w-0 flex-1">
              <label htmlFor="payout-code" className="label">
                {t("payout.code")}
              </label>
              <input
                id="payout-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={12}
                className="field"
                aria-describedby="payout-error"
              />
            </div>
            <button name="_action" value="confirmPayout" className="btn-primary">
              {t("payout.confirm")}
            </button>
          </Form>
          {actionData && "payoutError" in actionData ? (
            <p id="payout-error" role="alert" className="field-error">
              {actionData.payoutError}
            </p>
          ) : null}
          <Form method="post">
            <AuthenticityTokenInput />
            <button name="_action" value="resendPayoutCode" className="text-sm underline">
              {t("payout.resend")}
            </button>
          </Form>
        </section>
      ) : null}
      {stall.verification === "UNVERIFIED" || stall.verification === "REJECTED" ? (
        <Form method="post" className="card p-4">
          <AuthenticityTokenInput />
          <button name="_action" value="requestVerification" className="btn-secondary">
            {t("stall.requestVerification")}
          </button>
        </Form>
      ) : null}
      <PhotoManager
        title={t("stall.photos")}
        photos={photos}
        action={`/console/stalls/${stall.id}/photos`}
        csrf={root?.csrf ?? ""}
        error={params.get("photoError")}
      />
      <Form method="post" {...getFormProps(form)} className="card space-y-3 p-4">
        <AuthenticityTokenInput />
        <h2 className="font-semibold">{t("stall.settings")}</h2>
        {input("name", "stall.name")}
        <TextAreaField meta={fields.story} label={t("stall.story")} />
        <SelectField meta={fields.communeCode} label={t("stall.commune")} firstErrorOnly>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        {input("phone", "stall.phone", "tel")}
        <SelectField
          meta={fields.status}
          label={t("stall.statusLabel")}
          firstErrorOnly
          hint={
            <p id="status-help" className="mt-1 text-xs text-stone-600">
              {t("stall.statusHelp")}
            </p>
          }
        >
          {STALL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {translateText(t, `stall.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2">
          <input
            {...getInputProps(fields.offersPickup, { type: "checkbox" })}
            className="h-5 w-5"
          />
          {t("stall.offersPickup")}
        </label>
        <ShippingFields fields={fields} error={tr} />
        {input("freeShippingFrom", "stall.freeShippingFrom", "numeric")}
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("stall.bank")}</legend>
          <SelectField meta={fields.bankBin} label={t("stall.bankBin")} firstErrorOnly>
            <option value="">{t("stall.bankPick")}</option>
            {PAYOUT_BANKS.map((b) => (
              <option key={b.bin} value={b.bin}>
                {b.name}
              </option>
            ))}
            {/* a bank saved earlier that is not in the list stays choosable */}
            {defaults.bankBin && !PAYOUT_BANKS.some((b) => b.bin === defaults.bankBin) ? (
              <option value={defaults.bankBin}>{defaults.bankBin}</option>
            ) : null}
          </SelectField>
          {input("bankAccount", "stall.bankAccount", "numeric")}
          {input("bankAccountName", "stall.bankAccountName")}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("stall.save")}
        </button>
      </Form>
    </div>
  );
}
