// The rule for switching a failed card payment to COD or VietQR.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paymentSwitch } from "~/domain/order-status";

const statuses = ["PENDING", "PLACED", "PAID", "EXPIRED", "CANCELLED"];
const methods = ["CARD", "COD", "VIETQR"];
const paymentStates = ["PENDING", "FAILED", "SUCCEEDED", "REFUNDED"];

describe("paymentSwitch", () => {
  it("a pending card checkout with only failed or open attempts may switch", () => {
    expect(
      paymentSwitch({ status: "PENDING", paymentMethod: "CARD" }, "COD", [
        { provider: "STRIPE", status: "FAILED" },
        { provider: "STRIPE", status: "PENDING" },
      ]),
    ).toEqual({ ok: true, already: false });
  });

  it("never once any payment went through, whatever the checkout says", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.constantFrom(...methods),
        fc.constantFrom<"COD" | "VIETQR">("COD", "VIETQR"),
        fc.array(fc.constantFrom(...paymentStates), { maxLength: 4 }),
        (status, paymentMethod, to, states) => {
          const payments = states.map((s) => ({ provider: "STRIPE", status: s }));
          const r = paymentSwitch({ status, paymentMethod }, to, payments);
          if (states.includes("SUCCEEDED") || states.includes("REFUNDED"))
            expect(r).toEqual({ ok: false, reason: "paid" });
          // only a pending card checkout switches; a placed one with the same method is "done"
          if (r.ok && !r.already) expect([status, paymentMethod]).toEqual(["PENDING", "CARD"]);
          if (r.ok && r.already) expect([status, paymentMethod]).toEqual(["PLACED", to]);
        },
      ),
    );
  });

  it("an expired hold is said so; another method already placed is refused", () => {
    expect(paymentSwitch({ status: "EXPIRED", paymentMethod: "CARD" }, "COD", [])).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(paymentSwitch({ status: "PLACED", paymentMethod: "COD" }, "VIETQR", [])).toEqual({
      ok: false,
      reason: "notPending",
    });
  });
});
