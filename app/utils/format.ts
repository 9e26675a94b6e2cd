// The one place dates, money and numbers are written for people. Dates are shown in
// Asia/Ho_Chi_Minh whatever the server's zone, in the page's language (vi-VN or en-GB);
// money is VND written the Vietnamese way on every page (see ~/domain/money). Plain
// module: loaders, components and SMS texts all use it.
import type { Locale } from "~/i18n";
import { formatVnd } from "~/domain/money";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** The BCP 47 tag a page's language is formatted with. */
export function localeTag(locale: Locale): "vi-VN" | "en-GB" {
  return locale === "en" ? "en-GB" : "vi-VN";
}

/** How much of an instant to show. */
export type DateStyle =
  | "date" // 03/12/2026
  | "dateMedium" // 3 thg 12, 2026 / 3 Dec 2026
  | "dateTime" // 14:05 03/12/2026 / 03/12/2026, 14:05
  | "dateMediumTime" // 3 thg 12, 2026, 14:05 / 3 Dec 2026, 14:05
  | "dateTimeSeconds" // with seconds (the dev mailbox)
  | "dayMonthYear" // 03/12/2026 (two-digit parts, both languages)
  | "dayMonthTime" // 03/12, 14:05
  | "dayMonthYearTime"; // 03/12/2026, 14:05 (two-digit parts)

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "short" },
  dateMedium: { dateStyle: "medium" },
  dateTime: { dateStyle: "short", timeStyle: "short" },
  dateMediumTime: { dateStyle: "medium", timeStyle: "short" },
  dateTimeSeconds: { dateStyle: "short", timeStyle: "medium" },
  dayMonthYear: { day: "2-digit", month: "2-digit", year: "numeric" },
  dayMonthTime: { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" },
  dayMonthYearTime: {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  },
};

const cache = new Map<string, Intl.DateTimeFormat>();

/** A formatter for the page's language in Vietnam's time zone (cached: they are costly to build). */
export function dateFormatter(
  locale: Locale,
  style: DateStyle | Intl.DateTimeFormatOptions = "date",
): Intl.DateTimeFormat {
  const options = typeof style === "string" ? OPTIONS[style] : style;
  const key = `${locale}|${typeof style === "string" ? style : JSON.stringify(style)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeTag(locale), { timeZone: TIME_ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

export function formatDate(
  at: Date | string | number,
  locale: Locale,
  style: DateStyle | Intl.DateTimeFormatOptions = "date",
): string {
  return dateFormatter(locale, style).format(typeof at === "string" ? new Date(at) : at);
}

/** "14:05": a clock time in Vietnam (24-hour on every page). */
export function formatTime(at: Date | string | number): string {
  return dateFormatter("en", { hour: "2-digit", minute: "2-digit", hour12: false }).format(
    typeof at === "string" ? new Date(at) : at,
  );
}

const numbers = new Map<string, Intl.NumberFormat>();

/** 1234.5 -> "1.234,5" / "1,234.5". */
export function formatNumber(n: number, locale: Locale): string {
  let f = numbers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(localeTag(locale));
    numbers.set(locale, f);
  }
  return f.format(n);
}

/** 250000 -> "250.000 ₫", as written in Vietnam whatever the page's language. */
export function formatMoney(amount: number): string {
  return formatVnd(amount);
}

/** 250000 -> "250.000": a whole-đồng amount as typed into a price field. */
export function formatVndInput(amount: number): string {
  return formatVnd(amount).replace(/\u00a0₫$/, "");
}
