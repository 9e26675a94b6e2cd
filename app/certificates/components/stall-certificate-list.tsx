import { Form, useNavigation } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { useT } from "~/i18n/react";
import type { CertificateState } from "../rules";
import { CertificateTitle } from "./certificate-title";

export type StallCertificate = {
  id: string;
  kind: string;
  stars: number | null;
  number: string;
  issuer: string;
  product: string | null;
  state: CertificateState;
  expires: string;
  note: string | null;
  hasDocument: boolean;
  withdrawable: boolean;
};

const STATE_CLASS: Record<CertificateState, string> = {
  VERIFIED: "bg-tea-100 text-tea-800",
  PENDING: "bg-amber-100 text-amber-900",
  REJECTED: "bg-red-100 text-red-800",
  EXPIRED: "bg-red-100 text-red-800",
};

/** The stall's certificates with their state; pending and rejected ones can be withdrawn. */
export function StallCertificateList({ certs }: { certs: StallCertificate[] }) {
  const t = useT();
  const navigation = useNavigation();
  if (certs.length === 0) return <p className="text-stone-600">{t("cert.none")}</p>;
  return (
    <ul className="card divide-y">
      {certs.map((c) => (
        <li key={c.id} className="p-3 text-sm" data-testid="certificate">
          <p className="font-semibold">
            <CertificateTitle kind={c.kind} stars={c.stars} number={c.number} />
            <span className={`ml-2 rounded px-1.5 text-xs ${STATE_CLASS[c.state]}`}>
              {t(`cert.state.${c.state}`)}
            </span>
          </p>
          <p className="text-stone-600">
            {c.issuer} · {t("cert.validUntil", { date: c.expires })}
            {c.product ? ` · ${c.product}` : ""}
          </p>
          {c.note ? (
            <p className="text-stone-700">{t("cert.reviewNote", { note: c.note })}</p>
          ) : null}
          {c.hasDocument ? <DocumentLink id={c.id} /> : null}
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
  );
}

/** The scan, in a new tab (served only to the stall and its reviewers). */
export function DocumentLink({ id, className = "" }: { id: string; className?: string }) {
  const t = useT();
  return (
    <a
      href={`/console/certificates/${id}/document`}
      className={`text-tea-800 underline ${className}`.trim()}
      target="_blank"
      rel="noreferrer"
    >
      {t("cert.viewDocument")}
    </a>
  );
}
