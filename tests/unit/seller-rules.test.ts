import { describe, expect, it } from "vitest";
import { householdName, NewHouseholdSchema } from "~/domain/household-onboarding";
import { nextStock, ProductSchema, publishProblems, slugify } from "~/domain/listing";
import { isoWeek, topProducts, weekDays, weeklySales } from "~/domain/sales";
import { en, vi } from "~/i18n/console";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("listing rules", () => {
  const parse = (v: Record<string, unknown>) => ProductSchema.safeParse(v);
  it("a draft needs only a name; blank variant rows are ignored", () => {
    const r = parse({ name: "Chè", intent: "draft", variants: [{}, undefined] });
    expect(r.success && r.data.variants).toEqual([]);
  });
  it("prices: 250.000, 250k, 250000đ", () => {
    const r = parse({
      name: "Chè",
      variants: [
        { label: "a", price: "250.000" },
        { label: "b", price: "250k" },
        { label: "c", price: "250000đ" },
      ],
    });
    expect(r.success && r.data.variants.map((v) => v.price)).toEqual([250000, 250000, 250000]);
    expect(
      parse({ name: "Chè", variants: [{ label: "a", price: "hai trăm" }] }).error?.issues[0]
        .message,
    ).toBe("listing.priceInvalid");
  });
  it("a filled row needs a label; duplicates are refused", () => {
    expect(parse({ name: "Chè", variants: [{ price: "1000" }] }).error?.issues[0]).toMatchObject({
      path: ["variants", 0, "label"],
      message: "listing.variantLabelRequired",
    });
    expect(
      parse({ name: "Chè", variants: [{ label: "Túi" }, { label: "túi" }] }).error?.issues[0]
        .message,
    ).toBe("listing.variantDuplicate");
  });
  it("GTIN is check-digit validated and stored as GTIN-14", () => {
    const r = parse({ name: "Chè", variants: [{ label: "a", gtin: "4006381333932" }] });
    expect(r.success).toBe(false);
    const ok = parse({ name: "Chè", variants: [{ label: "a", gtin: "4006381333931" }] });
    expect(ok.success && ok.data.variants[0].gtin).toBe("04006381333931");
  });
  it("publish problems", () => {
    expect(
      publishProblems({ name: "x", categoryId: null, description: "", photos: 0, variants: [] }),
    ).toEqual([
      "listing.categoryRequired",
      "listing.descriptionRequired",
      "listing.variantRequired",
      "listing.photoRequired",
    ]);
    expect(slugify("Chè Đinh Tân Cương")).toBe("che-dinh-tan-cuong");
  });
});

describe("sales summary", () => {
  it("a week reads as its number and its Monday to Sunday", () => {
    expect(weekDays("2026-W48")).toEqual({ number: 48, from: "23/11", to: "29/11" });
    expect(weekDays("2026-W01")).toEqual({ number: 1, from: "29/12", to: "04/01" }); // 1 Jan 2026 is a Thursday
    expect(weekDays("2026-W53")).toEqual({ number: 53, from: "28/12", to: "03/01" }); // 2026 has 53 ISO weeks
    expect(isoWeek(new Date("2027-01-02T12:00:00+07:00"))).toBe("2026-W53");
    expect(isoWeek(new Date("2026-11-23T00:30:00+07:00"))).toBe("2026-W48");
    expect(weekDays("nonsense")).toBeNull();
  });

  it("ISO weeks in Vietnam time", () => {
    expect(isoWeek(d("2026-01-01"))).toBe("2026-W01");
    expect(isoWeek(d("2027-01-01"))).toBe("2026-W53");
    // Sunday 23:30 UTC is already Monday in Vietnam
    expect(isoWeek(new Date("2026-11-29T23:30:00Z"))).toBe("2026-W49");
  });
  it("weekly totals and top products leave out cancelled orders", () => {
    const items = (n: string, q: number, p: number) => [
      { productName: n, variantId: n, quantity: q, unitPriceVnd: p },
    ];
    const orders = [
      {
        createdAt: d("2026-11-17"),
        status: "DELIVERED",
        totalVnd: 100000,
        items: items("Chè", 2, 50000),
      },
      {
        createdAt: d("2026-11-18"),
        status: "NEW",
        totalVnd: 60000,
        items: items("Mật ong", 1, 60000),
      },
      {
        createdAt: d("2026-11-24"),
        status: "CANCELLED",
        totalVnd: 999999,
        items: items("Na", 9, 99999),
      },
    ];
    expect(weeklySales(orders)).toEqual([{ week: "2026-W47", orders: 2, revenueVnd: 160000 }]);
    expect(topProducts(orders).map((p) => p.name)).toEqual(["Chè", "Mật ong"]);
  });
});

describe("stock saved from the product form", () => {
  it("an untouched field keeps sales made while the form was open; a change moves stock by the same amount, never below zero", () => {
    expect(nextStock(8, 10, 10)).toBe(8); // 2 sold meanwhile, seller did not touch stock
    expect(nextStock(8, 15, 10)).toBe(13); // +5 bags counted in
    expect(nextStock(1, 5, 10)).toBe(0); // -5, but only 1 left: not negative
    expect(nextStock(8, undefined, 10)).toBe(8); // blank keeps it
    expect(nextStock(8, 20, undefined)).toBe(20); // no base (CSV, old form): as typed
    expect(nextStock(null, 7, undefined)).toBe(7); // a new pack size
    expect(nextStock(null, undefined, undefined)).toBe(0);
  });
});

describe("CSV cells", () => {
  it("formula-looking text is exported with an apostrophe and read back without it", async () => {
    const { guardCell, unguardCell } = await import("~/domain/csv-products");
    for (const v of ["=1+1", "+84912", "-5", "@A1", "\tx"]) {
      expect(guardCell(v)).toBe(`'${v}`);
      expect(unguardCell(guardCell(v))).toBe(v);
    }
    for (const v of ["Chè Tân Cương", "'quoted", "250.000"])
      expect(unguardCell(guardCell(v))).toBe(v);
    expect(guardCell("Chè")).toBe("Chè");
  });
});

describe("registering a household", () => {
  const ok = {
    personName: "Lê Thị Hoa",
    phone: "0978 123 456",
    communeCode: "05503",
    stallName: "Chè nhà bà Hoa",
    password: "12345678",
  };
  it("needs a name, a Vietnamese phone, a commune, a stall name and an 8+ character password", () => {
    expect(NewHouseholdSchema.safeParse(ok).success).toBe(true);
    const bad = NewHouseholdSchema.safeParse({
      ...ok,
      phone: "12345",
      password: "1234567",
      stallName: " ",
    });
    expect(bad.success).toBe(false);
    const msgs = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(msgs).toEqual({
      phone: "form.phoneInvalid",
      password: "onboard.passwordShort",
      stallName: "form.required",
    });
  });
  it("the household is 'Hộ <head of household>' unless already named so", () => {
    expect(householdName("Lê Thị Hoa")).toBe("Hộ Lê Thị Hoa");
    expect(householdName("Hộ ông Nguyễn Văn An")).toBe("Hộ ông Nguyễn Văn An");
  });
});

describe("console dictionary", () => {
  it("every Vietnamese key has an English text, and no text is empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries({ ...vi, ...en })) expect(v.trim(), k).not.toBe("");
  });
});
