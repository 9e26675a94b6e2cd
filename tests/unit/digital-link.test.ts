import { describe, expect, it } from "vitest";
import {
  batchLink,
  decodeAiValue,
  digitalLink,
  encodeAiValue,
  isCset82,
  makeShortCode,
  parseDigitalLinkPath,
  parseLinkType,
  parseShortPath,
  shortLink,
  SHORT_CODE,
} from "~/domain/digital-link";

const BASE = "https://xutra.vn/";

describe("GS1 Digital Link: building", () => {
  it("pads GTIN-8/12/13 to GTIN-14 and keeps qualifier order 22, 10, 21", () => {
    expect(digitalLink(BASE, { gtin: "9506000134352", lot: "ABC123", serial: "12345" })).toBe(
      "https://xutra.vn/01/09506000134352/10/ABC123/21/12345",
    );
    expect(digitalLink(BASE, { gtin: "96385074" })).toBe("https://xutra.vn/01/00000096385074");
    expect(digitalLink(BASE, { gtin: "036000291452", serial: "1", cpv: "V2", lot: "L1" })).toBe(
      "https://xutra.vn/01/00036000291452/22/V2/10/L1/21/1",
    );
  });
  it("rejects a GTIN with a wrong check digit and values outside set 82", () => {
    expect(() => digitalLink(BASE, { gtin: "09506000134353" })).toThrow(/GTIN/);
    expect(() => digitalLink(BASE, { gtin: "09506000134352", lot: "chè" })).toThrow(/AI 10/);
    expect(() => digitalLink(BASE, { gtin: "09506000134352", lot: "A".repeat(21) })).toThrow(
      /AI 10/,
    );
    expect(() => digitalLink(BASE, { gtin: "09506000134352", serial: "has space" })).toThrow(
      /AI 21/,
    );
  });
  it("percent-encodes reserved characters of set 82 and leaves unreserved ones", () => {
    expect(encodeAiValue("ABC-1.2_x")).toBe("ABC-1.2_x");
    expect(encodeAiValue("XYZ/987")).toBe("XYZ%2F987");
    expect(encodeAiValue(`!"%&'()*+,:;<=>?`)).toBe(
      "%21%22%25%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3F",
    );
    const uri = digitalLink(BASE, { gtin: "09506000134352", lot: "20/A?B", serial: "S&1" });
    expect(uri).toBe("https://xutra.vn/01/09506000134352/10/20%2FA%3FB/21/S%261");
    // what a URL parser sees round-trips through our parser
    const parsed = parseDigitalLinkPath(new URL(uri).pathname);
    expect(parsed).toEqual({
      ok: true,
      key: { gtin: "09506000134352", lot: "20/A?B", serial: "S&1" },
    });
  });
  it("builds the short form and picks Digital Link only when there is a valid GTIN", () => {
    expect(shortLink(BASE, "0001K")).toBe("https://xutra.vn/t/0001K");
    expect(shortLink(BASE, "0001K", "U0001")).toBe("https://xutra.vn/t/0001K/U0001");
    expect(batchLink(BASE, { code: "0001K", lot: "L1", gtin: "08938000100012" })).toMatch(
      /\/01\/08938000100012\/10\/L1$/,
    );
    expect(batchLink(BASE, { code: "0001K", lot: "L1", gtin: "08938000100013" })).toBe(
      "https://xutra.vn/t/0001K",
    );
    expect(batchLink(BASE, { code: "0001K", lot: "L1", gtin: null }, "7")).toBe(
      "https://xutra.vn/t/0001K/7",
    );
  });
});

describe("GS1 Digital Link: parsing", () => {
  it("accepts valid paths, normalising the GTIN", () => {
    expect(parseDigitalLinkPath("/01/9506000134352/10/ABC")).toEqual({
      ok: true,
      key: { gtin: "09506000134352", lot: "ABC" },
    });
    expect(parseDigitalLinkPath("/01/09506000134352/")).toEqual({
      ok: true,
      key: { gtin: "09506000134352" },
    });
  });
  it("rejects bad keys, qualifier order, duplicates and broken values", () => {
    expect(parseDigitalLinkPath("/02/09506000134352")).toEqual({
      ok: false,
      error: "not-digital-link",
    });
    expect(parseDigitalLinkPath("/01/09506000134353")).toEqual({ ok: false, error: "check-digit" });
    expect(parseDigitalLinkPath("/01/9506000134353")).toEqual({ ok: false, error: "check-digit" }); // GTIN-13
    expect(parseDigitalLinkPath("/01/96385075")).toEqual({ ok: false, error: "check-digit" }); // GTIN-8
    expect(parseDigitalLinkPath("/01/095060001343521")).toEqual({ ok: false, error: "bad-gtin" }); // 15 digits
    expect(parseDigitalLinkPath("/01/123")).toEqual({ ok: false, error: "bad-gtin" });
    expect(parseDigitalLinkPath("/01/09506000134352/21/1/10/A")).toEqual({
      ok: false,
      error: "qualifier-order",
    });
    expect(parseDigitalLinkPath("/01/09506000134352/10/A/10/B")).toEqual({
      ok: false,
      error: "duplicate",
    });
    expect(parseDigitalLinkPath("/01/09506000134352/17/261231")).toEqual({
      ok: false,
      error: "bad-qualifier",
    });
    expect(parseDigitalLinkPath("/01/09506000134352/10")).toEqual({
      ok: false,
      error: "bad-qualifier",
    });
    expect(parseDigitalLinkPath("/01/09506000134352/10/%E0%A4%A")).toEqual({
      ok: false,
      error: "bad-value",
    });
    expect(parseDigitalLinkPath("/01/09506000134352/10/ch%C3%A8")).toEqual({
      ok: false,
      error: "bad-value",
    });
  });
  it("parses short paths case-insensitively", () => {
    expect(parseShortPath("0001k")).toEqual({ ok: true, code: "0001K" });
    expect(parseShortPath("0001K/U%2F1")).toEqual({ ok: true, code: "0001K", serial: "U/1" });
    expect(parseShortPath("a/b/c")).toEqual({ ok: false });
    expect(parseShortPath("é")).toEqual({ ok: false });
  });
  it("reads link types", () => {
    expect(parseLinkType(null)).toBe("gs1:defaultLink");
    expect(parseLinkType("gs1:pip")).toBe("gs1:pip");
    expect(parseLinkType("https://gs1.org/voc/traceability")).toBe("gs1:traceability");
    expect(parseLinkType("https://ref.gs1.org/voc/certificationInfo")).toBe(
      "gs1:certificationInfo",
    );
    expect(parseLinkType("all")).toBe("all");
    expect(parseLinkType("gs1:nope")).toBeNull();
  });
  it("helpers", () => {
    expect(isCset82("ABC")).toBe(true);
    expect(isCset82("")).toBe(false);
    expect(decodeAiValue("%ZZ")).toBeNull();
    let i = 0;
    const code = makeShortCode(() => (i++ % 32) / 32);
    expect(code).toMatch(SHORT_CODE);
    expect(code).not.toMatch(/[01OI]/);
  });
});

import { en as traceEn, vi as traceVi } from "~/i18n/trace";
describe("trace i18n", () => {
  it("has an English string for every Vietnamese key", () => {
    expect(Object.keys(traceEn).sort()).toEqual(Object.keys(traceVi).sort());
    for (const v of Object.values(traceEn)) expect(v.length).toBeGreaterThan(0);
  });
});
