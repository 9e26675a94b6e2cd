// The fallback's query on each database: FTS5 MATCH (SQLite) and to_tsquery (PostgreSQL) say
// the same thing: every word, synonyms as alternatives, two-word synonyms as phrases, the last
// word as a prefix.
import { describe, expect, it } from "vitest";
import { ftsQuery, tsQuery } from "./fts.server";

describe("search fallback query", () => {
  it("folds diacritics and đ, ands the words, prefixes the last", () => {
    expect(ftsQuery("Đinh  Hóa")).toBe(`"dinh" AND "hoa"*`);
    expect(tsQuery("Đinh  Hóa")).toBe(`dinh & hoa:*`);
  });
  it("synonyms are alternatives; a two-word synonym is a phrase", () => {
    expect(tsQuery("tra tan cuong")).toBe(`(tra | che) & tan & cuong:*`);
    expect(tsQuery("mang cau ngon")).toBe(`(na | (mang <-> cau)) & ngon:*`);
  });
  it("nothing to search for: no query; punctuation never reaches to_tsquery", () => {
    expect(tsQuery("  !!! ")).toBeNull();
    expect(tsQuery(`a' & b | (c) <-> "d"`)).toBe(`a & b & c & d:*`);
  });
});
