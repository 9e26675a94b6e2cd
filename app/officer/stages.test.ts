import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  funnel,
  hasReached,
  STAGES,
  stageOf,
  stuckReasons,
  visitDue,
  type Progress,
} from "./stages";

const progress = fc.record<Progress>({
  trained: fc.boolean(),
  stallOpened: fc.boolean(),
  firstProduct: fc.boolean(),
  paymentAccount: fc.boolean(),
  firstOrder: fc.boolean(),
  verified: fc.boolean(),
});
const none: Progress = {
  trained: false,
  stallOpened: false,
  firstProduct: false,
  paymentAccount: false,
  firstOrder: false,
  verified: false,
};
const DAY = 86_400_000;
const now = new Date("2026-12-03T03:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe("onboarding stages", () => {
  it("a household stands at the last rung with every rung below it reached", () => {
    expect(stageOf(none)).toBe("REGISTERED");
    expect(stageOf({ ...none, trained: true, stallOpened: true })).toBe("STALL_OPENED");
    // selling without training: the training is still owed
    expect(stageOf({ ...none, stallOpened: true, firstProduct: true, firstOrder: true })).toBe(
      "REGISTERED",
    );
    expect(
      stageOf({
        trained: true,
        stallOpened: true,
        firstProduct: true,
        paymentAccount: true,
        firstOrder: true,
        verified: true,
      }),
    ).toBe("VERIFIED");
  });

  it("property: the stage and every rung below it are reached; the next one is not", () => {
    fc.assert(
      fc.property(progress, (p) => {
        const i = STAGES.indexOf(stageOf(p));
        for (const s of STAGES.slice(0, i + 1)) expect(hasReached(p, s)).toBe(true);
        if (i + 1 < STAGES.length) expect(hasReached(p, STAGES[i + 1])).toBe(false);
      }),
    );
  });

  it("property: the funnel counts everyone as registered, never more at a stage than registered, and agrees with a count by hand", () => {
    fc.assert(
      fc.property(fc.array(progress, { maxLength: 60 }), (all) => {
        const f = funnel(all);
        expect(f.REGISTERED).toBe(all.length);
        for (const s of STAGES) expect(f[s]).toBeLessThanOrEqual(all.length);
        expect(f.TRAINED).toBe(all.filter((p) => p.trained).length);
        expect(f.VERIFIED).toBe(all.filter((p) => p.verified).length);
      }),
    );
  });

  it("stuck: a stall with no product after 14 days, a certificate expiring within 30 days", () => {
    const base = { stallOpenedAt: null, firstProduct: false, certExpiresAt: null };
    expect(stuckReasons(base, now)).toEqual([]);
    expect(stuckReasons({ ...base, stallOpenedAt: ago(13) }, now)).toEqual([]);
    expect(stuckReasons({ ...base, stallOpenedAt: ago(14) }, now)).toEqual(["STALL_NO_PRODUCT"]);
    expect(stuckReasons({ ...base, stallOpenedAt: ago(40), firstProduct: true }, now)).toEqual([]);
    expect(stuckReasons({ ...base, certExpiresAt: ago(-30) }, now)).toEqual(["CERT_EXPIRING"]);
    expect(stuckReasons({ ...base, certExpiresAt: ago(-31) }, now)).toEqual([]);
    expect(stuckReasons({ ...base, certExpiresAt: ago(1) }, now)).toEqual([]); // expired: another list
  });

  it("a visit is due 90 days after the last visit or training, or the registration", () => {
    expect(visitDue({ registeredAt: ago(100), lastContactAt: null }, now)).toBe(true);
    expect(visitDue({ registeredAt: ago(100), lastContactAt: ago(10) }, now)).toBe(false);
    expect(visitDue({ registeredAt: ago(20), lastContactAt: null }, now)).toBe(false);
    expect(visitDue({ registeredAt: ago(400), lastContactAt: ago(90) }, now)).toBe(true);
  });
});
