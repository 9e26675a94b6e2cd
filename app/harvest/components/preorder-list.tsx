import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { formatCutoff, formatDay } from "../format";
import { PreorderStatusBadge } from "./preorder-state";

export type PreorderRow = {
  id: string;
  ref: string;
  status: string;
  requested: number;
  allocated: number;
  queueDay: string | null;
  cutoff: string | null;
  campaign: { slug: string; title: string; unitLabel: string };
};

/** The buyer's pre-orders on /orders: where each one stands, in a line. */
export function PreorderList({ preorders }: { preorders: PreorderRow[] }) {
  const t = useT();
  const locale = useLocale();
  if (!preorders.length) return null;
  return (
    <section aria-labelledby="preorders" className="space-y-2" data-testid="preorder-list">
      <h2 id="preorders" className="text-xl font-bold">
        {t("preorder.mine")}
      </h2>
      <ul className="space-y-2">
        {preorders.map((p) => {
          const unit = p.campaign.unitLabel.toLowerCase();
          return (
            <li key={p.id} className="card p-3 text-sm">
              <Link to={`/preorders/${p.id}`} className="font-semibold text-tea-800 underline">
                {p.ref}
              </Link>{" "}
              · {p.campaign.title}
              <div className="mt-1 flex flex-wrap items-center gap-2">
                <PreorderStatusBadge status={p.status} />
                <span>
                  {p.allocated
                    ? t("preorder.list.allocated", { got: p.allocated, asked: p.requested, unit })
                    : t("preorder.requested", { count: p.requested, unit })}
                </span>
                {p.queueDay && p.cutoff && (p.status === "REQUESTED" || p.status === "WAITING") ? (
                  <span className="text-stone-600">
                    {t("preorder.waitingFor", { day: formatDay(p.queueDay, locale) })} ·{" "}
                    {formatCutoff(p.cutoff, locale)}
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
