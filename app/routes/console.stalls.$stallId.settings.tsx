import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { PhotoManager } from "~/components/photo-uploader";
import { formatPhone, normalizePhone } from "~/domain/phone";
import { PAYOUT_BANKS, StallSettingsSchema, STALL_STATUSES } from "~/domain/stall-settings";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import type { RootData } from "~/root";
import { enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { requireStallAccess } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";

const vndInput = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const [communes, photos] = await Promise.all([
    prisma.commune.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true } }),
    prisma.photo.findMany({ where: { stallId: stall.id }, orderBy: { position: "asc" } }),
  ]);
  return {
    stall: { id: stall.id, verification: stall.verification },
    photos: photos.map((p) => ({ id: p.id, hash: p.hash, placeholder: p.placeholder, width: p.width, height: p.height })),
    communes,
    defaults: {
      name: stall.name, story: stall.story, communeCode: stall.communeCode, phone: stall.phone ? formatPhone(stall.phone) : "",
      status: stall.status, offersPickup: stall.offersPickup, shippingFee: vndInput.format(stall.shippingFeeVnd),
      freeShippingFrom: stall.freeShippingFromVnd ? vndInput.format(stall.freeShippingFromVnd) : "",
      bankBin: stall.bankBin ?? "", bankAccount: stall.bankAccount ?? "", bankAccountName: stall.bankAccountName ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readForm(request);
  if (formData.get("_action") === "requestVerification") {
    if (stall.verification === "UNVERIFIED" || stall.verification === "REJECTED") {
      await prisma.$transaction(async (tx) => {
        await tx.stall.update({ where: { id: stall.id }, data: { verification: "PENDING" } });
        await audit({ actorId: user.id, action: "stall.verification.request", entity: "Stall", entityId: stall.id }, tx);
      });
    }
    throw redirect(`/console/stalls/${stall.id}/settings?saved=verification`);
  }
  const submission = parseWithZod(formData, { schema: StallSettingsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  if (!(await prisma.commune.findUnique({ where: { code: v.communeCode } })))
    return data({ result: submission.reply({ fieldErrors: { communeCode: ["form.required"] } }) }, { status: 400 });
  await prisma.$transaction(async (tx) => {
    await tx.stall.update({
      where: { id: stall.id },
      data: {
        name: v.name, story: v.story ?? "", communeCode: v.communeCode, phone: v.phone ? normalizePhone(v.phone) : null, status: v.status,
        offersPickup: v.offersPickup ?? false, shippingFeeVnd: v.shippingFee ?? 0, freeShippingFromVnd: v.freeShippingFrom ?? null,
        bankBin: v.bankBin ?? null, bankAccount: v.bankAccount ?? null, bankAccountName: v.bankAccountName?.toUpperCase() ?? null,
      },
    });
    await audit({ actorId: user.id, action: "stall.update", entity: "Stall", entityId: stall.id, data: { status: v.status } }, tx);
    // name, commune and open/closed all show in search results
    await enqueueStallSync(tx, stall.id);
  });
  throw redirect(`/console/stalls/${stall.id}/settings?saved=1`);
}

export default function StallSettings() {
  const t = useT();
  const { stall, communes, defaults, photos } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: defaults as never,
    constraint: getZodConstraint(StallSettingsSchema),
    shouldValidate: "onBlur",
    // revalidate while typing: a fixed field must clear its error before the next submit
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StallSettingsSchema }),
  });
  const tr = (errors?: string[]) => (errors?.length ? t(errors[0] as MessageKey) : null);
  const input = (name: "name" | "phone" | "shippingFee" | "freeShippingFrom" | "bankAccount" | "bankAccountName", label: MessageKey, mode?: "numeric" | "tel") => (
    <div>
      <label htmlFor={fields[name].id} className="label">{t(label)}</label>
      <input {...getInputProps(fields[name], { type: "text" })} inputMode={mode} className="field" />
      {tr(fields[name].errors) ? <p className="field-error">{tr(fields[name].errors)}</p> : null}
    </div>
  );
  return (
    <div className="space-y-4">
      {params.get("saved") ? <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">{params.get("saved") === "verification" ? t("stall.verificationRequested") : t("stall.saved")}</p> : null}
      {stall.verification === "UNVERIFIED" || stall.verification === "REJECTED" ? (
        <Form method="post" className="card p-4">
          <AuthenticityTokenInput />
          <button name="_action" value="requestVerification" className="btn-secondary">{t("stall.requestVerification")}</button>
        </Form>
      ) : null}
      <PhotoManager title={t("stall.photos")} photos={photos} action={`/console/stalls/${stall.id}/photos`} csrf={root?.csrf ?? ""} error={params.get("photoError")} />
      <Form method="post" {...getFormProps(form)} className="card space-y-3 p-4">
        <AuthenticityTokenInput />
        <h2 className="font-semibold">{t("stall.settings")}</h2>
        {input("name", "stall.name")}
        <div>
          <label htmlFor={fields.story.id} className="label">{t("stall.story")}</label>
          <textarea {...getTextareaProps(fields.story)} rows={4} className="field" />
        </div>
        <div>
          <label htmlFor={fields.communeCode.id} className="label">{t("stall.commune")}</label>
          <select {...getSelectProps(fields.communeCode)} className="field">
            {communes.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </div>
        {input("phone", "stall.phone", "tel")}
        <div>
          <label htmlFor={fields.status.id} className="label">{t("stall.statusLabel")}</label>
          <select {...getSelectProps(fields.status)} className="field">
            {STALL_STATUSES.map((s) => <option key={s} value={s}>{t(`stall.status.${s}` as MessageKey)}</option>)}
          </select>
          <p id="status-help" className="mt-1 text-xs text-stone-600">{t("stall.statusHelp")}</p>
        </div>
        <label className="flex items-center gap-2"><input {...getInputProps(fields.offersPickup, { type: "checkbox" })} className="h-5 w-5" />{t("stall.offersPickup")}</label>
        {input("shippingFee", "stall.shippingFee", "numeric")}
        {input("freeShippingFrom", "stall.freeShippingFrom", "numeric")}
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("stall.bank")}</legend>
          <div>
            <label htmlFor={fields.bankBin.id} className="label">{t("stall.bankBin")}</label>
            <select {...getSelectProps(fields.bankBin)} className="field">
              <option value="">{t("stall.bankPick")}</option>
              {PAYOUT_BANKS.map((b) => <option key={b.bin} value={b.bin}>{b.name}</option>)}
              {/* a bank saved earlier that is not in the list stays choosable */}
              {defaults.bankBin && !PAYOUT_BANKS.some((b) => b.bin === defaults.bankBin) ? <option value={defaults.bankBin}>{defaults.bankBin}</option> : null}
            </select>
            {tr(fields.bankBin.errors) ? <p className="field-error">{tr(fields.bankBin.errors)}</p> : null}
          </div>
          {input("bankAccount", "stall.bankAccount", "numeric")}
          {input("bankAccountName", "stall.bankAccountName")}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>{t("stall.save")}</button>
      </Form>
    </div>
  );
}
