// One stall's delivery in the cart and checkout: zone, weight and fee, the estimate,
// and the fresh produce it cannot bring to the chosen province.
import { formatVnd } from "~/domain/money";
import { useLocale, useT } from "~/i18n/react";
import type { StallQuote } from "~/shipping/rules";
import { formatNumber } from "~/utils/format";

export function StallShipping({
  quote,
  shippingVnd,
  provinceName,
  lines,
}: {
  quote: StallQuote & { refusedVariants: string[] };
  /** the fee the order adds (0 above the stall's free-shipping threshold) */
  shippingVnd: number;
  /** the province it goes to; null before the buyer chose one */
  provinceName: string | null;
  lines: { variantId: string; productName: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  const weight = `${formatNumber(Math.round(quote.grams / 100) / 10, locale)} kg`;
  const refused = lines.filter((l) => quote.refusedVariants.includes(l.variantId));
  return (
    <div className="text-sm" data-testid="stall-shipping">
      <p>
        {t("shipping.line", {
          zone: t(`shipping.zone.${quote.zone}`),
          weight,
          fee: shippingVnd ? formatVnd(shippingVnd) : t("cart.freeShipping"),
        })}
      </p>
      <p className="text-stone-700" data-testid="stall-estimate">
        {quote.days === 0 ? t("shipping.sameDay") : t("shipping.estimate", { days: quote.days })}
      </p>
      {provinceName === null ? (
        <p className="text-xs text-stone-600">{t("shipping.noDestination")}</p>
      ) : null}
      {refused.length && provinceName ? (
        <p role="alert" className="mt-1 rounded bg-amber-50 p-2 text-amber-900">
          {t("shipping.refused", {
            province: provinceName,
            items: refused.map((l) => l.productName).join(", "),
          })}
        </p>
      ) : null}
    </div>
  );
}
