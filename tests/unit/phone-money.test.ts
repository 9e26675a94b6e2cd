import { describe, expect, it } from "vitest";
import { formatVnd, parseVnd } from "~/domain/money";
import { formatPhone, normalizePhone } from "~/domain/phone";

describe("normalizePhone", () => {
  it.each([
    ["0912345678", "+84912345678"],
    ["0912 345 678", "+84912345678"],
    ["091.234.5678", "+84912345678"],
    ["+84 912 345 678", "+84912345678"],
    ["84912345678", "+84912345678"],
    ["0383456789", "+84383456789"],
    ["02083851234", "+842083851234"],
  ])("%s -> %s", (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each([
    "",
    "12345",
    "0112345678",
    "09123456789",
    "+1 415 555 0100",
    "abc0912345678",
    "0612345678",
  ])("rejects %s", (input) => expect(normalizePhone(input)).toBeNull());

  it("formats for print", () => expect(formatPhone("+84912345678")).toBe("0912 345 678"));
});

describe("VND", () => {
  it("formats as written in Vietnam: dot thousands, ₫ after", () => {
    expect(formatVnd(250000)).toBe("250.000\u00a0₫");
    expect(formatVnd(0)).toBe("0\u00a0₫");
    expect(formatVnd(1250000)).toBe("1.250.000\u00a0₫");
  });
  it("refuses fractions: VND has no minor unit", () => expect(() => formatVnd(1.5)).toThrow());
  it.each([
    ["250.000", 250000],
    ["250,000", 250000],
    ["250000đ", 250000],
    ["250.000 ₫", 250000],
    ["250k", 250000],
    ["1,5k", 1500],
  ])("parses %s", (s, n) => expect(parseVnd(s)).toBe(n));
  it.each(["", "abc", "25.00", "-5"])("rejects %s", (s) => expect(parseVnd(s)).toBeNull());
});
