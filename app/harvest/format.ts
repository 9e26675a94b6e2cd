// How harvest days and cut-offs are written for people (pages and SMS), in
// Asia/Ho_Chi_Minh whatever the server's zone.
import type { Locale } from "~/i18n";
import { dateFormatter, formatTime } from "~/utils/format";
import { dayStart, type Day } from "./rules/preorder";

// made once (dateFormatter caches too): building an Intl.DateTimeFormat costs far more
// than formatting with one (every pre-order's SMS and every campaign page format days)
const dayEn = dateFormatter("en", { weekday: "short", day: "numeric", month: "short" });

/** "T6, 14/8" / "Fri 14 Aug": short enough for a 360 px row. */
export function formatDay(day: Day, locale: Locale = "vi"): string {
  const at = new Date(dayStart(day).getTime() + 12 * 3600_000);
  if (locale === "en") return dayEn.format(at);
  const weekday = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"][
    new Date(Date.parse(`${day}T12:00:00Z`)).getUTCDay()
  ];
  return `${weekday}, ${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;
}

/** "14/8" for SMS. */
export function shortDay(day: Day): string {
  return `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;
}

/** "20:00 13/8" / "20:00 Thu 13 Aug": a cut-off instant. */
export function formatCutoff(at: Date | string, locale: Locale = "vi"): string {
  const d = typeof at === "string" ? new Date(at) : at;
  const time = formatTime(d);
  const local = new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  return `${time} ${locale === "en" ? formatDay(local, "en") : shortDay(local)}`;
}

/** "DT-3F9K2QXA": how a pre-order is named to people and in a transfer note. */
export function preorderRef(id: string): string {
  return `DT-${id.slice(-8).toUpperCase()}`;
}
