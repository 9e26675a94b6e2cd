import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { onBehalfOf } from "~/console/access.server";
import {
  discardDocument,
  DocumentError,
  isWithdrawable,
  storeDocument,
  withdrawCertificate,
} from "~/console/certificates.server";
import { readUploadForm, textFields, uploadedFile } from "~/console/upload.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { CERT_KINDS, CertificateSchema, certificateState } from "~/domain/certificates";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { audit } from "~/utils/audit.server";
import { requireStallAccess } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

const day = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const [certs, products] = await Promise.all([
    prisma.certification.findMany({
      where: { stallId: stall.id },
      include: { product: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    prisma.product.findMany({
      where: { stallId: stall.id, deletedAt: null },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  return {
    products,
    certs: certs.map((c) => ({
      id: c.id,
      kind: c.kind,
      stars: c.stars,
      issuer: c.issuer,
      number: c.number,
      product: c.product?.name ?? null,
      state: certificateState(c),
      expires: day.format(c.expiresAt),
      note: c.reviewNote,
      hasDocument: !!c.documentPath,
      withdrawable: isWithdrawable(c.status),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readUploadForm(request);
  if (formData.get("intent") === "withdraw") {
    // a plain form post from a certificate's own "withdraw" button
    const certId = String(formData.get("id") ?? "");
    if ((await withdrawCertificate(user, stall.id, certId)) !== "withdrawn")
      return data({ withdrawError: "cert.notWithdrawable" as const, id: certId }, { status: 409 });
    throw redirect(`/console/stalls/${stall.id}/certificates?withdrawn=1`);
  }
  const submission = parseWithZod(textFields(formData), { schema: CertificateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const fail = (field: string, key: string) =>
    data({ result: submission.reply({ fieldErrors: { [field]: [key] } }) }, { status: 400 });
  const product = v.productId
    ? await prisma.product.findFirst({
        where: { id: v.productId, stallId: stall.id, deletedAt: null },
      })
    : null;
  if (v.productId && !product) return fail("productId", "cert.productInvalid");
  const file = await uploadedFile(formData, "document");
  if (file === "tooLarge") return fail("document", "cert.documentTooLarge");
  if (!file) return fail("document", "cert.documentRequired");
  let doc: { name: string; created: boolean };
  try {
    doc = await storeDocument(file.buffer);
  } catch (e) {
    if (e instanceof DocumentError) return fail("document", e.code);
    throw e;
  }
  try {
    await prisma.$transaction(async (tx) => {
      const cert = await tx.certification.create({
        data: {
          kind: v.kind,
          stars: v.kind === "OCOP" ? (v.stars ?? null) : null,
          issuer: v.issuer,
          number: v.number,
          scope: v.scope ?? "",
          issuedAt: v.issuedAt,
          expiresAt: v.expiresAt,
          documentPath: doc.name,
          status: "PENDING",
          stallId: stall.id,
          productId: v.productId || null,
        },
      });
      // a manager filing a member's product certificate acts for that household
      await audit(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf(user, product?.householdId ?? null),
          action: "certificate.submit",
          entity: "Certification",
          entityId: cert.id,
          data: { kind: v.kind, number: v.number, productId: product?.id ?? null },
        },
        tx,
      );
    });
  } catch (e) {
    await discardDocument(doc);
    throw e;
  }
  throw redirect(`/console/stalls/${stall.id}/certificates?saved=1`);
}

export default function Certificates() {
  const t = useT();
  const { certs, products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(CertificateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CertificateSchema }),
  });
  const tr = (errors?: string[]) =>
    errors?.length ? errors.map((e) => t(e as MessageKey)).join(" ") : null;
  const docErrors = form.allErrors.document as string[] | undefined;
  const text = (name: "issuer" | "number" | "scope", label: MessageKey) => (
    <div>
      <label htmlFor={fields[name].id} className="label">
        {t(label)}
      </label>
      <input {...getInputProps(fields[name], { type: "text" })} className="field" />
      {tr(fields[name].errors) ? <p className="field-error">{tr(fields[name].errors)}</p> : null}
    </div>
  );
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">{t("cert.title")}</h2>
      {params.get("saved") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("cert.submitted")}
        </p>
      ) : null}
      {params.get("withdrawn") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("cert.withdrawn")}
        </p>
      ) : null}
      {actionData && "withdrawError" in actionData ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t(actionData.withdrawError)}
        </p>
      ) : null}
      {certs.length === 0 ? (
        <p className="text-stone-600">{t("cert.none")}</p>
      ) : (
        <ul className="card divide-y">
          {certs.map((c) => (
            <li key={c.id} className="p-3 text-sm" data-testid="certificate">
              <p className="font-semibold">
                {t(`cert.kind.${c.kind}` as MessageKey)}
                {c.stars ? ` ${c.stars}★` : ""} · {c.number}
                <span
                  className={`ml-2 rounded px-1.5 text-xs ${c.state === "VERIFIED" ? "bg-tea-100 text-tea-800" : c.state === "PENDING" ? "bg-amber-100 text-amber-900" : "bg-red-100 text-red-800"}`}
                >
                  {t(`cert.state.${c.state}` as MessageKey)}
                </span>
              </p>
              <p className="text-stone-600">
                {c.issuer} · {t("cert.validUntil", { date: c.expires })}
                {c.product ? ` · ${c.product}` : ""}
              </p>
              {c.note ? (
                <p className="text-stone-700">{t("cert.reviewNote", { note: c.note })}</p>
              ) : null}
              {c.hasDocument ? (
                <a
                  href={`/console/certificates/${c.id}/document`}
                  className="text-tea-800 underline"
                  target="_blank"
                  rel="noreferrer"
                >
                  {t("cert.viewDocument")}
                </a>
              ) : null}
              {c.withdrawable ? (
                // two steps without JavaScript: open, read what happens, confirm
                <details className="mt-2">
                  <summary className="inline-block min-h-11 cursor-pointer py-2 text-red-800 underline">
                    {t("cert.withdraw")}
                  </summary>
                  <Form method="post" className="mt-1 space-y-2">
                    <AuthenticityTokenInput />
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="id" value={c.id} />
                    <p className="text-stone-700">{t("cert.withdrawExplain")}</p>
                    <button
                      type="submit"
                      className="btn border border-red-300 bg-white text-red-800 hover:bg-red-50"
                      disabled={navigation.state === "submitting"}
                    >
                      {t("cert.withdrawConfirm")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="card space-y-3 p-4"
      >
        <AuthenticityTokenInput />
        <h3 className="font-semibold">{t("cert.add")}</h3>
        {Object.keys(form.allErrors).length ? (
          <ul
            role="alert"
            id={form.errorId}
            className="list-disc rounded-lg bg-red-50 p-3 pl-7 text-sm text-red-800"
            data-testid="form-errors"
          >
            {Object.entries(form.allErrors).flatMap(([field, errs]) =>
              errs.map((e) => <li key={`${field}-${e}`}>{t(e as MessageKey)}</li>),
            )}
          </ul>
        ) : null}
        <div>
          <label htmlFor={fields.kind.id} className="label">
            {t("cert.kind")}
          </label>
          <select {...getSelectProps(fields.kind)} className="field">
            {CERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`cert.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={fields.stars.id} className="label">
            {t("cert.stars")}
          </label>
          <select {...getSelectProps(fields.stars)} className="field">
            <option value="">—</option>
            {[3, 4, 5].map((s) => (
              <option key={s} value={s}>
                {s}★
              </option>
            ))}
          </select>
          {tr(fields.stars.errors) ? (
            <p className="field-error">{tr(fields.stars.errors)}</p>
          ) : null}
        </div>
        {text("issuer", "cert.issuer")}
        {text("number", "cert.number")}
        {text("scope", "cert.scope")}
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor={fields.issuedAt.id} className="label">
              {t("cert.issuedAt")}
            </label>
            <input {...getInputProps(fields.issuedAt, { type: "date" })} className="field" />
            {tr(fields.issuedAt.errors) ? (
              <p className="field-error">{tr(fields.issuedAt.errors)}</p>
            ) : null}
          </div>
          <div>
            <label htmlFor={fields.expiresAt.id} className="label">
              {t("cert.expiresAt")}
            </label>
            <input {...getInputProps(fields.expiresAt, { type: "date" })} className="field" />
            {tr(fields.expiresAt.errors) ? (
              <p className="field-error">{tr(fields.expiresAt.errors)}</p>
            ) : null}
          </div>
        </div>
        <div>
          <label htmlFor={fields.productId.id} className="label">
            {t("cert.product")}
          </label>
          <select {...getSelectProps(fields.productId)} className="field">
            <option value="">{t("cert.wholeStall")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {tr(fields.productId.errors) ? (
            <p className="field-error">{tr(fields.productId.errors)}</p>
          ) : null}
        </div>
        <div>
          <label htmlFor="document" className="label">
            {t("cert.document")}
          </label>
          <input
            id="document"
            name="document"
            type="file"
            accept="application/pdf,image/*"
            className="field"
          />
          {tr(docErrors) ? (
            <p className="field-error" role="alert">
              {tr(docErrors)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("cert.submit")}
        </button>
      </Form>
    </div>
  );
}
