import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { reviewCertificate } from "~/console/certificates.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.certReview");

const day = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["OFFICER", "ADMIN"]);
  const certs = await prisma.certification.findMany({
    where: { status: "PENDING" },
    include: { stall: { include: { commune: true } }, product: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  const now = new Date();
  return {
    certs: certs.map((c) => ({
      id: c.id, kind: c.kind, stars: c.stars, issuer: c.issuer, number: c.number, scope: c.scope,
      issued: day.format(c.issuedAt), expires: day.format(c.expiresAt), expired: c.expiresAt <= now,
      stall: c.stall.name, commune: c.stall.commune.name, product: c.product?.name ?? null, hasDocument: !!c.documentPath,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const id = String(formData.get("id") ?? "");
  const decision = formData.get("decision");
  const note = String(formData.get("note") ?? "").trim().slice(0, 500);
  if (decision !== "VERIFIED" && decision !== "REJECTED") return data({ id, error: "error.generic" }, { status: 400 });
  if (decision === "REJECTED" && !note) return data({ id, error: "officer.noteRequired" }, { status: 400 });
  if (!(await reviewCertificate(user, id, decision, note))) return data({ id, error: "officer.alreadyReviewed" }, { status: 409 });
  throw redirect(`/officer/certificates?done=${decision}`);
}

export default function CertificateReview() {
  const t = useT();
  const { certs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link to="/officer" className="text-tea-800 underline">← {t("officer.title")}</Link></p>
      <h1 className="text-2xl font-bold">{t("officer.certReview")}</h1>
      {done ? <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">{done === "VERIFIED" ? t("officer.verified") : t("officer.rejected")}</p> : null}
      {certs.length === 0 ? <p>{t("officer.nothing")}</p> : null}
      <ul className="space-y-3">
        {certs.map((c) => (
          <li key={c.id} className="card space-y-2 p-4" data-testid="pending-certificate">
            <p className="font-semibold">{t(`cert.kind.${c.kind}` as MessageKey)}{c.stars ? ` ${c.stars}★` : ""} · {c.number}</p>
            <p className="text-sm">{c.stall} · {c.commune}{c.product ? ` · ${c.product}` : ""}</p>
            <p className="text-sm text-stone-600">{c.issuer} · {c.issued} → <span className={c.expired ? "font-semibold text-red-700" : ""}>{c.expires}</span>{c.scope ? ` · ${c.scope}` : ""}</p>
            {c.hasDocument ? <a href={`/console/certificates/${c.id}/document`} target="_blank" rel="noreferrer" className="text-sm text-tea-800 underline">{t("cert.viewDocument")}</a> : null}
            <Form method="post" className="space-y-2">
              <AuthenticityTokenInput />
              <input type="hidden" name="id" value={c.id} />
              <label htmlFor={`note-${c.id}`} className="label">{t("officer.note")}</label>
              <input id={`note-${c.id}`} name="note" className="field" />
              {actionData?.id === c.id && actionData.error ? <p role="alert" className="field-error">{t(actionData.error as MessageKey)}</p> : null}
              <div className="flex gap-2">
                <button name="decision" value="VERIFIED" className="btn-primary" disabled={c.expired}>{t("officer.verify")}</button>
                <button name="decision" value="REJECTED" className="btn-secondary text-red-700">{t("officer.reject")}</button>
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
