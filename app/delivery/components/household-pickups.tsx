// The household's pick-ups on its pick page: when the vehicle comes, and after
// weighing what the household will be paid (weighed boxes x the campaign's price).
import { formatVnd } from "~/domain/money";
import { formatDay } from "~/harvest/format";
import { useLocale, useT } from "~/i18n/react";

export type PickupLine = {
  pickId: string;
  campaignTitle: string;
  day: string;
  window: { from: string; to: string } | null;
  vehicle: string;
  driver: string;
  weighedUnits: number | null;
  weighedAt: string | null;
  payVnd: number | null;
  priceVnd: number;
};

export function HouseholdPickups({ lines }: { lines: PickupLine[] }) {
  const t = useT();
  const locale = useLocale();
  if (!lines.length) return null;
  return (
    <section aria-labelledby="pickups" className="card space-y-2 p-4 text-sm" data-testid="pickups">
      <h2 id="pickups" className="font-bold">
        {t("delivery.household.title")}
      </h2>
      <ul className="space-y-2">
        {lines.map((l) => (
          <li key={l.pickId} data-testid="pickup-line">
            <p className="font-semibold">{l.campaignTitle}</p>
            {l.window ? (
              <p>
                {t("delivery.household.window", { day: formatDay(l.day, locale), ...l.window })}
              </p>
            ) : null}
            {l.vehicle ? (
              <p className="text-stone-600">
                {t("delivery.household.vehicle", { vehicle: l.vehicle, driver: l.driver })}
              </p>
            ) : null}
            {l.weighedUnits !== null ? (
              <>
                {l.weighedAt ? (
                  <p>
                    {t("delivery.household.weighed", { weighed: l.weighedUnits, at: l.weighedAt })}
                  </p>
                ) : null}
                <p className="font-semibold text-tea-800" data-testid="pickup-pay">
                  {t("delivery.household.pay", {
                    amount: formatVnd(l.payVnd ?? 0),
                    weighed: l.weighedUnits,
                    price: formatVnd(l.priceVnd),
                  })}
                </p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
