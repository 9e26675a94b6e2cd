import { describe, expect, it } from "vitest";
import { gs1CheckDigit, isValidGtin, makeGtin13, toGtin14 } from "~/domain/gs1";

describe("GS1 check digits", () => {
  it("computes the mod-10 check digit (GS1 General Specifications example)", () => {
    // GTIN-13 629104150021 -> check digit 3 (6291041500213)
    expect(gs1CheckDigit("629104150021")).toBe(3);
    // GTIN-14 example from GS1 Digital Link: 09506000134352
    expect(gs1CheckDigit("0950600013435")).toBe(2);
  });
  it("validates GTIN-8/12/13/14", () => {
    expect(isValidGtin("6291041500213")).toBe(true);
    expect(isValidGtin("6291041500214")).toBe(false);
    expect(isValidGtin("09506000134352")).toBe(true);
    expect(isValidGtin("96385074")).toBe(true);
    expect(isValidGtin("036000291452")).toBe(true);
    expect(isValidGtin("12345")).toBe(false);
  });
  it("pads to GTIN-14", () => {
    expect(toGtin14("6291041500213")).toBe("06291041500213");
    expect(toGtin14("6291041500210")).toBeNull();
  });
  it("builds Vietnamese GTIN-13s (prefix 893)", () => {
    const g = makeGtin13("893800010003");
    expect(g).toHaveLength(13);
    expect(isValidGtin(g)).toBe(true);
  });
});
