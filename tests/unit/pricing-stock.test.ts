import { describe, expect, it } from "vitest";
import { clampQuantity, orderNumber, shippingFee, splitByStall } from "~/domain/pricing";
import { lockOrder, mergeLines, reservationExpiry } from "~/domain/stock";

describe("pricing", () => {
  it("splits a cart into one order per stall with each stall's shipping", () => {
    const { stalls, totalVnd } = splitByStall(
      [
        { stallId: "a", unitPriceVnd: 100000, quantity: 2 },
        { stallId: "b", unitPriceVnd: 300000, quantity: 2 },
        { stallId: "a", unitPriceVnd: 50000, quantity: 1 },
      ],
      {
        a: { shippingFeeVnd: 30000, freeShippingFromVnd: null },
        b: { shippingFeeVnd: 25000, freeShippingFromVnd: 500000 },
      },
    );
    expect(stalls.map((s) => [s.stallId, s.subtotalVnd, s.shippingVnd, s.totalVnd])).toEqual([
      ["a", 250000, 30000, 280000],
      ["b", 600000, 0, 600000],
    ]);
    expect(totalVnd).toBe(880000);
  });
  it("free shipping starts exactly at the threshold", () => {
    expect(shippingFee(499999, { shippingFeeVnd: 25000, freeShippingFromVnd: 500000 })).toBe(25000);
    expect(shippingFee(500000, { shippingFeeVnd: 25000, freeShippingFromVnd: 500000 })).toBe(0);
  });
  it("refuses fractional money and zero quantities", () => {
    expect(() => splitByStall([{ stallId: "a", unitPriceVnd: 1.5, quantity: 1 }], {})).toThrow();
    expect(() => splitByStall([{ stallId: "a", unitPriceVnd: 1, quantity: 0 }], {})).toThrow();
  });
  it("order numbers read XT-YYMM-NNNNN", () => {
    expect(orderNumber(new Date(Date.UTC(2026, 10, 24)), 42)).toBe("XT-2611-00042");
  });
  it("clamps cart quantities to stock", () => {
    expect(clampQuantity(5, 3)).toBe(3);
    expect(clampQuantity(500, 1000)).toBe(99);
    expect(clampQuantity(2, 0)).toBe(0);
  });
});

describe("stock", () => {
  it("merges repeated variants and locks in a stable order", () => {
    expect(
      mergeLines([
        { variantId: "b", quantity: 1 },
        { variantId: "a", quantity: 2 },
        { variantId: "b", quantity: 3 },
      ]),
    ).toEqual([
      { variantId: "b", quantity: 4 },
      { variantId: "a", quantity: 2 },
    ]);
    expect(lockOrder([{ variantId: "b" }, { variantId: "a" }]).map((l) => l.variantId)).toEqual([
      "a",
      "b",
    ]);
    expect(reservationExpiry(new Date(0), 15).getTime()).toBe(15 * 60_000);
  });
});
