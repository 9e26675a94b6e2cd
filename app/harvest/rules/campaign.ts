// The seller's side of a harvest campaign as plain rules: its life (draft, open,
// paused, closed, cancelled), each day's cut-off, the grading reserve, which tier a
// pre-order is served in, and what a household may confirm for a day.
// Days are local dates in Asia/Ho_Chi_Minh ("YYYY-MM-DD", see ./preorder.ts).
import { addDays, dayStart, daysOf, isDay, localDay, type Day } from "./preorder";

export const CAMPAIGN_STATUSES = ["DRAFT", "OPEN", "PAUSED", "CLOSED", "CANCELLED"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_ACTIONS = ["open", "pause", "resume", "close", "cancel"] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const NEXT: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  open: { from: ["DRAFT"], to: "OPEN" },
  pause: { from: ["OPEN"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "OPEN" },
  // closing early stops new pre-orders; days whose cut-off has passed are still shared
  close: { from: ["OPEN", "PAUSED"], to: "CLOSED" },
  // cancelling gives every deposit back; a closed campaign has delivered and is not cancelled
  cancel: { from: ["DRAFT", "OPEN", "PAUSED"], to: "CANCELLED" },
};

export function isCampaignAction(s: unknown): s is CampaignAction {
  return typeof s === "string" && (CAMPAIGN_ACTIONS as readonly string[]).includes(s);
}

/** The status an action leads to, or null when it is not allowed from `from`. */
export function transition(from: string, action: CampaignAction): CampaignStatus | null {
  const rule = NEXT[action];
  return (rule.from as readonly string[]).includes(from) ? rule.to : null;
}

export function allowedActions(from: string): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((a) => transition(from, a) !== null);
}

/** "20:00" -> 1200 minutes after local midnight; null when it is not HH:MM. */
export function parseLocalTime(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Pre-orders for `day` close at `cutoffTime` (local) on the evening before it. */
export function cutoffOf(day: Day, cutoffTime: string): Date {
  const minutes = parseLocalTime(cutoffTime) ?? 20 * 60;
  return new Date(dayStart(addDays(day, -1)).getTime() + minutes * 60_000);
}

export type CampaignDays = {
  firstDay: Day;
  lastDay: Day;
  cutoffTime: string;
  closedAt?: Date | null;
};

/**
 * The last day that is shared: the window's last day, or, for a campaign closed
 * early, the last day whose cut-off had passed when it closed (null: none had).
 */
export function lastSharedDay(c: CampaignDays): Day | null {
  if (!c.closedAt) return c.lastDay;
  const closedAt = c.closedAt.getTime();
  const passed = daysOf(c.firstDay, c.lastDay).filter(
    (d) => cutoffOf(d, c.cutoffTime).getTime() <= closedAt,
  );
  return passed.at(-1) ?? null;
}

/** Days whose cut-off has passed at `now` and that are shared (the allocation may run for them). */
export function daysDue(c: CampaignDays, now: Date): Day[] {
  const last = lastSharedDay(c);
  if (!last) return [];
  return daysOf(c.firstDay, last).filter(
    (d) => cutoffOf(d, c.cutoffTime).getTime() <= now.getTime(),
  );
}

/**
 * The tier a pre-order is served in on a day: the index of the day it first took part
 * in an allocation (the rule serves lower tiers first, so carried-over buyers come
 * before new ones, oldest day first). A new request on day d gets tier index(d).
 */
export function tierOf(firstDay: Day, originDay: Day): number {
  return Math.max(0, daysOf(firstDay, originDay).length - 1);
}

/** Boxes kept back for grading: a whole number, rounded up, of the confirmed boxes. */
export function gradingReserve(confirmed: number, pct: number): number {
  if (confirmed <= 0 || pct <= 0) return 0;
  return Math.min(confirmed, Math.ceil((confirmed * pct) / 100));
}

/** The day after `day` inside the shared window, or null on the last one. */
export function nextSharedDay(c: CampaignDays, day: Day): Day | null {
  const last = lastSharedDay(c);
  const next = addDays(day, 1);
  return last && next <= last ? next : null;
}

// A household's pick for one day.
export const MAX_PICK_UNITS = 500; // more boxes than one farm picks in a day: a typing slip
export type PickRefusal =
  | "harvest.pick.error.units"
  | "harvest.pick.error.absurd"
  | "harvest.pick.error.day"
  | "harvest.pick.error.readyAt"
  | "harvest.pick.error.tooLate"
  | "harvest.pick.error.notOpen";

/**
 * Why a confirmation cannot be taken, or null. A household confirms a day of the
 * window until that day's cut-off (the allocation uses what was confirmed by then);
 * the ready time is a time of that day.
 */
export function pickRefusal(
  c: CampaignDays & { status: string },
  p: { day: string; units: number; readyTime: string },
  now: Date,
): PickRefusal | null {
  if (c.status !== "OPEN" && c.status !== "PAUSED") return "harvest.pick.error.notOpen";
  if (!Number.isInteger(p.units) || p.units < 0) return "harvest.pick.error.units";
  if (p.units > MAX_PICK_UNITS) return "harvest.pick.error.absurd";
  if (!isDay(p.day) || p.day < c.firstDay || p.day > c.lastDay) return "harvest.pick.error.day";
  if (parseLocalTime(p.readyTime) === null) return "harvest.pick.error.readyAt";
  if (cutoffOf(p.day, c.cutoffTime).getTime() <= now.getTime()) return "harvest.pick.error.tooLate";
  return null;
}

/** The instant a pick is ready: its day at the local time given. */
export function readyAtOf(day: Day, readyTime: string): Date {
  return new Date(dayStart(day).getTime() + (parseLocalTime(readyTime) ?? 0) * 60_000);
}

/** "06:30" for an instant, local time. */
export function localTimeOf(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
}

/** The day households confirm at `now`: tomorrow, or the first day when the window is ahead. */
export function dayToConfirm(c: CampaignDays, now: Date): Day | null {
  const tomorrow = addDays(localDay(now), 1);
  const open = daysOf(c.firstDay, c.lastDay).filter(
    (d) => cutoffOf(d, c.cutoffTime).getTime() > now.getTime(),
  );
  return open.find((d) => d >= tomorrow) ?? open[0] ?? null;
}

export const CORRECTION_REASONS = ["GRADED_DOWN", "PICKED_LESS", "OTHER"] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];
