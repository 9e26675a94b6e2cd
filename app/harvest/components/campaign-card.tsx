import { Link } from "@remix-run/react";
import { Photo } from "~/components/photo";
import { formatVnd } from "~/domain/money";
import { useLocale, useT } from "~/i18n/react";
import type { CampaignCard } from "../campaign-page.server";
import { formatDay } from "../format";

/** A campaign in a list (home page, /campaigns, search): what, from where, price, days. */
export function CampaignCardItem({ campaign: c }: { campaign: CampaignCard }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="card overflow-hidden" data-testid="campaign-card">
      <Link to={`/campaigns/${c.slug}`} className="flex gap-3 p-2">
        <Photo
          photo={c.photo}
          alt={c.product.name}
          sizes="96px"
          className="aspect-square w-24 shrink-0 rounded-lg"
        />
        <div className="min-w-0 space-y-1">
          <h3 className="text-base font-semibold leading-snug text-tea-800">{c.title}</h3>
          <p className="text-sm font-bold text-clay-500">
            {t("campaigns.card.price", {
              price: formatVnd(c.priceVnd),
              unit: c.unitLabel.toLowerCase(),
            })}
          </p>
          <p className="text-xs text-stone-600">
            {c.stallName} · {c.commune}
          </p>
          <p className="text-xs text-stone-700">
            <span
              className={`mr-1 rounded px-1.5 py-0.5 font-semibold ${c.state === "OPEN" ? "bg-tea-100 text-tea-800" : "bg-amber-100 text-amber-900"}`}
            >
              {t(`campaigns.status.${c.state}`)}
            </span>
            {t("campaigns.card.days", {
              from: formatDay(c.firstDay, locale),
              to: formatDay(c.lastDay, locale),
            })}
          </p>
        </div>
      </Link>
    </li>
  );
}

type Hit = {
  slug: string;
  title: string;
  stallName: string;
  commune: string;
  priceVnd: number;
  unitLabel: string;
  firstDay: string;
  lastDay: string;
  status: string;
  photo: { hash: string; placeholder: string } | null;
};

/** Campaigns matching a search, above the product results. */
export function CampaignHits({ hits }: { hits: Hit[] }) {
  const t = useT();
  const locale = useLocale();
  if (!hits.length) return null;
  return (
    <section aria-labelledby="campaign-hits" className="space-y-2" data-testid="campaign-hits">
      <h2 id="campaign-hits" className="text-lg font-bold">
        {t("campaigns.searchTitle")}
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2">
        {hits.map((h) => (
          <li key={h.slug} className="card">
            <Link to={`/campaigns/${h.slug}`} className="flex gap-3 p-2">
              <Photo
                photo={h.photo}
                alt={h.title}
                sizes="64px"
                className="aspect-square w-16 shrink-0 rounded-lg"
              />
              <span className="min-w-0">
                <span className="block font-semibold text-tea-800">{h.title}</span>
                <span className="block text-sm font-bold text-clay-500">
                  {t("campaigns.card.price", {
                    price: formatVnd(h.priceVnd),
                    unit: h.unitLabel.toLowerCase(),
                  })}
                </span>
                <span className="block text-xs text-stone-600">
                  {h.stallName} ·{" "}
                  {t("campaigns.card.days", {
                    from: formatDay(h.firstDay, locale),
                    to: formatDay(h.lastDay, locale),
                  })}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
