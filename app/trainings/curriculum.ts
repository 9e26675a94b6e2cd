// The extension programme's training curriculum and the rules of a group session.
// Pure (no framework, no database): the form, the server and the sign-in sheet use it.

/** Topics of the province's programme (issue 12), in the order officers teach them. */
export const TOPICS = [
  "DIGITAL_SKILLS",
  "PACK_HANDOVER_SHIP",
  "PRODUCT_PHOTOS",
  "PRICING",
  "QR_TRACEABILITY",
  "FOOD_SAFETY",
] as const;
export type Topic = (typeof TOPICS)[number];

export function isTopic(v: string): v is Topic {
  return (TOPICS as readonly string[]).includes(v);
}

/** A session is recorded as it happens or afterwards (backdating is normal), never ahead. */
export const FUTURE_SLACK_MS = 15 * 60_000;
/** A year back is as far as a paper sheet is typed in late. */
export const OLDEST_MS = 366 * 86_400_000;

export type SessionTimeProblem = "training.error.future" | "training.error.tooOld";

export function sessionTimeProblem(at: Date, now: Date): SessionTimeProblem | null {
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) return "training.error.future";
  if (at.getTime() < now.getTime() - OLDEST_MS) return "training.error.tooOld";
  return null;
}

/** At most this many households on one session (a commune hall, a sheet of a few pages). */
export const MAX_ATTENDEES = 200;

/** Attendees as given, each once, in the order ticked. */
export function uniqueAttendees(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => id.length > 0))];
}
