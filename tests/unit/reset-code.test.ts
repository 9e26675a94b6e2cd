// Rules of the SMS code that resets a forgotten password.
import { describe, expect, it } from "vitest";
import { waitMinutes } from "~/domain/account-fields";
import {
  CODE_TTL_MS,
  codeState,
  expiresAtFrom,
  formatCode,
  MAX_ATTEMPTS,
  normalizeCode,
  triesLeft,
} from "~/domain/reset-code";

describe("reset code", () => {
  it("is always six digits", () => {
    expect(formatCode(42)).toBe("000042");
    expect(formatCode(999_999)).toBe("999999");
    expect(() => formatCode(1_000_000)).toThrow(RangeError);
    expect(() => formatCode(-1)).toThrow(RangeError);
    expect(() => formatCode(1.5)).toThrow(RangeError);
  });

  it("reads what people type or paste from the SMS", () => {
    expect(normalizeCode("123456")).toBe("123456");
    expect(normalizeCode(" 123 456 ")).toBe("123456");
    expect(normalizeCode("123-456")).toBe("123456");
    expect(normalizeCode("１２３４５６")).toBe("123456");
    expect(normalizeCode("12345")).toBeNull();
    expect(normalizeCode("1234567")).toBeNull();
    expect(normalizeCode("12345a")).toBeNull();
    expect(normalizeCode("")).toBeNull();
  });

  it("works for ten minutes, until used, and for five wrong tries at most", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    const fresh = { expiresAt: expiresAtFrom(now), attempts: 0, usedAt: null };
    expect(fresh.expiresAt.getTime() - now.getTime()).toBe(10 * 60 * 1000);
    expect(codeState(fresh, now)).toBe("usable");
    expect(codeState(fresh, new Date(now.getTime() + CODE_TTL_MS - 1))).toBe("usable");
    expect(codeState(fresh, new Date(now.getTime() + CODE_TTL_MS))).toBe("expired");
    expect(codeState({ ...fresh, attempts: MAX_ATTEMPTS - 1 }, now)).toBe("usable");
    expect(codeState({ ...fresh, attempts: MAX_ATTEMPTS }, now)).toBe("exhausted");
    // used is final, whatever else is true
    expect(
      codeState(
        { ...fresh, attempts: MAX_ATTEMPTS, usedAt: now },
        new Date(now.getTime() + CODE_TTL_MS),
      ),
    ).toBe("used");
    expect(MAX_ATTEMPTS).toBe(5);
    expect(triesLeft(0)).toBe(5);
    expect(triesLeft(4)).toBe(1);
    expect(triesLeft(7)).toBe(0);
  });

  it("says a wait in whole minutes, never zero", () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(60)).toBe(1);
    expect(waitMinutes(61)).toBe(2);
    expect(waitMinutes(3600)).toBe(60);
  });
});
