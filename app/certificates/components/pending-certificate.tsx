import { useT } from "~/i18n/react";
import { ReviewForm } from "~/officer/review-queue";
import { CertificateTitle } from "./certificate-title";
import { DocumentLink } from "./stall-certificate-list";

export type PendingCertificateItem = {
  id: string;
  kind: string;
  stars: number | null;
  number: string;
  issuer: string;
  scope: string;
  issued: string;
  expires: string;
  expired: boolean;
  stall: string;
  commune: string;
  product: string | null;
  hasDocument: boolean;
};

function NoDocument() {
  const t = useT();
  return (
    <p className="text-sm font-semibold text-red-700" data-testid="no-document">
      {t("cert.verifyNeedsDocument")}
    </p>
  );
}

/** One certificate in the officer's queue: what to check, the scan, verify or reject. */
export function PendingCertificate({ c }: { c: PendingCertificateItem }) {
  return (
    <li className="card space-y-2 p-4" data-testid="pending-certificate">
      <p className="font-semibold">
        <CertificateTitle kind={c.kind} stars={c.stars} number={c.number} />
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
      {c.hasDocument ? <DocumentLink id={c.id} className="text-sm" /> : <NoDocument />}
      {/* an expired certificate, or one without its document, cannot be verified, only rejected */}
      <ReviewForm id={c.id} verifyDisabled={c.expired || !c.hasDocument} />
    </li>
  );
}
