// The buyer's delivery lines on /preorders/$id: the window once the plan is published,
// "on the way, about N minutes", delivered. The compensation for a broken freshness
// promise is in the page's money-back lines (app/harvest/refunds.server.ts, helper B's).
import { formatDay } from "~/harvest/format";
import { useLocale, useT } from "~/i18n/react";
import type { BuyerDelivery } from "../views.server";
import { failText } from "./run-sheet";

export function DeliveryLines({ deliveries }: { deliveries: BuyerDelivery[] }) {
  const t = useT();
  const locale = useLocale();
  if (!deliveries.length) return null;
  return (
    <section
      aria-labelledby="delivery"
      className="card space-y-2 p-3 text-sm"
      data-testid="delivery"
    >
      <h2 id="delivery" className="font-bold">
        {t("delivery.buyer.title")}
      </h2>
      <ul className="space-y-2">
        {deliveries.map((d) => (
          <li key={d.day} data-testid="delivery-line" data-state={d.state}>
            {d.window && d.state !== "DELIVERED" ? (
              <p>{t("delivery.buyer.window", { day: formatDay(d.day, locale), ...d.window })}</p>
            ) : null}
            {d.state === "ON_THE_WAY" && d.minutes !== null ? (
              <p className="font-semibold text-tea-800">
                {t("delivery.buyer.onTheWay", { minutes: d.minutes })}
              </p>
            ) : null}
            {d.state === "DELIVERED" && d.deliveredAt ? (
              <p className="font-semibold text-tea-800">
                {t("delivery.buyer.delivered", {
                  at: `${d.deliveredAt} ${formatDay(d.day, locale)}`,
                })}
              </p>
            ) : null}
            {d.state === "FAILED" ? (
              <p className="text-red-800">
                {t("delivery.buyer.failed", { reason: failText(t, d.failReason) })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
