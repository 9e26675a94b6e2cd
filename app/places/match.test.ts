import fc from "fast-check";
import { describe, expect, it } from "vitest";
import units from "./data/vn-units.json";
import { foldPlace, matchPlaces } from "./match";
import { unitChanges, unitRows, type UnitsFile } from "./units";

const thaiNguyen = units.provinces.find((p) => p.code === "19")!.communes;

describe("folding place names", () => {
  it("drops accents, đ becomes d, spaces collapse", () => {
    expect(foldPlace("  Xã  La Hiên ")).toBe("xa la hien");
    expect(foldPlace("Định Hóa")).toBe("dinh hoa");
    expect(foldPlace("ĐỒNG HỶ")).toBe("dong hy");
  });
  it("is idempotent and leaves only lower-case ASCII of Vietnamese text", () => {
    const letter = fc.constantFrom(
      ..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ -".split(
        "",
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: letter }), (s) => {
        expect(foldPlace(foldPlace(s))).toBe(foldPlace(s));
        expect(foldPlace(s)).toMatch(/^[a-z -]*$/);
      }),
    );
  });
});

describe("finding a commune without diacritics", () => {
  it("la hien, tan cuong, dinh hoa, with or without the unit's type", () => {
    expect(matchPlaces("la hien", thaiNguyen)[0].name).toBe("La Hiên");
    expect(matchPlaces("xa tan cuong", thaiNguyen)[0].name).toBe("Tân Cương");
    expect(matchPlaces("Dinh Hoa", thaiNguyen)[0].name).toBe("Định Hóa");
    expect(matchPlaces("dong", thaiNguyen).map((c) => c.name)).toEqual(
      expect.arrayContaining(["Đồng Hỷ", "Đồng Phúc"]),
    );
  });
  it("an exact name comes before names that only start with it", () => {
    expect(matchPlaces("phu luong", thaiNguyen)[0].name).toBe("Phú Lương");
  });
  it("every commune of the country is found by its own name typed without accents", () => {
    for (const p of units.provinces)
      for (const c of p.communes)
        expect(matchPlaces(foldPlace(c.name), p.communes, 50)).toContainEqual(c);
  });
});

describe("a new edition of the national list", () => {
  const rows = unitRows(units as UnitsFile);
  it("34 provinces and 3,321 communes, each code once", () => {
    expect(rows.provinces).toHaveLength(34);
    expect(rows.communes).toHaveLength(3321);
    expect(new Set(rows.communes.map((c) => c.code)).size).toBe(3321);
  });
  it("creates new codes, updates renamed ones, retires missing ones and revives returning ones", () => {
    const stored = [
      { code: "A", name: "Old name", retiredAt: null },
      { code: "B", name: "Same", retiredAt: null },
      { code: "C", name: "Gone", retiredAt: null },
      { code: "D", name: "Back", retiredAt: new Date() },
    ];
    const incoming = [
      { code: "A", name: "New name" },
      { code: "B", name: "Same" },
      { code: "D", name: "Back" },
      { code: "E", name: "New unit" },
    ];
    expect(unitChanges(stored, incoming)).toEqual({
      create: [{ code: "E", name: "New unit" }],
      update: [
        { code: "A", name: "New name" },
        { code: "D", name: "Back" },
      ],
      retire: ["C"],
    });
    // an unchanged list changes nothing
    const same = incoming.map((r) => ({ ...r, retiredAt: null }));
    expect(unitChanges(same, incoming)).toEqual({ create: [], update: [], retire: [] });
  });
});
