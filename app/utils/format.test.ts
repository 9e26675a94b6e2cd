import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatNumber, formatTime, formatVndInput } from "./format";

// 3 December 2026, 21:30 UTC: already 4 December, 04:30 in Vietnam
const at = new Date("2026-12-03T21:30:00Z");

describe("formatting by the page's language, in Vietnam's time zone", () => {
  it("an English page gets English dates; a Vietnamese page Vietnamese ones", () => {
    expect(formatDate(at, "en", "dateMedium")).toBe("4 Dec 2026");
    expect(formatDate(at, "vi", "dateMedium")).toBe("4 thg 12, 2026");
    expect(formatDate(at, "en", { weekday: "long" })).toBe("Friday");
    expect(formatDate(at, "vi", { weekday: "long" })).toBe("Thứ Sáu");
  });
  it("the day and time are Vietnam's, whatever the server's zone", () => {
    expect(formatDate(at, "vi")).toBe("4/12/26");
    expect(formatDate(at, "en")).toBe("04/12/2026");
    expect(formatTime(at)).toBe("04:30");
  });
  it("money is written the Vietnamese way on every page; numbers by language", () => {
    expect(formatMoney(250000)).toBe("250.000\u00a0₫");
    expect(formatVndInput(250000)).toBe("250.000");
    expect(formatNumber(1234.5, "vi")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});
