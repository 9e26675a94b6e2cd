// Webhooks trust Stripe's API, not the event body (decision 0038): against the
// real Stripe-compatible server and the real database. Every event here is
// correctly signed, as if the signing secret had leaked: the signature alone
// must never make anything paid.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";

const stripeLocal = await vi.hoisted(async () =>
  (await import("../../tests/helpers/stripe-server")).startStripeServer("webhook_trust"),
);
const secret = stripeLocal.secret;

const { startCheckout } = await import("~/checkout/checkout.server");
const { createCardSession } = await import("~/payments/card.server");
const { stripe } = await import("~/payments/stripe.server");
const { action: webhook } = await import("~/routes/webhooks.stripe");
const { forwardWebhooks } = await import("../../tests/helpers/stripe-server");
const { prisma } = await import("~/utils/db.server");
const { addressFields, makeProduct, makeStall } = await import("../../tests/helpers/buyer");

const T = `wht${Date.now().toString(36)}`;
await makeStall(T);
await makeProduct(`stall-${T}`, T, { priceVnd: 150000, stock: 50 });
const hook = await forwardWebhooks(stripeLocal);
afterAll(async () => {
  await stripeLocal.close();
  await hook.close();
});

async function cardCheckout() {
  const cart = await prisma.cart.create({
    data: { items: { create: [{ variantId: `var-${T}`, quantity: 1 }] } },
  });
  const { checkoutId } = await startCheckout({
    cartId: cart.id,
    buyerId: null,
    idempotencyKey: randomUUID(),
    paymentMethod: "CARD",
    address: { ...addressFields("CARD"), phone: "+84987654321" },
  });
  await createCardSession(checkoutId, "http://localhost:3000");
  const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId } });
  return { checkoutId, payment, sessionId: payment.providerRef! };
}

async function deliver(object: Record<string, unknown>, type = "checkout.session.completed") {
  const payload = JSON.stringify({
    id: `evt_${randomBytes(8).toString("hex")}`,
    object: "event",
    type,
    data: { object },
  });
  const header = stripe().webhooks.generateTestHeaderString({ payload, secret });
  const res = await webhook({
    request: new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: { "Stripe-Signature": header },
      body: payload,
    }),
    params: {},
    context: {},
  });
  return { status: res.status, outcome: ((await res.json()) as { outcome: string }).outcome };
}

const alertsFor = async (sessionId: string) =>
  (await prisma.auditLog.findMany({ where: { action: "payment.alert", entityId: sessionId } })).map(
    (a) => JSON.parse(a.data) as { alert: boolean; reasons: string[] },
  );

describe("a signed completed-session event is checked against Stripe's API", () => {
  it("a forged 'paid, amount 1' body for an unpaid session is refused, recorded as an alert, and the order stays unpaid", async () => {
    const { checkoutId, sessionId } = await cardCheckout();
    const r = await deliver({
      id: sessionId,
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 1,
      currency: "vnd",
      client_reference_id: checkoutId,
      metadata: { checkoutId },
    });
    expect(r).toEqual({ status: 200, outcome: "mismatch" });
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PENDING",
    );
    expect((await prisma.payment.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "PENDING",
    );
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(0);
    const [alert] = await alertsFor(sessionId);
    expect(alert.alert).toBe(true);
    expect(alert.reasons).toEqual(expect.arrayContaining(["status", "unpaid"]));

    // the real payment afterwards still goes through
    await stripeLocal.completeSession(sessionId);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PAID",
    );
  });

  it("a session Stripe reports paid but for another amount than the checkout's is never marked paid", async () => {
    const { checkoutId, payment, sessionId } = await cardCheckout();
    // our side expects more than the session collects (e.g. a session made for an older total)
    await prisma.payment.update({
      where: { id: payment.id },
      data: { amountVnd: payment.amountVnd + 1000 },
    });
    await stripeLocal.completeSession(sessionId); // delivers the genuine, signed event
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PENDING",
    );
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "PENDING",
    );
    expect((await alertsFor(sessionId))[0].reasons).toEqual(["amount"]);
  });

  it("a paid session in another currency, or for another checkout, is an alert, not a payment", async () => {
    const { checkoutId, payment } = await cardCheckout();
    // a session the attacker paid themselves: 1 USD cent, naming our checkout
    const usd = await stripe().checkout.sessions.create({
      mode: "payment",
      success_url: "http://x/ok",
      client_reference_id: checkoutId,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: payment.amountVnd,
            product_data: { name: "x" },
          },
        },
      ],
    });
    await prisma.payment.create({
      data: {
        checkoutId,
        provider: "STRIPE",
        amountVnd: payment.amountVnd,
        providerRef: usd.id,
        idempotencyKey: `k-${usd.id}`,
      },
    });
    const other = await cardCheckout();
    // and a real session of another checkout, re-pointed at ours
    await prisma.payment.update({ where: { id: other.payment.id }, data: { checkoutId } });
    await stripeLocal.completeSession(usd.id);
    await stripeLocal.completeSession(other.sessionId);
    expect((await alertsFor(usd.id))[0].reasons).toEqual(["currency"]);
    expect((await alertsFor(other.sessionId))[0].reasons).toEqual(["checkout"]);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PENDING",
    );
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(0);
  });

  it("an event naming a session Stripe has never heard of is an alert; an expired event for an open session changes nothing", async () => {
    const ghost = `cs_test_${randomBytes(12).toString("hex")}`;
    expect(
      await deliver({
        id: ghost,
        object: "checkout.session",
        status: "complete",
        payment_status: "paid",
        amount_total: 1,
        currency: "vnd",
      }),
    ).toEqual({ status: 200, outcome: "mismatch" });
    expect((await alertsFor(ghost))[0].reasons).toEqual(["session"]);

    const { payment, sessionId } = await cardCheckout();
    expect(
      await deliver(
        { id: sessionId, object: "checkout.session", status: "expired", payment_status: "unpaid" },
        "checkout.session.expired",
      ),
    ).toEqual({ status: 200, outcome: "ignored" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "PENDING",
    );
  });
});
