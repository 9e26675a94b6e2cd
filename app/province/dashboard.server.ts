// The province's dashboard (issue 12): the report's figures summed for the province
// and charted by commune. Built on communeReport (one grouped query per figure,
// decision 0060), so it costs what the CSV costs.
import { now } from "~/utils/clock.server";
import { FIGURES, type Figure } from "./figures";
import { communeReport } from "./report.server";

export async function provinceDashboard(at: Date = now()) {
  const communes = await communeReport(at);
  const totals = Object.fromEntries(
    FIGURES.map((f) => [f, communes.reduce((s, c) => s + c[f], 0)]),
  ) as Record<Figure, number>;
  return { communes, totals };
}
