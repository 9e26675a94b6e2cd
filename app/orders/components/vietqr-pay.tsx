// Everything a buyer needs to pay an order by bank transfer: the QR, and each
// detail as selectable text with a copy button (the button appears once
// JavaScript runs; without it the text is still there to select and copy).
import { useEffect, useState } from "react";
import { formatVnd } from "~/domain/money";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";

export type VietQrView = {
  dataUrl: string;
  pngHref: string;
  reference: string;
  amountVnd: number;
  bankName: string;
  bankFullName: string | null;
  account: string;
  accountName: string | null;
};

function CopyButton({ value, field }: { value: string; field: string }) {
  const t = useT();
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && !!navigator.clipboard), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="btn min-h-11 shrink-0 border border-stone-300 px-3 text-sm"
      aria-label={t("pay.copyLabel", { field })}
      onClick={() =>
        navigator.clipboard.writeText(value).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      <span aria-live="polite">{copied ? t("pay.copied") : t("pay.copy")}</span>
    </button>
  );
}

function Row({
  label,
  shown,
  value,
  testId,
}: {
  label: MessageKey;
  shown: string;
  value?: string;
  testId: string;
}) {
  const t = useT();
  return (
    <div className="flex items-center justify-between gap-2 py-1.5">
      <div className="min-w-0">
        <dt className="text-xs text-stone-600">{t(label)}</dt>
        <dd className="select-all break-all font-mono text-base font-semibold" data-testid={testId}>
          {shown}
        </dd>
      </div>
      {value !== undefined ? <CopyButton value={value} field={t(label)} /> : null}
    </div>
  );
}

export function VietQrPay({ qr, stallName }: { qr: VietQrView; stallName: string }) {
  const t = useT();
  return (
    <section aria-labelledby="pay-title" className="card space-y-3 p-3" data-testid="vietqr-pay">
      <h2 id="pay-title" className="text-lg font-bold">
        {t("pay.title")}
      </h2>
      <p className="text-sm text-stone-700">{t("pay.intro")}</p>
      <img
        src={qr.dataUrl}
        width={320}
        height={320}
        alt={t("vietqr.alt", { amount: formatVnd(qr.amountVnd), ref: qr.reference })}
        className="mx-auto h-64 w-64"
        data-testid="vietqr"
      />
      <p className="text-center">
        <a
          href={qr.pngHref}
          download={`vietqr-${qr.reference}.png`}
          className="btn inline-flex min-h-11 border border-tea-700 text-tea-800"
        >
          {t("pay.saveQr")}
        </a>
      </p>
      <p className="text-xs text-stone-600">{t("pay.saveQrHint")}</p>
      <dl className="divide-y divide-stone-200">
        <Row
          label="pay.bank"
          shown={qr.bankFullName ? `${qr.bankName} · ${qr.bankFullName}` : qr.bankName}
          testId="pay-bank"
        />
        <Row label="pay.account" shown={qr.account} value={qr.account} testId="pay-account" />
        <Row
          label="pay.holder"
          shown={qr.accountName ?? stallName}
          value={qr.accountName ?? stallName}
          testId="pay-holder"
        />
        <Row
          label="pay.amount"
          shown={formatVnd(qr.amountVnd)}
          value={String(qr.amountVnd)}
          testId="pay-amount"
        />
        <Row label="pay.content" shown={qr.reference} value={qr.reference} testId="pay-content" />
      </dl>
    </section>
  );
}
