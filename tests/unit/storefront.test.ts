import { describe, expect, it } from "vitest";
import { en, vi } from "~/i18n/storefront";
import { render } from "~/notifications/deliver.server";
import {
  fold,
  matchesFilters,
  meiliFilters,
  parseSearchParams,
  starsAtLeastCounts,
  toQueryString,
} from "~/search/params";
import { ftsQuery } from "~/search/fts.server";
import { safeJsonLd } from "~/storefront/seo";

describe("storefront i18n", () => {
  it("has an English string for every Vietnamese key", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toBe("");
  });
  it("uses the same {placeholders} in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(vi) as (keyof typeof vi)[])
      expect(names(en[k]), k).toEqual(names(vi[k]));
  });
});

describe("search parameters", () => {
  it("turns the OCOP stars facet into 'at least N stars' counts for the filter", () => {
    expect(starsAtLeastCounts({ "3": 4, "5": 2 })).toEqual({ 3: 6, 4: 2, 5: 2 });
    expect(starsAtLeastCounts(undefined)).toEqual({ 3: 0, 4: 0, 5: 0 });
  });
  it("round-trips through the URL and drops what is not allowed", () => {
    const p = parseSearchParams(
      new URLSearchParams(
        "q=%20chè%20&category=che&category=che&stars=4&cert=OCOP&cert=BOGUS&priceMin=100.000&inStock=1&sort=price_desc&page=3&perPage=500",
      ),
    );
    expect(p).toMatchObject({
      q: "chè",
      category: ["che"],
      stars: 4,
      cert: ["OCOP"],
      priceMin: 100000,
      inStock: true,
      sort: "price_desc",
      page: 3,
      perPage: 24,
    });
    expect(parseSearchParams(new URLSearchParams(toQueryString(p)))).toEqual(p);
    expect(parseSearchParams(new URLSearchParams("stars=2&sort=x&page=-1"))).toMatchObject({
      stars: null,
      sort: "relevance",
      page: 1,
    });
  });
  it("quotes filter values so a value cannot inject filter syntax", () => {
    const p = parseSearchParams(new URLSearchParams('commune=Tân Cương" OR inStock = false OR "x'));
    expect(meiliFilters(p)).toEqual(['commune IN ["Tân Cương\\" OR inStock = false OR \\"x"]']);
  });
  it("leaves one facet's own filter out for disjunctive counts", () => {
    const p = parseSearchParams(new URLSearchParams("category=che&stars=4"));
    expect(meiliFilters(p, "ocopStars")).toEqual(['categorySlug IN ["che"]']);
  });
  it("filters in memory with the same meaning (database fallback)", () => {
    const doc = {
      categorySlug: "che",
      ocopStars: 4,
      certifications: ["OCOP"],
      commune: "Tân Cương",
      cooperative: null,
      priceMin: 90000,
      inStock: true,
    };
    expect(
      matchesFilters(
        doc,
        parseSearchParams(new URLSearchParams("stars=4&category=che&priceMax=100000")),
      ),
    ).toBe(true);
    expect(matchesFilters(doc, parseSearchParams(new URLSearchParams("stars=5")))).toBe(false);
    expect(
      matchesFilters(
        { ...doc, inStock: false },
        parseSearchParams(new URLSearchParams("inStock=1")),
      ),
    ).toBe(false);
  });
});

describe("database fallback query", () => {
  it("folds Vietnamese accents and đ", () =>
    expect(fold("Chè Đinh Tân Cương")).toBe("che dinh tan cuong"));
  it("requires every word, prefix-matches the last, expands synonyms and two-word synonyms", () => {
    expect(ftsQuery("trà tân cư")).toBe('("tra" OR "che") AND "tan" AND "cu"*');
    expect(ftsQuery("mãng cầu")).toBe('("na" OR "mang cau")');
    expect(ftsQuery('x" OR 1')).toBe('"x" AND "or" AND "1"*');
    expect(ftsQuery("  ")).toBeNull();
  });
});

describe("schema.org JSON-LD", () => {
  it("cannot close its <script> element", () => {
    const out = safeJsonLd({ name: "</script><script>alert(1)</script> & co" });
    expect(out).not.toContain("<");
    expect(out).not.toContain(">");
    expect(JSON.parse(out).name).toBe("</script><script>alert(1)</script> & co");
  });
});

describe("notification texts", () => {
  it("renders order messages in Vietnamese with VND", () => {
    expect(
      render({
        template: "order.placed",
        orderNumber: "XT-2611-00001",
        totalVnd: 255000,
        stallName: "HTX Chè Hảo Đạt",
      }).body,
    ).toBe(
      "Xứ Trà: đơn XT-2611-00001 (255.000\u00a0₫) đã được đặt tại HTX Chè Hảo Đạt. Cảm ơn bạn!",
    );
    expect(
      render({ template: "order.status", orderNumber: "XT-2611-00001", status: "SHIPPED" }).body,
    ).toContain("đã giao cho đơn vị vận chuyển");
  });
});
