import type { Translate } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { formatCutoff, formatDay } from "../format";
import type { PreorderView } from "../preorders.server";
import type { DayExplanation } from "../rules/preorder";

/** The one sentence under "allocated x of y": the rule as it applied that day. */
export function whySentence(t: Translate, why: DayExplanation, day: string, unit: string): string {
  if (why.kind === "enough")
    return t("preorder.why.enough", { day, supply: why.supply, buyers: why.buyers, unit });
  if (why.kind === "earlierFirst")
    return t("preorder.why.earlierFirst", { day, supply: why.supply, unit });
  const first = t(why.extras ? "preorder.why.sharedExtras" : "preorder.why.shared", {
    day,
    supply: why.supply,
    buyers: why.buyers,
    level: why.level,
    unit,
  });
  return why.carriedFirst ? `${first} ${t("preorder.why.carriedFirst")}` : first;
}

export function PreorderStatusBadge({ status }: { status: string }) {
  const t = useT();
  const tone =
    status === "CANCELLED" || status === "RELEASED"
      ? "bg-stone-200 text-stone-800"
      : status === "WAITING" || status === "REQUESTED"
        ? "bg-amber-100 text-amber-900"
        : "bg-tea-100 text-tea-800";
  const known = [
    "REQUESTED",
    "ALLOCATED",
    "WAITING",
    "CONFIRMED",
    "CANCELLED",
    "RELEASED",
  ] as const;
  const s = known.find((k) => k === status);
  return (
    <span
      className={`rounded px-2 py-0.5 text-sm font-semibold ${tone}`}
      data-testid="preorder-status"
    >
      {s ? t(`preorder.status.${s}`) : status}
    </span>
  );
}

/** Where the pre-order stands, day by day, with the reason for every award. */
export function PreorderState({ p }: { p: PreorderView }) {
  const t = useT();
  const locale = useLocale();
  const unit = p.campaign.unitLabel.toLowerCase();
  const day = (d: string) => formatDay(d, locale);
  return (
    <section aria-labelledby="state" className="card space-y-3 p-3" data-testid="preorder-state">
      <h2 id="state" className="sr-only">
        {t("preorder.history")}
      </h2>
      {p.status === "REQUESTED" && p.queueDay && p.cutoff ? (
        <p>
          {t("preorder.state.requested", {
            count: p.requested,
            unit,
            day: day(p.queueDay),
            cutoff: formatCutoff(p.cutoff, locale),
          })}
        </p>
      ) : null}
      {p.days.map((d) => (
        <div key={d.day} className="rounded-lg bg-tea-50 p-2" data-testid="award">
          <p className="font-semibold">
            {d.got >= d.asked
              ? t("preorder.state.allocatedAll", { got: d.got, unit, day: day(d.day) })
              : t("preorder.state.allocated", {
                  got: d.got,
                  asked: d.asked,
                  unit,
                  day: day(d.day),
                })}
          </p>
          <p className="text-sm text-stone-700" data-testid="award-why">
            {whySentence(t, d.why, day(d.day), unit)}
          </p>
          {d.kind === "REALLOCATE" ? (
            <p className="text-sm text-amber-900">{t("preorder.why.reallocated")}</p>
          ) : null}
        </div>
      ))}
      {p.status === "WAITING" && p.queueDay ? (
        <p>{t("preorder.state.waiting", { count: p.waiting, unit, day: day(p.queueDay) })}</p>
      ) : null}
      {p.released > 0 ? <p>{t("preorder.state.released", { count: p.released, unit })}</p> : null}
      {p.status === "CONFIRMED" && p.days.length ? (
        <p>
          {t("preorder.state.confirmed", {
            count: p.allocated,
            unit,
            day: day(p.days[p.days.length - 1].day),
          })}
        </p>
      ) : null}
      {p.status === "CANCELLED" ? <p>{t("preorder.state.cancelled")}</p> : null}
    </section>
  );
}
