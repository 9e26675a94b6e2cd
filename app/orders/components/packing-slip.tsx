import type { Slip } from "~/orders/slips.server";
import { formatVnd } from "~/domain/money";
import { formatPhone } from "~/domain/phone";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

/** Print styles: only the slips, one per page. */
const PRINT_CSS = `@media print { body > header, body > footer, nav, .no-print { display: none !important; } main { padding: 0 !important; max-width: none !important; } .slip { break-after: page; border: 0 !important; } }`;

export function PackingSlip({ slip }: { slip: Slip }) {
  const t = useT();
  return (
    <article className="slip card space-y-3 p-4" data-testid="packing-slip">
      <header className="flex items-start justify-between gap-3">
        <div>
          <p className="text-xs uppercase text-stone-600">
            {slip.stall.name} · {slip.stall.commune}
            {slip.stall.phone ? ` · ${formatPhone(slip.stall.phone)}` : ""}
          </p>
          <h2 className="text-2xl font-bold">{slip.number}</h2>
          <p className="text-sm">
            {t("order.placedAt")}: {slip.createdAt}
          </p>
        </div>
        <figure className="w-28 shrink-0">
          <div
            role="img"
            aria-label={t("order.qr")}
            className="w-28"
            dangerouslySetInnerHTML={{ __html: slip.qrSvg }}
          />
          <figcaption className="break-all text-[9px] text-stone-600">{slip.url}</figcaption>
        </figure>
      </header>
      <section>
        <h3 className="text-sm font-semibold">{t("order.recipient")}</h3>
        <p className="text-lg font-semibold">
          {slip.recipient} · {formatPhone(slip.phone)}
        </p>
        <p>{slip.address}</p>
        {slip.note ? (
          <p className="text-sm italic">
            {t("order.note")}: {slip.note}
          </p>
        ) : null}
      </section>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left">
            <th className="py-1">{t("order.items")}</th>
            <th className="py-1 text-right">SL</th>
            <th className="py-1 text-right">₫</th>
          </tr>
        </thead>
        <tbody>
          {slip.items.map((i, k) => (
            <tr key={k} className="border-b border-stone-100">
              <td className="py-1">
                ☐ {i.name} — {i.label}
                {i.producer ? (
                  <span className="block text-xs text-stone-600">{i.producer}</span>
                ) : null}
              </td>
              <td className="py-1 text-right font-semibold">{i.quantity}</td>
              <td className="py-1 text-right">{formatVnd(i.unitPriceVnd * i.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-right text-sm">
        {t("order.subtotal")}: {formatVnd(slip.subtotalVnd)} · {t("order.shipping")}:{" "}
        {formatVnd(slip.shippingVnd)}
      </p>
      <p className="text-right text-lg font-bold">
        {t("order.total")}: {formatVnd(slip.totalVnd)}
      </p>
      <p className="text-right text-sm">
        {translateText(t, `order.method.${slip.paymentMethod}`)} ·{" "}
        {translateText(t, `order.payment.${slip.paymentStatus}`)}
        {slip.codDueVnd ? (
          <strong className="block text-base">COD: {formatVnd(slip.codDueVnd)}</strong>
        ) : null}
      </p>
    </article>
  );
}

/** A printable page of slips (one per sheet) with its print button. */
export function SlipSheet({ slips }: { slips: Slip[] }) {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <style>{PRINT_CSS}</style>
      <button type="button" className="btn-primary no-print" onClick={() => window.print()}>
        {t("order.print")}
      </button>
      {slips.length === 0 ? (
        <p>{t("order.bulkNone")}</p>
      ) : (
        slips.map((s) => <PackingSlip key={s.id} slip={s} />)
      )}
    </div>
  );
}
