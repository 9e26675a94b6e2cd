// After a failed or cancelled card payment the buyer switches the checkout to
// cash on delivery or VietQR: the held stock becomes the orders (stock
// unchanged), the Stripe session is expired, one audit row; a second tap
// changes nothing; a paid checkout is refused. Stripe is the project's test double.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const stripeLocal = await vi.hoisted(async () =>
  (await import("../../tests/helpers/stripe-server")).startStripeServer("switch_test"),
);

const { forwardWebhooks } = await import("../../tests/helpers/stripe-server");
const { startCheckout } = await import("~/checkout/checkout.server");
const { createCardSession } = await import("./card.server");
const { switchCardCheckout } = await import("./switch.server");
const { stripe } = await import("./stripe.server");
const { action, loader } = await import("~/routes/checkout.$id");
const { prisma } = await import("~/utils/db.server");
const { addressFields, makeProduct } = await import("../../tests/helpers/buyer");
const { client, post, settle, get } = await import("../../tests/helpers/http");
const { uid } = await import("../../tests/helpers/seller");
const { payingStall } = await import("../../tests/helpers/pay-stall");

const tag = uid("switch");
let hook: Awaited<ReturnType<typeof forwardWebhooks>>;
const BUYER = "0912000001"; // the demo buyer

beforeAll(async () => {
  hook = await forwardWebhooks(stripeLocal);
  await payingStall(tag);
  await makeProduct(`stall-${tag}`, tag, { priceVnd: 80000, stock: 20 });
});
afterAll(() => Promise.all([stripeLocal.close(), hook.close()]));

async function cardCheckout(buyerId: string) {
  const cart = await prisma.cart.create({
    data: { items: { create: [{ variantId: `var-${tag}`, quantity: 2 }] } },
  });
  const { idempotencyKey, paymentMethod, ...address } = addressFields("CARD");
  const { checkoutId } = await startCheckout({
    cartId: cart.id,
    buyerId,
    idempotencyKey: idempotencyKey ?? randomUUID(),
    paymentMethod,
    address,
  });
  await createCardSession(checkoutId, "http://localhost:3000");
  const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId } });
  return { checkoutId, sessionId: payment.providerRef! };
}

const stock = async () =>
  (await prisma.variant.findUniqueOrThrow({ where: { id: `var-${tag}` } })).stock;

describe("switching a failed card payment", () => {
  it("to cash on delivery: places the held stock, expires the session, writes one audit row; a second tap changes nothing", async () => {
    const buyer = await client(BUYER);
    const { checkoutId, sessionId } = await cardCheckout(buyer.userId!);
    const held = await stock();
    // the buyer cancelled on Stripe's page and came back: the page offers the switch
    const page = (await loader({
      request: get(buyer, `/checkout/${checkoutId}?cancelled=1`),
      params: { id: checkoutId },
      context: {},
    })) as {
      checkout: { cardTried: boolean };
    };
    expect(page.checkout.cardTried).toBe(true);
    const res = (await settle(() =>
      action({
        request: post(buyer, `/checkout/${checkoutId}`, { intent: "switch", method: "COD" }),
        params: { id: checkoutId },
        context: {},
      }),
    )) as Response;
    expect(res.headers.get("Location")).toBe(`/checkout/${checkoutId}?switched=COD`);
    const checkout = await prisma.checkout.findUniqueOrThrow({
      where: { id: checkoutId },
      include: { orders: { include: { items: true } }, payments: true, reservations: true },
    });
    expect(checkout).toMatchObject({ status: "PLACED", paymentMethod: "COD" });
    expect(checkout.orders).toHaveLength(1);
    expect(checkout.orders[0]).toMatchObject({ status: "NEW", paymentStatus: "UNPAID" });
    expect(checkout.orders[0].items[0].quantity).toBe(2);
    expect(checkout.reservations.every((r) => r.status === "CONSUMED")).toBe(true);
    expect(await stock()).toBe(held); // the held units became the order: none back, none taken again
    expect((await stripe().checkout.sessions.retrieve(sessionId)).status).toBe("expired");
    expect(checkout.payments.map((p) => [p.provider, p.status]).sort()).toEqual([
      ["COD", "PENDING"],
      ["STRIPE", "FAILED"],
    ]);

    const again = await switchCardCheckout(checkoutId, "COD", buyer.userId);
    expect(again).toEqual({ ok: true, already: true, orders: [checkout.orders[0].number] });
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(1);
    expect(
      await prisma.auditLog.count({
        where: { entity: "Checkout", entityId: checkoutId, action: "checkout.payment_method" },
      }),
    ).toBe(1);
    // placed as COD, it is no longer a card checkout to switch
    expect(await switchCardCheckout(checkoutId, "VIETQR", buyer.userId)).toEqual({
      ok: false,
      reason: "notPending",
    });
  });

  it("to VietQR: the orders wait for a transfer", async () => {
    const buyer = await client(BUYER);
    const { checkoutId } = await cardCheckout(buyer.userId!);
    const res = await switchCardCheckout(checkoutId, "VIETQR", buyer.userId);
    expect(res.ok).toBe(true);
    const order = await prisma.order.findFirstOrThrow({ where: { checkoutId } });
    expect(order.paymentStatus).toBe("UNPAID");
    expect(
      await prisma.payment.findFirstOrThrow({ where: { checkoutId, provider: "VIETQR" } }),
    ).toMatchObject({ status: "PENDING", providerRef: `VQR-${checkoutId}` });
  });

  it("is refused once the card paid, and leaves the paid orders alone", async () => {
    const buyer = await client(BUYER);
    const { checkoutId, sessionId } = await cardCheckout(buyer.userId!);
    await stripeLocal.completeSession(sessionId);
    await vi.waitFor(
      async () =>
        expect(
          (await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status,
        ).toBe("PAID"),
      { timeout: 10_000 },
    );
    expect(await switchCardCheckout(checkoutId, "COD", buyer.userId)).toEqual({
      ok: false,
      reason: "paid",
    });
    const orders = await prisma.order.findMany({ where: { checkoutId } });
    expect(orders.map((o) => o.paymentStatus)).toEqual(["PAID"]);
    expect(
      (await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).paymentMethod,
    ).toBe("CARD");
  });

  it("someone else cannot switch the buyer's checkout", async () => {
    const buyer = await client(BUYER);
    const { checkoutId } = await cardCheckout(buyer.userId!);
    const stranger = await client();
    const res = await settle(() =>
      action({
        request: post(stranger, `/checkout/${checkoutId}`, { intent: "switch", method: "COD" }),
        params: { id: checkoutId },
        context: {},
      }),
    );
    expect((res as Response).status).toBe(404);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PENDING",
    );
  });
});
