// The province's dashboard (issue 12): the report's figures summed for the province
// and charted by commune. Built on communeReport (one grouped query per figure,
// decision 0060), so it costs what the CSV costs.
import { now } from "~/utils/clock.server";
import { communeReport, type CommuneFigures } from "./report.server";

export const FIGURES = [
  "households",
  "householdsTrained",
  "stallsOpen",
  "productsListed",
  "paymentAccounts",
  "stallsVerified",
  "orders30d",
  "revenue30dVnd",
] as const satisfies readonly (keyof CommuneFigures)[];
export type Figure = (typeof FIGURES)[number];

/** The charts drawn by commune (the others are in the table). */
export const CHARTED: Figure[] = ["householdsTrained", "stallsOpen", "orders30d", "revenue30dVnd"];

export async function provinceDashboard(at: Date = now()) {
  const communes = await communeReport(at);
  const totals = Object.fromEntries(
    FIGURES.map((f) => [f, communes.reduce((s, c) => s + c[f], 0)]),
  ) as Record<Figure, number>;
  return { communes, totals };
}
