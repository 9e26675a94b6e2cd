// The funnel as a table with a bar in each row: the numbers are the content, the bars
// only draw them (readable without styles, printable, read out by screen readers).
import { useT } from "~/i18n/react";
import { formatNumber } from "~/utils/format";
import { useLocale } from "~/i18n/react";
import { STAGES, type Stage } from "../stages";

export function StageFunnel(props: {
  funnel: Record<Stage, number>;
  caption: string;
  stageLink?: (s: Stage) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const top = props.funnel.REGISTERED || 1;
  return (
    <table className="card w-full text-sm" data-testid="stage-funnel">
      <caption className="p-2 text-left font-semibold">{props.caption}</caption>
      <thead>
        <tr className="text-left text-stone-600">
          <th scope="col" className="p-2">
            {t("overview.stage")}
          </th>
          <th scope="col" className="p-2 text-right">
            {t("overview.reached")}
          </th>
          <th scope="col" className="w-1/3 p-2">
            <span className="sr-only">{t("overview.share")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {STAGES.map((s) => {
          const n = props.funnel[s];
          const pct = Math.round((n / top) * 100);
          return (
            <tr key={s} className="border-t" data-stage={s}>
              <th scope="row" className="p-2 text-left font-normal">
                {props.stageLink ? (
                  <a href={props.stageLink(s)} className="text-tea-800 underline">
                    {t(`overview.stage.${s}`)}
                  </a>
                ) : (
                  t(`overview.stage.${s}`)
                )}
              </th>
              <td className="p-2 text-right font-semibold tabular-nums" data-testid="funnel-count">
                {formatNumber(n, locale)}
              </td>
              <td className="p-2">
                <span className="block h-3 rounded bg-tea-600" style={{ width: `${pct}%` }} />
                <span className="sr-only">{pct}%</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
