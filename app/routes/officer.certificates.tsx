import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { decideFromForm, reviewCertificate } from "~/console/certificates.server";
import { ReviewForm, ReviewQueue } from "~/components/review-queue";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
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
      id: c.id,
      kind: c.kind,
      stars: c.stars,
      issuer: c.issuer,
      number: c.number,
      scope: c.scope,
      issued: day.format(c.issuedAt),
      expires: day.format(c.expiresAt),
      expired: c.expiresAt <= now,
      stall: c.stall.name,
      commune: c.stall.commune.name,
      product: c.product?.name ?? null,
      hasDocument: !!c.documentPath,
    })),
  };
}

export function action({ request }: ActionFunctionArgs) {
  return decideFromForm(request, reviewCertificate, "/officer/certificates");
}

export default function CertificateReview() {
  const t = useT();
  const { certs } = useLoaderData<typeof loader>();
  return (
    <ReviewQueue title="officer.certReview" empty={certs.length === 0}>
      {certs.map((c) => (
        <li key={c.id} className="card space-y-2 p-4" data-testid="pending-certificate">
          <p className="font-semibold">
            {t(`cert.kind.${c.kind}` as MessageKey)}
            {c.stars ? ` ${c.stars}★` : ""} · {c.number}
          </p>
          <p className="text-sm">
            {c.stall} · {c.commune}
            {c.product ? ` · ${c.product}` : ""}
          </p>
          <p className="text-sm text-stone-600">
            {c.issuer} · {c.issued} →{" "}
            <span className={c.expired ? "font-semibold text-red-700" : ""}>{c.expires}</span>
            {c.scope ? ` · ${c.scope}` : ""}
          </p>
          {c.hasDocument ? (
            <a
              href={`/console/certificates/${c.id}/document`}
              target="_blank"
              rel="noreferrer"
              className="text-sm text-tea-800 underline"
            >
              {t("cert.viewDocument")}
            </a>
          ) : null}
          <ReviewForm id={c.id} verifyDisabled={c.expired} />
        </li>
      ))}
    </ReviewQueue>
  );
}
