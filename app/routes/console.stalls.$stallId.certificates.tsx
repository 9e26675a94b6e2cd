import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { CertificateForm } from "~/certificates/components/certificate-form";
import { StallCertificateList } from "~/certificates/components/stall-certificate-list";
import { CertificateSchema } from "~/certificates/schema";
import {
  stallCertificates,
  submitCertificate,
  withdrawCertificate,
} from "~/certificates/stall.server";
import { readUploadForm, textFields, uploadedFile } from "~/console/upload.server";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  return stallCertificates(stall.id, await getLocale(request));
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
  const problem = await submitCertificate(
    user,
    stall,
    submission.value,
    await uploadedFile(formData, "document"),
  );
  if (problem)
    return data(
      { result: submission.reply({ fieldErrors: { [problem.field]: [problem.key] } }) },
      { status: 400 },
    );
  throw redirect(`/console/stalls/${stall.id}/certificates?saved=1`);
}

export default function Certificates() {
  const t = useT();
  const { certs, products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">{t("cert.title")}</h2>
      {params.get("saved") ? <Notice>{t("cert.submitted")}</Notice> : null}
      {params.get("withdrawn") ? <Notice>{t("cert.withdrawn")}</Notice> : null}
      {actionData && "withdrawError" in actionData ? (
        <Notice tone="error">{t(actionData.withdrawError)}</Notice>
      ) : null}
      <StallCertificateList certs={certs} />
      <CertificateForm
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        products={products}
      />
    </div>
  );
}
