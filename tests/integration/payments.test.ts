import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The Stripe-compatible server runs for real, and the SDK is aimed at it
// through STRIPE_API_HOST/PORT before the app's env is parsed.
const stripeLocal = await vi.hoisted(async () => {
  const { startStripeLocal } = await import("../../scripts/stripe-local/server");
  const s = await startStripeLocal({ port: 0, webhookSecret: "whsec_test_payments" });
  Object.assign(process.env, {
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(s.port),
    STRIPE_API_PROTOCOL: "http",
    STRIPE_WEBHOOK_SECRET: "whsec_test_payments",
    STRIPE_SECRET_KEY: "sk_test_payments",
  });
  return s;
});

const { startCheckout } = await import("~/checkout/checkout.server");
const { createCardSession } = await import("~/payments/card.server");
const { refundOrderPayment } = await import("~/payments/refund.server");
const { stripe } = await import("~/payments/stripe.server");
const { action: webhook } = await import("~/routes/webhooks.stripe");
const { prisma } = await import("~/utils/db.server");
const { addressFields, makeProduct, makeStall } = await import("../helpers/buyer");

const T = `pay${Date.now().toString(36)}`;
let hook: http.Server;
// what the app answered to each checkout.session.* delivery; a refund's refund.created event
// (ignored by the app) arrives while the session's own delivery is still being answered, and
// on PostgreSQL often finishes first, so it is not recorded
let deliveries: { status: number; outcome: string }[] = [];

beforeAll(async () => {
  // forwards the Stripe server's webhook POSTs to the Remix action, like server.ts would
  hook = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      let r: Response;
      try {
        r = await webhook({
          request: new Request("http://localhost/webhooks/stripe", {
            method: "POST",
            headers: req.headers as Record<string, string>,
            body: Buffer.concat(chunks),
          }),
          params: {},
          context: {},
        });
      } catch (e) {
        r = Response.json({ outcome: `error: ${(e as Error).message}` }, { status: 500 }); // what Remix answers for a thrown error
      }
      const body = (await r.json()) as { outcome?: string };
      const type = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { type?: string }).type;
      if (type?.startsWith("checkout.session."))
        deliveries.push({ status: r.status, outcome: body.outcome ?? "" });
      res.writeHead(r.status).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  stripeLocal.setWebhookUrl(
    `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe`,
  );
  await makeStall(`${T}-a`);
  await makeStall(`${T}-b`);
  await makeProduct(`stall-${T}-a`, `${T}-a`, { priceVnd: 120000, stock: 10 });
  await makeProduct(`stall-${T}-b`, `${T}-b`, { priceVnd: 90000, stock: 10 });
});
afterAll(async () => {
  await stripeLocal.close();
  hook.close();
});

async function cardCheckout(qty = 1) {
  const cart = await prisma.cart.create({
    data: {
      items: {
        create: [
          { variantId: `var-${T}-a`, quantity: qty },
          { variantId: `var-${T}-b`, quantity: 1 },
        ],
      },
    },
  });
  const { checkoutId } = await startCheckout({
    cartId: cart.id,
    buyerId: "u-buyer",
    idempotencyKey: randomUUID(),
    paymentMethod: "CARD",
    address: { ...addressFields("CARD"), phone: "+84987654321" },
  });
  const url = await createCardSession(checkoutId, "http://localhost:3000");
  const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId } });
  return { checkoutId, url, sessionId: payment.providerRef! };
}

/** The webhook action called with `payload` signed as Stripe signs it. */
function signedDelivery(payload: string) {
  const header = stripe().webhooks.generateTestHeaderString({
    payload,
    secret: "whsec_test_payments",
  });
  return webhook({
    request: new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: { "Stripe-Signature": header },
      body: payload,
    }),
    params: {},
    context: {},
  });
}

describe("card payments through the Stripe-compatible server", () => {
  it("creates a Checkout Session with the SDK (VND zero-decimal, one line per stall, idempotent)", async () => {
    const { checkoutId, url, sessionId } = await cardCheckout();
    expect(url).toBe(`${stripeLocal.url}/pay/${sessionId}`);
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    expect(session.amount_total).toBe(120000 + 30000 + 90000 + 30000);
    expect(session.currency).toBe("vnd");
    expect(session.metadata?.checkoutId).toBe(checkoutId);
    // the same idempotency key returns the same session
    const again = await stripe().checkout.sessions.create(
      {
        mode: "payment",
        success_url: "http://x/ok",
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "vnd", unit_amount: 1000, product_data: { name: "x" } },
          },
        ],
      },
      { idempotencyKey: `k-${T}` },
    );
    const twice = await stripe().checkout.sessions.create(
      {
        mode: "payment",
        success_url: "http://x/ok",
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "vnd", unit_amount: 1000, product_data: { name: "x" } },
          },
        ],
      },
      { idempotencyKey: `k-${T}` },
    );
    expect(twice.id).toBe(again.id);
    await expect(
      stripe().checkout.sessions.create(
        { mode: "payment", success_url: "http://x/ok", line_items: [] },
        { idempotencyKey: `k-${T}` },
      ),
    ).rejects.toThrow(/same parameters/);
  });

  it("pays exactly once: the signed webhook places paid orders; a re-delivery changes nothing", async () => {
    const { checkoutId, sessionId } = await cardCheckout();
    deliveries = [];
    // what the hosted page's Pay button does
    const res = await fetch(`${stripeLocal.url}/pay/${sessionId}/complete`, {
      method: "POST",
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://localhost:3000/checkout/${checkoutId}?paid=1`);
    expect(deliveries).toEqual([{ status: 200, outcome: "processed" }]);
    const c = await prisma.checkout.findUniqueOrThrow({
      where: { id: checkoutId },
      include: { orders: true, payments: true },
    });
    expect(c.status).toBe("PAID");
    expect(c.orders).toHaveLength(2);
    expect(c.orders.every((o) => o.paymentStatus === "PAID")).toBe(true);
    expect(c.payments[0]).toMatchObject({ status: "SUCCEEDED", provider: "STRIPE" });
    expect(c.payments[0].paymentIntent).toMatch(/^pi_/);

    // duplicate delivery of the same event, and a replay in parallel
    const eventId = stripeLocal
      .events()
      .find((e) => (e.data as { object: { id: string } }).object.id === sessionId)!.id as string;
    await Promise.all([stripeLocal.resend(eventId), stripeLocal.resend(eventId)]);
    expect(
      deliveries
        .slice(1)
        .map((d) => d.outcome)
        .sort(),
    ).toEqual(["duplicate", "duplicate"]);
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(2);
    expect(await prisma.webhookEvent.count({ where: { id: eventId } })).toBe(1);
  });

  it("an event's first two deliveries at once (two app instances) apply it once", async () => {
    const { checkoutId, sessionId } = await cardCheckout();
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe`;
    stripeLocal.setWebhookUrl(""); // paid, but not delivered yet
    try {
      await stripeLocal.completeSession(sessionId);
    } finally {
      stripeLocal.setWebhookUrl(url);
    }
    const event = stripeLocal
      .events()
      .find(
        (e) =>
          e.type === "checkout.session.completed" &&
          (e.data as { object: { id: string } }).object.id === sessionId,
      )!;
    const payload = JSON.stringify(event);
    const deliver = async () =>
      ((await (await signedDelivery(payload)).json()) as { outcome: string }).outcome;
    expect((await Promise.all([deliver(), deliver(), deliver()])).sort()).toEqual([
      "duplicate",
      "duplicate",
      "processed",
    ]);
    const c = await prisma.checkout.findUniqueOrThrow({
      where: { id: checkoutId },
      include: { orders: true, payments: true },
    });
    expect(c.status).toBe("PAID");
    expect(c.orders).toHaveLength(2);
    expect(c.payments.map((p) => p.status)).toEqual(["SUCCEEDED"]);
    expect(await prisma.webhookEvent.count({ where: { id: event.id as string } })).toBe(1);
  });

  it("rejects forged or unsigned webhooks", async () => {
    const body = JSON.stringify({
      id: "evt_forged",
      type: "checkout.session.completed",
      data: { object: {} },
    });
    const forged = await webhook({
      request: new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        headers: { "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
        body,
      }),
      params: {},
      context: {},
    });
    expect(forged.status).toBe(400);
    const unsigned = await webhook({
      request: new Request("http://localhost/webhooks/stripe", { method: "POST", body }),
      params: {},
      context: {},
    });
    expect(unsigned.status).toBe(400);
    expect(await prisma.webhookEvent.count({ where: { id: "evt_forged" } })).toBe(0);
    // oversized bodies are refused before anything is buffered or verified, with or without Content-Length
    const big = "x".repeat(2 * 1024 * 1024);
    const declared = await webhook({
      request: new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        headers: { "Content-Length": String(big.length) },
        body: big,
      }),
      params: {},
      context: {},
    });
    expect(declared.status).toBe(413);
    const streamed = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode("y".repeat(64 * 1024)));
        c.close();
      },
    });
    const chunked = await webhook({
      request: new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        body: streamed,
        duplex: "half",
      } as RequestInit),
      params: {},
      context: {},
    });
    expect(chunked.status).toBe(413);
  });

  it("an out-of-order expired event after payment changes nothing", async () => {
    const { checkoutId, sessionId } = await cardCheckout();
    await stripeLocal.completeSession(sessionId);
    const payload = JSON.stringify({
      id: `evt_late_${T}`,
      object: "event",
      type: "checkout.session.expired",
      data: { object: { id: sessionId, object: "checkout.session", payment_status: "unpaid" } },
    });
    const res = await signedDelivery(payload);
    expect(res.status).toBe(200);
    expect((await prisma.payment.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "SUCCEEDED",
    );
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "PAID",
    );
  });

  it("refunds a paid order through Stripe, once", async () => {
    const { checkoutId, sessionId } = await cardCheckout();
    await stripeLocal.completeSession(sessionId);
    const order = await prisma.order.findFirstOrThrow({
      where: { checkoutId },
      orderBy: { number: "asc" },
    });
    const first = await refundOrderPayment(order.id, "u-admin");
    expect(first).toMatchObject({ kind: "refunded", amountVnd: order.totalVnd });
    const second = await refundOrderPayment(order.id, "u-admin");
    expect(second).toEqual(first);
    const refunds = await prisma.refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0].providerRef).toMatch(/^re_/);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe(
      "REFUNDED",
    );
    expect((await prisma.payment.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "PARTIALLY_REFUNDED",
    );
    const refundEvents = stripeLocal
      .events()
      .filter(
        (e) =>
          e.type === "refund.created" &&
          (e.data as { object: { id: string } }).object.id === refunds[0].providerRef,
      );
    expect(refundEvents).toHaveLength(1);
  });

  it("a card payment that lands after the reservation expired and the stock sold out is refunded automatically", async () => {
    const tag = `${T}-late`;
    await makeProduct(`stall-${T}-a`, tag, { stock: 1 });
    const cart = await prisma.cart.create({
      data: { items: { create: { variantId: `var-${tag}`, quantity: 1 } } },
    });
    const { checkoutId } = await startCheckout({
      cartId: cart.id,
      buyerId: null,
      idempotencyKey: randomUUID(),
      paymentMethod: "CARD",
      address: { ...addressFields("CARD"), phone: "+84987654321" },
    });
    await createCardSession(checkoutId, "http://localhost:3000");
    const { expireCheckouts } = await import("~/checkout/checkout.server");
    await expireCheckouts(new Date(Date.now() + 2 * 3600_000));
    // someone else buys the last unit
    await prisma.variant.update({ where: { id: `var-${tag}` }, data: { stock: 0 } });
    const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId } });
    deliveries = [];
    await stripeLocal.completeSession(payment.providerRef!);
    expect(deliveries[0].outcome).toBe("refunded");
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "CANCELLED",
    );
    expect((await prisma.payment.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "REFUNDED",
    );
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(0);
  });
});

describe("buyer side of card payments", () => {
  it("a buyer cancelling a card-paid order before shipping gets the money back through Stripe, stock back", async () => {
    const { client, post, settle } = await import("../helpers/http");
    const { action: orderAction } = await import("~/routes/orders.$number");
    const { checkoutId, sessionId } = await cardCheckout();
    await stripeLocal.completeSession(sessionId);
    const order = await prisma.order.findFirstOrThrow({
      where: { checkoutId, stallId: `stall-${T}-a` },
      include: { items: true },
    });
    expect(order.paymentStatus).toBe("PAID");
    const stock = (await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a` } })).stock;
    const buyer = await client("0912000001");
    const res = (await settle(() =>
      orderAction({
        context: {},
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, {
          intent: "cancel",
          reason: "CHANGED_MIND",
        }),
      }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "REFUNDED",
      paymentStatus: "REFUNDED",
    });
    const refunds = await prisma.refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toMatchObject([{ status: "SUCCEEDED", amountVnd: order.totalVnd }]);
    expect(refunds[0].providerRef).toMatch(/^re_/);
    expect(
      stripeLocal
        .events()
        .filter(
          (e) =>
            e.type === "refund.created" &&
            (e.data as { object: { id: string } }).object.id === refunds[0].providerRef,
        ),
    ).toHaveLength(1);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a` } })).stock).toBe(
      stock + 1,
    );
    // the other stall's order of the same payment is untouched
    expect(
      (await prisma.order.findFirstOrThrow({ where: { checkoutId, stallId: `stall-${T}-b` } }))
        .status,
    ).toBe("NEW");
  });

  it("abandoning the card page gives the units back at once; a payment that still lands later is refunded", async () => {
    const { client, post, settle } = await import("../helpers/http");
    const { action: checkoutAction } = await import("~/routes/checkout.$id");
    const before = (await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a` } })).stock;
    const { checkoutId, sessionId } = await cardCheckout(2);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a` } })).stock).toBe(
      before - 2,
    );
    const buyer = await client("0912000001");
    const res = (await settle(() =>
      checkoutAction({
        context: {},
        params: { id: checkoutId },
        request: post(buyer, `/checkout/${checkoutId}`, { intent: "abandon" }),
      }),
    )) as Response;
    expect(res.status).toBe(302);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "CANCELLED",
    );
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a` } })).stock).toBe(
      before,
    );
    expect(await prisma.stockReservation.count({ where: { checkoutId, status: "HELD" } })).toBe(0);
    // someone else's browser cannot abandon (or see) it
    const stranger = await client();
    const other = (await settle(() =>
      checkoutAction({
        context: {},
        params: { id: checkoutId },
        request: post(stranger, `/checkout/${checkoutId}`, { intent: "abandon" }),
      }),
    )) as Response;
    expect(other.status).toBe(404);
    // the buyer had the card page open in another tab and paid anyway
    deliveries = [];
    await stripeLocal.completeSession(sessionId);
    expect(deliveries[0].outcome).toBe("refunded");
    expect((await prisma.payment.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "REFUNDED",
    );
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(0);
  });

  it("an automatic refund that fails (Stripe unreachable) is retried when Stripe delivers the event again", async () => {
    const Stripe = (await import("stripe")).default;
    const { releaseCheckout } = await import("~/checkout/checkout.server");
    const g = globalThis as unknown as { __stripe?: InstanceType<typeof Stripe> };
    const { checkoutId, sessionId } = await cardCheckout();
    await releaseCheckout(checkoutId, "CANCELLED"); // abandoned, then paid in another tab
    const working = g.__stripe!;
    const realRefunds = working.refunds;
    // Stripe answers the session lookup (the webhook checks the session with the API first)
    // but the refund call goes to a port nobody listens on
    working.refunds = new Stripe("sk_test_payments", {
      host: "127.0.0.1",
      port: 9,
      protocol: "http",
      maxNetworkRetries: 0,
      timeout: 500,
    }).refunds;
    deliveries = [];
    try {
      await stripeLocal.completeSession(sessionId); // 3 delivery attempts, every one answered 500
    } finally {
      working.refunds = realRefunds;
    }
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 500)).toBe(true);
    expect((await prisma.payment.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "SUCCEEDED",
    ); // money still held
    // Stripe retries later, with Stripe reachable again
    const event = stripeLocal
      .events()
      .find(
        (e) =>
          e.type === "checkout.session.completed" &&
          (e.data as { object: { id: string } }).object.id === sessionId,
      )!;
    deliveries = [];
    await stripeLocal.resend(event.id as string);
    expect(deliveries[0]).toEqual({ status: 200, outcome: "refunded" });
    const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId } });
    expect(payment.status).toBe("REFUNDED");
    const refunds = stripeLocal
      .events()
      .filter(
        (e) =>
          e.type === "refund.created" &&
          (e.data as { object: { payment_intent: string } }).object.payment_intent ===
            payment.paymentIntent,
      );
    expect(refunds).toHaveLength(1);
    // and once more: nothing left to do
    deliveries = [];
    await stripeLocal.resend(event.id as string);
    expect(deliveries[0]).toEqual({ status: 200, outcome: "duplicate" });
    expect(await prisma.order.count({ where: { checkoutId } })).toBe(0);
  });

  it("a buyer's cancel still goes through when Stripe is unreachable: the refund stays pending for the stall and the buyer is told", async () => {
    const Stripe = (await import("stripe")).default;
    const { client, post, settle } = await import("../helpers/http");
    const { action: orderAction } = await import("~/routes/orders.$number");
    const g = globalThis as unknown as { __stripe?: InstanceType<typeof Stripe> };
    const { checkoutId, sessionId } = await cardCheckout();
    await stripeLocal.completeSession(sessionId);
    const order = await prisma.order.findFirstOrThrow({
      where: { checkoutId, stallId: `stall-${T}-a` },
    });
    const buyer = await client("0912000001");
    const working = g.__stripe;
    g.__stripe = new Stripe("sk_test_payments", {
      host: "127.0.0.1",
      port: 9,
      protocol: "http",
      maxNetworkRetries: 0,
      timeout: 500,
    });
    let res: Response;
    try {
      res = (await settle(() =>
        orderAction({
          context: {},
          params: { number: order.number },
          request: post(buyer, `/orders/${order.number}`, {
            intent: "cancel",
            reason: "CHANGED_MIND",
          }),
        }),
      )) as Response;
    } finally {
      g.__stripe = working;
    }
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/orders/${order.number}?cancelled=1&refund=pending`);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "PAID",
    });
    expect(await prisma.refund.findMany({ where: { orderId: order.id } })).toMatchObject([
      { status: "PENDING" },
    ]);
    // the stall's console retries it later (CANCELLED -> REFUNDED), through the same Refund row
    const again = await refundOrderPayment(order.id, "u-admin");
    expect(again.kind).toBe("refunded");
    expect(await prisma.refund.findMany({ where: { orderId: order.id } })).toMatchObject([
      { status: "SUCCEEDED" },
    ]);
  });

  it("the stall changing a price while the buyer is on the card page does not change what the order costs", async () => {
    const { checkoutId, sessionId } = await cardCheckout();
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    await prisma.variant.update({ where: { id: `var-${T}-a` }, data: { priceVnd: 150000 } });
    try {
      await stripeLocal.completeSession(sessionId);
      const orders = await prisma.order.findMany({
        where: { checkoutId },
        include: { items: true },
      });
      expect(
        orders.flatMap((o) => o.items).find((i) => i.variantId === `var-${T}-a`)?.unitPriceVnd,
      ).toBe(120000);
      expect(orders.reduce((n, o) => n + o.totalVnd, 0)).toBe(session.amount_total);
      expect(
        (await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).totalVnd,
      ).toBe(session.amount_total);
    } finally {
      await prisma.variant.update({ where: { id: `var-${T}-a` }, data: { priceVnd: 120000 } });
    }
  });
});
