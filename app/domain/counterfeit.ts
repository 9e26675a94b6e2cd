// Counterfeit signals for unit serials (GS1 AI 21 labels). Pure rules: the scan
// logger and the provenance page both call these. A genuine unit is scanned by a
// handful of phones (buyer, family, shop) in one area; a copied label shows up on
// many devices, in several places, or long after the real unit was delivered.
import { isbot } from "isbot";

export const COUNTERFEIT_RULES = {
  /** distinct devices (salted hashes) at which a serial is flagged */
  maxDevices: 5,
  /** distinct coarse places at which a serial is flagged */
  maxPlaces: 3,
  /** days after delivery from which a fresh scan is suspicious */
  deliveredGraceDays: 30,
} as const;

export type FlagReason = "devices" | "places" | "afterDelivery";

export type SerialScanSummary = {
  devices: number; // distinct device hashes, including this scan
  places: number; // distinct non-empty places, including this scan
};

export type SerialState = { status: string; deliveredAt: Date | null };

/** Why a serial should be flagged after a scan at `now`, or null. */
export function serialFlagReason(
  summary: SerialScanSummary,
  unit: SerialState,
  now: Date,
  rules = COUNTERFEIT_RULES,
): FlagReason | null {
  if (summary.devices >= rules.maxDevices) return "devices";
  if (summary.places >= rules.maxPlaces) return "places";
  if (
    unit.status === "DELIVERED" &&
    unit.deliveredAt &&
    now.getTime() - unit.deliveredAt.getTime() > rules.deliveredGraceDays * 86_400_000
  )
    return "afterDelivery";
  return null;
}

/** The page warns only about serials; batch codes are shared by many packages. */
export function showScanWarning(kind: "batch" | "serial", flaggedAt: Date | null): boolean {
  return kind === "serial" && flaggedAt !== null;
}

// Link unfurlers and chat apps fetch a URL when it is pasted; they are not scans.
const PREVIEW_AGENTS =
  /(facebookexternalhit|zalo|whatsapp|telegrambot|slackbot|discordbot|twitterbot|skypeuripreview|viber|line\/|preview)/i;

export type ScanRequest = { method: string; userAgent: string | null; purpose: string | null };

/**
 * Whether a request is a person's scan worth counting: GET only (HEAD is a
 * probe), not a prefetch/prerender, not a crawler or link-preview fetcher.
 */
export function isCountableScan(r: ScanRequest): boolean {
  if (r.method !== "GET") return false;
  if (r.purpose && /prefetch|prerender|preview/i.test(r.purpose)) return false;
  const ua = r.userAgent ?? "";
  if (!ua) return false;
  return !isbot(ua) && !PREVIEW_AGENTS.test(ua);
}

/**
 * A coarse place for a scan, never finer than a region: an explicit `src` tag
 * from the label (e.g. "shop-hn") when well-formed, else the region of the first
 * Accept-Language tag ("vi-VN" -> "VN"), else null.
 */
export function coarsePlace(src: string | null, acceptLanguage: string | null): string | null {
  if (src && /^[a-z0-9-]{1,24}$/i.test(src)) return src.toLowerCase();
  const first = (acceptLanguage ?? "").split(",")[0]?.trim() ?? "";
  const m = /^[a-z]{2,3}-([a-z]{2})\b/i.exec(first);
  return m ? m[1].toUpperCase() : null;
}
