// The stop report rules, property-tested: a done stop stays done, a weighing is accepted
// exactly within 0..the boxes confirmed, a delivery is never "picked", finishing implies
// arriving; the buyer's minutes; a household's pay; the navigation links.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyReport,
  DONE,
  FAIL_REASONS,
  householdPayVnd,
  isShortPick,
  navigationLinks,
  reportRefusal,
  roundMinutes,
  type Report,
} from "./rules";

const kind = fc.constantFrom("PICKUP", "DELIVERY", "DROP");
const status = fc.constantFrom("PENDING", "ARRIVED", "PICKED", "DELIVERED", "FAILED");
const report: fc.Arbitrary<Report> = fc.oneof(
  fc.constant({ kind: "ARRIVED" as const }),
  fc.integer({ min: -5, max: 60 }).map((w) => ({ kind: "PICKED" as const, weighedUnits: w })),
  fc.constant({ kind: "DELIVERED" as const }),
  fc.constantFrom(...FAIL_REASONS).map((reason) => ({ kind: "FAILED" as const, reason })),
);

describe("stop reports", () => {
  it("a done stop refuses every report; an open one refuses only what does not fit", () => {
    fc.assert(
      fc.property(kind, status, fc.integer({ min: 0, max: 50 }), report, (k, st, units, r) => {
        const refusal = reportRefusal({ kind: k, status: st, units }, r);
        if (DONE.includes(st)) return refusal?.error === "delivery.error.alreadyDone";
        if (r.kind === "PICKED") {
          if (k !== "PICKUP") return refusal?.error === "delivery.error.wrongKind";
          const fits = r.weighedUnits >= 0 && r.weighedUnits <= units;
          return fits ? refusal === null : refusal?.error === "delivery.error.weighed";
        }
        if (r.kind === "DELIVERED" && k === "PICKUP")
          return refusal?.error === "delivery.error.wrongKind";
        return refusal === null;
      }),
    );
  });

  it("finishing a stop implies arriving, and keeps an earlier arrival", () => {
    fc.assert(
      fc.property(
        report,
        fc.option(fc.date({ noInvalidDate: true })),
        fc.date({ noInvalidDate: true }),
        (r, arrived, at) => {
          const next = applyReport({ status: "PENDING", arrivedAt: arrived }, r, at);
          expect(next.arrivedAt).toEqual(arrived ?? at);
          expect(next.doneAt).toEqual(r.kind === "ARRIVED" ? null : at);
          expect(next.status).toBe(r.kind);
        },
      ),
    );
  });

  it("a short pick is a weighing below what was confirmed, nothing else", () => {
    fc.assert(
      fc.property(
        report,
        fc.integer({ min: 0, max: 50 }),
        (r, confirmed) =>
          isShortPick(r, confirmed) === (r.kind === "PICKED" && r.weighedUnits < confirmed),
      ),
    );
  });
});

describe("what people read", () => {
  it("'about N minutes' is whole 5 minutes, at least 5, within 2.5 minutes of the estimate", () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 600, noNaN: true }), (m) => {
        const n = roundMinutes(m);
        expect(n % 5).toBe(0);
        expect(n).toBeGreaterThanOrEqual(5);
        if (m >= 5) expect(Math.abs(n - m)).toBeLessThanOrEqual(2.5);
      }),
    );
  });

  it("a household is paid every weighed box at the campaign's price, more boxes never less", () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(500),
        fc.integer({ min: 1, max: 2_000_000 }),
        (a, b, price) => {
          expect(householdPayVnd(a, price)).toBe(a * price);
          if (a <= b)
            expect(householdPayVnd(a, price)).toBeLessThanOrEqual(householdPayVnd(b, price));
        },
      ),
    );
  });

  it("navigation links carry the coordinates; none without them", () => {
    expect(navigationLinks(21.7352, 105.9301)).toEqual({
      geo: "geo:21.735200,105.930100",
      google: "https://www.google.com/maps/dir/?api=1&destination=21.735200,105.930100",
    });
    expect(navigationLinks(null, 105.9)).toBeNull();
    expect(navigationLinks(Number.NaN, 105.9)).toBeNull();
  });
});
