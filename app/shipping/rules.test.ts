import fc from "fast-check";
import { describe, expect, it } from "vitest";
import units from "~/places/data/vn-units.json";
import neighbours from "./data/neighbours.json";
import {
  DEFAULT_RATES,
  estimateDays,
  FRESH_REACHES,
  perishableAllowed,
  quoteStall,
  ZONES,
  zoneFee,
  zoneOf,
  type ShippingRates,
} from "./rules";

const THAI_NGUYEN = "19";
const HA_NOI = "01";
const CA_MAU = "96";
const codes = units.provinces.map((p) => p.code);
const province = fc.constantFrom(...codes);
const rates: fc.Arbitrary<ShippingRates> = fc.record({
  sameVnd: fc.integer({ min: 0, max: 500_000 }),
  nearVnd: fc.integer({ min: 0, max: 500_000 }),
  farVnd: fc.integer({ min: 0, max: 500_000 }),
  extraKgVnd: fc.integer({ min: 0, max: 100_000 }),
  sameDays: fc.integer({ min: 1, max: 15 }),
  nearDays: fc.integer({ min: 1, max: 15 }),
  farDays: fc.integer({ min: 1, max: 15 }),
  freshReach: fc.constantFrom(...FRESH_REACHES),
});

describe("zones", () => {
  it("Thái Nguyên: itself, Hà Nội next door, Cà Mau far", () => {
    expect(zoneOf(THAI_NGUYEN, THAI_NGUYEN)).toBe("SAME");
    expect(zoneOf(THAI_NGUYEN, HA_NOI)).toBe("NEAR");
    expect(zoneOf(THAI_NGUYEN, CA_MAU)).toBe("FAR");
    expect(zoneOf(THAI_NGUYEN, "04")).toBe("NEAR"); // Cao Bằng (Bắc Kạn's old neighbour)
  });
  it("the neighbour table names only provinces in force, and every province has a neighbour", () => {
    const pairs = neighbours.pairs as [string, string][];
    for (const [a, b] of pairs) {
      expect(codes).toContain(a);
      expect(codes).toContain(b);
      expect(a).not.toBe(b);
    }
    for (const c of codes) expect(pairs.some((p) => p.includes(c))).toBe(true);
  });
  it("is symmetric, and SAME only for the same province", () => {
    fc.assert(
      fc.property(province, province, (a, b) => {
        expect(zoneOf(a, b)).toBe(zoneOf(b, a));
        expect(zoneOf(a, b) === "SAME").toBe(a === b);
      }),
    );
  });
});

describe("fee by weight", () => {
  it("first kilogram at the zone's price, each further started kilogram extra", () => {
    expect(zoneFee(DEFAULT_RATES, "SAME", 0)).toBe(30_000);
    expect(zoneFee(DEFAULT_RATES, "SAME", 1000)).toBe(30_000);
    expect(zoneFee(DEFAULT_RATES, "SAME", 1001)).toBe(35_000);
    expect(zoneFee(DEFAULT_RATES, "FAR", 2500)).toBe(45_000 + 2 * 5_000);
  });
  it("never falls as the parcel gets heavier, and whole đồng", () => {
    fc.assert(
      fc.property(
        rates,
        fc.constantFrom(...ZONES),
        fc.nat(50_000),
        fc.nat(50_000),
        (r, z, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(zoneFee(r, z, lo)).toBeLessThanOrEqual(zoneFee(r, z, hi));
          expect(Number.isSafeInteger(zoneFee(r, z, hi))).toBe(true);
        },
      ),
    );
  });
});

describe("perishable goods and the estimate", () => {
  it("by default only within the stall's province; no same-day to Hà Nội by a carrier", () => {
    expect(perishableAllowed("SAME", "SAME")).toBe(true);
    expect(perishableAllowed("NEAR", "SAME")).toBe(false);
    expect(perishableAllowed("NEAR", "NEAR")).toBe(true);
    expect(perishableAllowed("FAR", "NEAR")).toBe(false);
    expect(perishableAllowed("SAME", "NONE")).toBe(false);
    const toHaNoi = quoteStall(DEFAULT_RATES, THAI_NGUYEN, HA_NOI, [
      { weightGrams: 5000, quantity: 1, perishable: true },
      { weightGrams: 200, quantity: 2, perishable: false },
    ]);
    expect(toHaNoi.refused).toEqual([0]);
    expect(toHaNoi.days).toBeGreaterThan(0);
  });
  it("a far province is never reached fresh, whatever the stall set", () => {
    fc.assert(
      fc.property(rates, (r) => {
        const q = quoteStall(r, THAI_NGUYEN, CA_MAU, [
          { weightGrams: 1000, quantity: 1, perishable: true },
        ]);
        expect(q.refused).toEqual([0]);
        expect(q.days).toBe(r.farDays);
      }),
    );
  });
  it("same-day (0 days) only where fresh delivery is allowed; else the zone's days", () => {
    fc.assert(
      fc.property(rates, fc.constantFrom(...ZONES), fc.boolean(), (r, z, perishable) => {
        const days = estimateDays(r, z, perishable);
        if (days === 0) expect(perishable && perishableAllowed(z, r.freshReach)).toBe(true);
        else expect(days).toBe({ SAME: r.sameDays, NEAR: r.nearDays, FAR: r.farDays }[z]);
      }),
    );
  });
  it("a quote weighs every line (unknown weights at 500 g a unit)", () => {
    const q = quoteStall(DEFAULT_RATES, THAI_NGUYEN, CA_MAU, [
      { weightGrams: null, quantity: 3, perishable: false },
      { weightGrams: 200, quantity: 1, perishable: false },
    ]);
    expect(q).toEqual({ zone: "FAR", grams: 1700, feeVnd: 50_000, days: 5, refused: [] });
  });
});
