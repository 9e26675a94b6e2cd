// One figure by commune: the SVG chart drawn on the server (./charts.ts) and, right
// below it, the table of every commune's number (the chart shows the top ones).
import { useLocale, useT } from "~/i18n/react";
import { formatVnd } from "~/domain/money";
import { formatNumber } from "~/utils/format";
import { barChartSvg, topBars } from "../charts";
import type { Figure } from "../figures";

export const TOP = 12;

export function CommuneChart(props: {
  figure: Figure;
  rows: { communeCode: string; commune: string; value: number }[];
}) {
  const t = useT();
  const locale = useLocale();
  const name = t(`dashboard.figure.${props.figure}`);
  const money = props.figure === "revenue30dVnd";
  const format = (n: number) => (money ? formatVnd(n) : formatNumber(n, locale));
  const bars = topBars(
    props.rows.map((r) => ({ label: r.commune, value: r.value })),
    TOP,
  );
  const svg = barChartSvg({
    id: `chart-${props.figure}`,
    title: t("dashboard.byCommune", { figure: name }),
    description: `${t("dashboard.top", { n: bars.length })}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join("; ")}`,
    bars,
    format,
  });
  return (
    <section className="card space-y-2 p-4" data-testid={`chart-${props.figure}`}>
      <h2 className="font-semibold">{t("dashboard.byCommune", { figure: name })}</h2>
      <p className="text-sm text-stone-600">{t("dashboard.top", { n: bars.length })}</p>
      {/* the SVG module escapes every text it draws */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <details>
        <summary className="cursor-pointer text-sm text-tea-800 underline">
          {t("dashboard.table", { figure: name })}
        </summary>
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="text-left">
              <th scope="col" className="p-1">
                {t("dashboard.commune")}
              </th>
              <th scope="col" className="p-1 text-right">
                {name}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.communeCode} className="border-t">
                <th scope="row" className="p-1 text-left font-normal">
                  {r.commune}
                </th>
                <td className="p-1 text-right tabular-nums">{format(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
