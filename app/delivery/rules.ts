// The rules of a stop report, the buyer's "about N minutes" and a household's pay: plain
// functions, no framework or database (the server module applies them in a transaction).
import type { DeliveryKey } from "./strings";

export const REPORT_KINDS = ["ARRIVED", "PICKED", "DELIVERED", "FAILED"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const FAIL_REASONS = [
  "NOT_HOME",
  "REFUSED",
  "NO_FRUIT",
  "UNREACHABLE",
  "VEHICLE",
  "OTHER",
] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

export type StopKind = "PICKUP" | "DELIVERY" | "DROP";
export type StopStatus = "PENDING" | "ARRIVED" | "PICKED" | "DELIVERED" | "FAILED";
export const DONE: readonly string[] = ["PICKED", "DELIVERED", "FAILED"];

export type Report =
  | { kind: "ARRIVED" }
  | { kind: "PICKED"; weighedUnits: number }
  | { kind: "DELIVERED" }
  | { kind: "FAILED"; reason: FailReason; note?: string };

export type Refusal = { error: DeliveryKey; params?: Record<string, string | number> };

/**
 * Why a report cannot be applied to a stop, or null. A stop that is done stays done
 * (the dispatcher's re-plan relies on it); "arrived" twice is harmless; a pick-up is
 * picked, a delivery or a drop is delivered; a pick-up weighs 0..the boxes confirmed.
 */
export function reportRefusal(
  stop: { kind: string; status: string; units: number },
  report: Report,
): Refusal | null {
  if (DONE.includes(stop.status))
    return { error: "delivery.error.alreadyDone", params: { status: stop.status } };
  if (report.kind === "PICKED") {
    if (stop.kind !== "PICKUP") return { error: "delivery.error.wrongKind" };
    if (
      !Number.isInteger(report.weighedUnits) ||
      report.weighedUnits < 0 ||
      report.weighedUnits > stop.units
    )
      return { error: "delivery.error.weighed", params: { max: stop.units } };
  }
  if (report.kind === "DELIVERED" && stop.kind === "PICKUP")
    return { error: "delivery.error.wrongKind" };
  return null;
}

/** The stop's new status and times once a report is applied (arriving is implied by finishing). */
export function applyReport(
  stop: { status: string; arrivedAt: Date | null },
  report: Report,
  at: Date,
): { status: StopStatus; arrivedAt: Date; doneAt: Date | null } {
  const arrivedAt = stop.arrivedAt ?? at;
  if (report.kind === "ARRIVED") return { status: "ARRIVED", arrivedAt, doneAt: null };
  return { status: report.kind, arrivedAt, doneAt: at };
}

/** A pick-up that weighed less than was confirmed: the rest of the day must be re-planned. */
export function isShortPick(report: Report, confirmedUnits: number): boolean {
  return report.kind === "PICKED" && report.weighedUnits < confirmedUnits;
}

/** "About N minutes" as a buyer reads it: whole 5 minutes, never below 5. */
export function roundMinutes(minutes: number): number {
  return Math.max(5, Math.round(minutes / 5) * 5);
}

/**
 * What a household is paid for a pick: every weighed box at the campaign's price
 * (decision 0054: the cooperative's costs and late-delivery compensation are not taken
 * from the household's share; boxes graded down at weighing are not paid).
 */
export function householdPayVnd(weighedUnits: number, priceVnd: number): number {
  return Math.max(0, weighedUnits) * priceVnd;
}

/** geo: URI (RFC 5870) and Google Maps directions for a stop's coordinates. */
export function navigationLinks(lat: number | null, lng: number | null) {
  if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  const ll = `${lat.toFixed(6)},${lng.toFixed(6)}`;
  return {
    geo: `geo:${ll}`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${ll}`,
  };
}
