import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compensationVnd,
  lateness,
  promiseHours,
  returnDue,
  splitCompensation,
  viaOf,
} from "./compensation";

const promise = { freshNearHours: 4, freshFarHours: 6, freshFarKm: 100 };
const picked = new Date("2028-08-14T05:00:00+07:00");
const hours = (h: number) => new Date(picked.getTime() + h * 3600_000);

describe("the freshness promise", () => {
  it("is 4 h under 100 km and 6 h from 100 km on", () => {
    expect(promiseHours(promise, 0)).toBe(4);
    expect(promiseHours(promise, 99.9)).toBe(4);
    expect(promiseHours(promise, 100)).toBe(6);
    expect(promiseHours(promise, 250)).toBe(6);
  });

  it("is broken only strictly after picking + the promise", () => {
    expect(lateness({ pickedAt: picked, deliveredAt: hours(4), roadKm: 30 }, promise).late).toBe(
      false,
    );
    expect(
      lateness(
        { pickedAt: picked, deliveredAt: new Date(hours(4).getTime() + 1), roadKm: 30 },
        promise,
      ).late,
    ).toBe(true);
    expect(lateness({ pickedAt: picked, deliveredAt: hours(5), roadKm: 120 }, promise).late).toBe(
      false,
    );
    expect(
      lateness({ pickedAt: picked, deliveredAt: hours(6.5), roadKm: 120 }, promise),
    ).toMatchObject({ late: true, limitHours: 6, hoursTaken: 6.5 });
    // a report dated before its picking (a wrong phone clock) is not late
    expect(
      lateness({ pickedAt: picked, deliveredAt: hours(-1), roadKm: 1 }, promise),
    ).toMatchObject({
      late: false,
      hoursTaken: 0,
    });
  });

  it("late ⇔ the delivery is after the deadline, and a later delivery is never less late", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.integer({ min: -3_600_000, max: 48 * 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        (near, far, farKm, km, after, more) => {
          const p = { freshNearHours: near, freshFarHours: far, freshFarKm: farKm };
          const a = lateness(
            { pickedAt: picked, deliveredAt: new Date(picked.getTime() + after), roadKm: km },
            p,
          );
          const b = lateness(
            {
              pickedAt: picked,
              deliveredAt: new Date(picked.getTime() + after + more),
              roadKm: km,
            },
            p,
          );
          expect(a.late).toBe(after > (km < farKm ? near : far) * 3_600_000);
          expect(a.late && !b.late).toBe(false);
        },
      ),
    );
  });
});

describe("the compensation", () => {
  it("is the campaign's percentage of the delivered value, rounded up to whole đồng", () => {
    expect(compensationVnd(3, 250_000, 20)).toBe(150_000);
    expect(compensationVnd(1, 99_999, 15)).toBe(15_000); // 14,999.85 -> 15,000
    expect(compensationVnd(0, 250_000, 20)).toBe(0);
    expect(compensationVnd(2, 250_000, 0)).toBe(0);
    expect(compensationVnd(2, 250_000, 150)).toBe(500_000); // never more than the value
  });

  it("is never less than the percentage, never a đồng more than rounding, and grows with the units", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (units, price, pct) => {
          const c = compensationVnd(units, price, pct);
          const exact = (units * price * pct) / 100;
          expect(Number.isInteger(c)).toBe(true);
          expect(c).toBeGreaterThanOrEqual(exact);
          expect(c - exact).toBeLessThan(1);
          expect(c).toBeLessThanOrEqual(units * price);
          expect(compensationVnd(units + 1, price, pct)).toBeGreaterThanOrEqual(c);
        },
      ),
    );
  });

  it("is refunded up to what was paid and not yet given back, the rest credited", () => {
    expect(splitCompensation(150_000, 750_000)).toEqual({ refundVnd: 150_000, creditVnd: 0 });
    expect(splitCompensation(150_000, 100_000)).toEqual({ refundVnd: 100_000, creditVnd: 50_000 });
    expect(splitCompensation(150_000, 0)).toEqual({ refundVnd: 0, creditVnd: 150_000 });
    expect(viaOf({ refundVnd: 1, creditVnd: 5 })).toBe("REFUND");
    expect(viaOf({ refundVnd: 0, creditVnd: 5 })).toBe("CREDIT");
    expect(viaOf({ refundVnd: 0, creditVnd: 0 })).toBe("NONE");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: -5, max: 10_000_000 }),
        (a, r) => {
          const s = splitCompensation(a, r);
          expect(s.refundVnd + s.creditVnd).toBe(a);
          expect(s.refundVnd).toBeLessThanOrEqual(Math.max(0, r));
          expect(Math.min(s.refundVnd, s.creditVnd)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("giving back what was paid up front", () => {
  it("returns what the kept units do not need, minus what went back already, never below zero", () => {
    expect(returnDue({ paidVnd: 750_000, keptUpfrontVnd: 0, returnedVnd: 0 })).toBe(750_000);
    expect(returnDue({ paidVnd: 750_000, keptUpfrontVnd: 500_000, returnedVnd: 0 })).toBe(250_000);
    expect(returnDue({ paidVnd: 750_000, keptUpfrontVnd: 0, returnedVnd: 250_000 })).toBe(500_000);
    expect(returnDue({ paidVnd: 750_000, keptUpfrontVnd: 600_000, returnedVnd: 250_000 })).toBe(0);
  });

  it("adds up to exactly what was paid over any sequence of shrinking kept amounts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { maxLength: 6 }),
        (paid, kept) => {
          const steps = [...kept.map((k) => Math.min(k, paid)).sort((a, b) => b - a), 0];
          let returned = 0;
          for (const k of steps)
            returned += returnDue({ paidVnd: paid, keptUpfrontVnd: k, returnedVnd: returned });
          expect(returned).toBe(paid);
        },
      ),
    );
  });
});
