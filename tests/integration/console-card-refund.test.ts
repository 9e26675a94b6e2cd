import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A seller cancelling a card-paid order refunds it through Stripe (the
// project's Stripe-compatible server, aimed at through the official SDK).
const stripeLocal = await vi.hoisted(async () =>
  (await import("../helpers/stripe-server")).startStripeServer("console"),
);

const { startCheckout } = await import("~/checkout/checkout.server");
const { createCardSession } = await import("~/payments/card.server");
const { forwardWebhooks } = await import("../helpers/stripe-server");
const { action: orderAction } = await import("~/routes/console.orders.$orderId");
const { prisma } = await import("~/utils/db.server");
const { addressFields, makeProduct, makeStall } = await import("../helpers/buyer");
const { client, post, settle } = await import("../helpers/http");

const T = `ccr${Date.now().toString(36)}`;
let hook: Awaited<ReturnType<typeof forwardWebhooks>>;

beforeAll(async () => {
  hook = await forwardWebhooks(stripeLocal);
  await makeStall(`${T}`, { householdId: "hh-010" });
  await makeProduct(`stall-${T}`, `${T}`, { priceVnd: 150000, stock: 10 });
});
afterAll(async () => {
  await stripeLocal.close();
  await hook.close();
});

describe("card-paid orders in the seller console", () => {
  it("cancelling a card-paid order refunds it through Stripe and ends REFUNDED; stock goes back", async () => {
    const cart = await prisma.cart.create({
      data: { items: { create: [{ variantId: `var-${T}`, quantity: 2 }] } },
    });
    const { checkoutId } = await startCheckout({
      cartId: cart.id,
      buyerId: "u-buyer",
      idempotencyKey: randomUUID(),
      paymentMethod: "CARD",
      address: { ...addressFields("CARD"), phone: "+84987654321" },
    });
    await createCardSession(checkoutId, "http://localhost:3000");
    const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId } });
    await stripeLocal.completeSession(payment.providerRef!);
    const order = await prisma.order.findFirstOrThrow({ where: { checkoutId } });
    expect(order.paymentStatus).toBe("PAID");
    const stock = (await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}` } })).stock;

    // the seller cannot "confirm" a card payment by hand
    const seller = await client("0913000010"); // hh-010 owns the stall
    const confirm = await settle(() =>
      orderAction({
        request: post(seller, "/x", { _action: "confirmPayment" }),
        params: { orderId: order.id },
        context: {},
      }),
    );
    expect((confirm as { data: { error: string } }).data.error).toBe("order.noPayment");

    const res = await settle(() =>
      orderAction({
        request: post(seller, "/x", { _action: "move", to: "CANCELLED" }),
        params: { orderId: order.id },
        context: {},
      }),
    );
    expect((res as Response).status).toBe(302);
    const after = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { refunds: true },
    });
    expect(after).toMatchObject({ status: "REFUNDED", paymentStatus: "REFUNDED" });
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]).toMatchObject({ status: "SUCCEEDED", amountVnd: order.totalVnd });
    expect(after.refunds[0].providerRef).toMatch(/^re_/);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}` } })).stock).toBe(
      stock + 2,
    );
  });
});
