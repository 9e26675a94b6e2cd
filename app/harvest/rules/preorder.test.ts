import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./allocation";
import {
  addDays,
  cutoffAt,
  daysLeft,
  daysOf,
  dayStart,
  explainDay,
  firstPossibleDay,
  inDeliveryArea,
  localDay,
  orderableDays,
  preorderRefusal,
  type CampaignTerms,
} from "./preorder";

const day = fc
  .date({
    min: new Date("2025-01-01T00:00:00Z"),
    max: new Date("2035-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map(localDay);
const instant = fc.date({
  min: new Date("2025-01-01T00:00:00Z"),
  max: new Date("2035-12-31T00:00:00Z"),
  noInvalidDate: true,
});

describe("harvest days in Asia/Ho_Chi_Minh", () => {
  it("a day's cut-off is cutoffTime on the evening before, local time", () => {
    expect(cutoffAt("2027-08-14", "20:00").toISOString()).toBe("2027-08-13T13:00:00.000Z");
    expect(localDay(new Date("2027-08-13T16:59:59Z"))).toBe("2027-08-13");
    expect(localDay(new Date("2027-08-13T17:00:00Z"))).toBe("2027-08-14");
  });
  it("days round-trip and step one at a time", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (d, n) => {
        expect(localDay(dayStart(d))).toBe(d);
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
    );
  });
  it("the first day possible is the earliest day whose cut-off is still ahead, and only such days can be named", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 14 }), instant, (from, len, now) => {
        const window = { from, to: addDays(from, len) };
        const cutoffOf = (d: string) => cutoffAt(d, "20:00");
        const open = orderableDays(window, cutoffOf, now);
        const first = firstPossibleDay(window, cutoffOf, now);
        expect(first).toBe(open[0] ?? null);
        for (const d of daysOf(window.from, window.to))
          expect(open.includes(d)).toBe(cutoffOf(d) > now);
        expect(daysLeft(window, now)).toBeLessThanOrEqual(len + 1);
      }),
    );
  });
});

describe("refusals", () => {
  const terms = (over: Partial<CampaignTerms> = {}): CampaignTerms => ({
    status: "OPEN",
    window: { from: "2027-08-14", to: "2027-08-18" },
    cutoffOf: (d) => cutoffAt(d, "20:00"),
    maxPerBuyer: 3,
    area: { communes: ["05740"] },
    paymentOptions: ["COD"],
    opensAt: null,
    ...over,
  });
  const req = {
    units: 2,
    day: null,
    fulfilment: "DELIVERY" as const,
    communeCode: "05740",
    paymentMethod: "COD",
  };
  const now = new Date("2027-08-12T03:00:00Z");
  it("accepts a pre-order within every limit, and refuses each limit broken", () => {
    expect(preorderRefusal(terms(), req, now)).toBeNull();
    expect(preorderRefusal(terms(), { ...req, units: 4 }, now)).toBe("preorder.error.overCap");
    expect(preorderRefusal(terms(), { ...req, units: 0 }, now)).toBe("preorder.error.tooFew");
    expect(preorderRefusal(terms(), { ...req, day: "2027-08-20" }, now)).toBe(
      "preorder.error.dayOutsideWindow",
    );
    expect(
      preorderRefusal(terms(), { ...req, day: "2027-08-14" }, new Date("2027-08-13T13:00:00Z")),
    ).toBe("preorder.error.afterCutoff");
    expect(preorderRefusal(terms(), { ...req, communeCode: "26743" }, now)).toBe(
      "preorder.error.outsideArea",
    );
    expect(
      preorderRefusal(terms(), { ...req, communeCode: "26743", fulfilment: "PICKUP" }, now),
    ).toBeNull();
    expect(preorderRefusal(terms({ status: "PAUSED" }), req, now)).toBe("preorder.error.paused");
    expect(preorderRefusal(terms({ status: "CLOSED" }), req, now)).toBe("preorder.error.closed");
    expect(preorderRefusal(terms({ opensAt: new Date("2027-08-13T00:00:00Z") }), req, now)).toBe(
      "preorder.error.notOpen",
    );
    expect(preorderRefusal(terms(), { ...req, paymentMethod: "CARD" }, now)).toBe(
      "preorder.error.paymentNotOffered",
    );
  });
  it("never accepts more than the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: -5, max: 50 }),
        (cap, units) => {
          const ok = preorderRefusal(terms({ maxPerBuyer: cap }), { ...req, units }, now) === null;
          expect(ok).toBe(units >= 1 && units <= cap);
        },
      ),
    );
  });
  it("a shared phone location inside the radius is in the area, outside is not", () => {
    const area = { communes: [], center: { lat: 21.7, lng: 106.0 }, radiusKm: 30 };
    expect(inDeliveryArea(area, "X", { lat: 21.75, lng: 106.05 })).toBe(true);
    expect(inDeliveryArea(area, "X", { lat: 21.0, lng: 105.8 })).toBe(false);
    expect(inDeliveryArea(area, "X", null)).toBe(false);
    expect(inDeliveryArea({ communes: [] }, "X", null)).toBe(true);
  });
});

describe("the sentence under 'allocated x of y'", () => {
  it("agrees with the allocation: enough when all are filled, else the level is the smallest award of the short tier", () => {
    const reqs = fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        units: fc.integer({ min: 1, max: 6 }),
        tier: fc.integer({ min: 0, max: 2 }),
      }),
      { selector: (r) => r.id, minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(reqs, fc.integer({ min: 0, max: 120 }), (requests, supply) => {
        const entry = allocate({ supply, seed: "s", requests });
        const lines = requests.map((r) => ({
          id: r.id,
          units: r.units,
          tier: r.tier,
          award: entry.awards[r.id],
        }));
        const why = explainDay(lines, supply);
        const demand = requests.reduce((s, r) => s + r.units, 0);
        if (supply >= demand) expect(why.kind).toBe("enough");
        else {
          expect(why.kind).toBe("shared");
          if (why.kind === "shared") {
            const short = lines.filter((l) => l.award < l.units);
            const cut = Math.min(...short.map((l) => l.tier));
            // within the short tier everyone got the level or one more (the drawn leftovers)
            for (const l of lines.filter((x) => x.tier === cut && x.award < x.units))
              expect([why.level, why.level + 1]).toContain(l.award);
          }
        }
      }),
    );
  });
});
