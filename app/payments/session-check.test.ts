import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sessionMismatches, type ExpectedPayment, type StripeSessionFacts } from "./session-check";

const expected: ExpectedPayment = {
  sessionId: "cs_test_1",
  checkoutId: "co_1",
  amountVnd: 270000,
  currency: "vnd",
};
const paid: StripeSessionFacts = {
  id: "cs_test_1",
  status: "complete",
  payment_status: "paid",
  amount_total: 270000,
  currency: "vnd",
  client_reference_id: "co_1",
  metadata: { checkoutId: "co_1" },
};

describe("a completed session is accepted only when Stripe reports exactly our payment", () => {
  it("paid, complete, our amount, currency and checkout: accepted (currency case does not matter)", () => {
    expect(sessionMismatches(paid, expected)).toEqual([]);
    expect(sessionMismatches({ ...paid, currency: "VND" }, expected)).toEqual([]);
    expect(sessionMismatches({ ...paid, client_reference_id: null }, expected)).toEqual([]); // metadata names it
  });

  it("any other amount is refused, whatever else is right", () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -1e12, max: 1e12 }), { nil: null }), (amount) => {
        fc.pre(amount !== expected.amountVnd);
        expect(sessionMismatches({ ...paid, amount_total: amount }, expected)).toEqual(["amount"]);
      }),
    );
  });

  it("each wrong field is named", () => {
    expect(
      sessionMismatches({ ...paid, status: "open", payment_status: "unpaid" }, expected),
    ).toEqual(["status", "unpaid"]);
    expect(sessionMismatches({ ...paid, payment_status: "no_payment_required" }, expected)).toEqual(
      ["unpaid"],
    );
    expect(sessionMismatches({ ...paid, currency: "usd" }, expected)).toEqual(["currency"]);
    expect(sessionMismatches({ ...paid, currency: null }, expected)).toEqual(["currency"]);
    expect(sessionMismatches({ ...paid, client_reference_id: "co_2" }, expected)).toEqual([
      "checkout",
    ]);
    expect(
      sessionMismatches({ ...paid, client_reference_id: null, metadata: null }, expected),
    ).toEqual(["checkout"]);
    expect(sessionMismatches({ ...paid, id: "cs_test_2" }, expected)).toEqual(["session"]);
  });
});
