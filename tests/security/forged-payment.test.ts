// Hole 1: a card payment can be forged. A buyer sees their Checkout Session id
// in the redirect to the card page; signing a "completed, paid, amount 1" event
// for it must never turn the unpaid order into a paid one.
import { createHmac } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { Outsider, stack } from "./support/outsider";
import { addToCart, checkout } from "./support/shop";

function sign(payload: string, secret: string) {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex")}`;
}

async function unpaidCardCheckout() {
  const buyer = new Outsider();
  await buyer.loginAs("BUYER");
  await addToCart(buyer);
  const res = await checkout(buyer, "CARD");
  expect(res.status).toBe(302);
  const sessionId = /\/pay\/(cs_[A-Za-z0-9_]+)/.exec(res.headers.get("location") ?? "")?.[1];
  expect(sessionId).toBeTruthy();
  const payment = await prisma.payment.findUniqueOrThrow({ where: { providerRef: sessionId } });
  return { buyer, sessionId: sessionId!, checkoutId: payment.checkoutId };
}

function forgedEvent(sessionId: string, checkoutId: string) {
  return JSON.stringify({
    id: `evt_forged_${Date.now()}`,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        id: sessionId,
        object: "checkout.session",
        status: "complete",
        payment_status: "paid",
        amount_total: 1,
        currency: "vnd",
        client_reference_id: checkoutId,
        metadata: { checkoutId },
        payment_intent: "pi_forged",
      },
    },
  });
}

const postWebhook = (o: Outsider, payload: string, signature: string) =>
  o.fetch("/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });

describe("forged card payment", () => {
  it("no signing secret ships with the code: an event signed with the old repository constant is refused", async () => {
    const { buyer, sessionId, checkoutId } = await unpaidCardCheckout();
    const payload = forgedEvent(sessionId, checkoutId);
    const res = await postWebhook(buyer, payload, sign(payload, "whsec_xutra_local"));
    expect(res.status).toBe(400);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PENDING",
    );
  });

  it("even signed with the install's own secret (as if it leaked), the event is checked with Stripe: the order stays unpaid and an alert is in the audit log", async () => {
    const { buyer, sessionId, checkoutId } = await unpaidCardCheckout();
    const secrets = JSON.parse(
      await fs.readFile(path.join(stack().DATA_DIR, "secrets.json"), "utf8"),
    ) as { stripeWebhookSecret?: string };
    expect(secrets.stripeWebhookSecret).toMatch(/^whsec_.{32,}/);
    const payload = forgedEvent(sessionId, checkoutId);
    const res = await postWebhook(buyer, payload, sign(payload, secrets.stripeWebhookSecret!));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { outcome: string }).outcome).toBe("mismatch");
    const c = await prisma.checkout.findUniqueOrThrow({
      where: { id: checkoutId },
      include: { orders: true, payments: true },
    });
    expect(c.status).toBe("PENDING");
    expect(c.orders).toHaveLength(0);
    expect(c.payments.map((p) => p.status)).toEqual(["PENDING"]);
    const alerts = await prisma.auditLog.findMany({
      where: { action: "payment.alert", entityId: sessionId },
    });
    expect(alerts).toHaveLength(1);
    // the buyer's own checkout page does not say paid
    const { html } = await buyer.page(`/checkout/${checkoutId}`);
    expect(html).not.toContain("Thanh toán thành công");
  });
});
