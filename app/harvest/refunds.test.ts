// Money back on harvest pre-orders moves for real (decision 0050): card deposits go
// back through Stripe (the project's Stripe-compatible server, official SDK), bank
// transfers become payouts the cooperative confirms; once per reason, crash-safe,
// partial refunds adding up to what was paid. Real SQLite, real routes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const stripeLocal = await vi.hoisted(async () =>
  (await import("../../tests/helpers/stripe-server")).startStripeServer("harvest_refunds"),
);

const { forwardWebhooks } = await import("../../tests/helpers/stripe-server");
const { publishAllocation } = await import("./allocation.server");
const { changeCampaignStatus } = await import("./campaigns.server");
const { refundPreOrders, settleOutstandingRefunds } = await import("./refunds.server");
const { openRefund, settleRefund } = await import("~/payments/refund.server");
const { stripe } = await import("~/payments/stripe.server");
const { action: preorderAction, loader: preorderLoader } = await import("~/routes/preorders.$id");
const refundsRoute = await import("~/routes/console.campaigns.$campaignId.refunds");
const { resetClock, setClock } = await import("~/utils/clock.server");
const { prisma } = await import("~/utils/db.server");
const { makeProduct, makeStall } = await import("../../tests/helpers/buyer");
const { paidPreorder, stripeRefundsOf } = await import("../../tests/helpers/paid-preorder");
const { client, get, post, settle } = await import("../../tests/helpers/http");

const T = `hr${Date.now().toString(36)}`;
const ctx = { context: {}, params: {} };
const at = (iso: string) => new Date(`${iso}+07:00`);
const SELLER_PHONE = "0913000012"; // hh-012's account owns the test stall
let hook: Awaited<ReturnType<typeof forwardWebhooks>>;
let stallId = "";
let productId = "";

beforeAll(async () => {
  hook = await forwardWebhooks(stripeLocal);
  setClock(at("2028-08-10T09:00:00"));
  const stall = await makeStall(T, { householdId: "hh-012" });
  stallId = stall.id;
  productId = (await makeProduct(stall.id, T, { name: "Na La Hiên hoàn tiền" })).id;
});
afterAll(async () => {
  resetClock();
  await stripeLocal.close();
  await hook.close();
});

async function campaign(tag: string) {
  return prisma.harvestCampaign.create({
    data: {
      slug: `na-${T}-${tag}`,
      title: `Na La Hiên ${tag}`,
      stallId,
      productId,
      priceVnd: 250000,
      unitLabel: "Thùng 5 kg",
      expectedUnits: 100,
      maxPerBuyer: 5,
      preorderOpensAt: at("2028-08-01T08:00:00"),
      preorderClosesAt: at("2028-08-17T20:00:00"),
      firstDay: "2028-08-14",
      lastDay: "2028-08-18",
      harvestFrom: at("2028-08-14T00:00:00"),
      harvestTo: at("2028-08-18T00:00:00"),
      status: "OPEN",
      payCod: true,
      payCard: true,
      vietqrMode: "FULL",
      freshNearHours: 4,
      freshFarHours: 6,
      freshFarKm: 100,
      compensationPct: 20,
    },
  });
}

type Method = "CARD" | "VIETQR_FULL";

/** A pre-order of `units` boxes for 14/8, paid in full (card through Stripe, or by transfer). */
async function preorder(campaignId: string, method: Method, units: number) {
  const p = await paidPreorder(stripeLocal, { campaignId, method, units, dueVnd: units * 250000 });
  expect((await prisma.preOrder.findUniqueOrThrow({ where: { id: p.id } })).paymentStatus).toBe(
    "PAID",
  );
  return { ...p, userPhone: p.phone };
}

async function paymentOf(preOrderId: string) {
  const p = await prisma.preOrder.findUniqueOrThrow({ where: { id: preOrderId } });
  return prisma.payment.findFirstOrThrow({
    where: { checkoutId: p.checkoutId!, status: { not: "FAILED" } },
  });
}

const stripeRefunds = (preOrderId: string) => stripeRefundsOf(stripeLocal, preOrderId);

const smsTo = (phone: string, template: string) =>
  prisma.outbox.count({
    where: { topic: "notify.sms", key: phone, payload: { contains: `"template":"${template}"` } },
  });

describe("a buyer cancelling a paid pre-order before the cut-off", () => {
  it("gets the card payment back through Stripe, once, and sees it on the pre-order page", async () => {
    const c = await campaign("cancel");
    const p = await preorder(c.id, "CARD", 2);
    const me = await client(p.userPhone);
    const res = (await settle(() =>
      preorderAction({
        ...ctx,
        params: { id: p.id },
        request: post(me, `/preorders/${p.id}`, { intent: "cancel" }),
      }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(await prisma.preOrder.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "REFUNDED",
    });
    const refunds = await prisma.refund.findMany({ where: { preOrderId: p.id } });
    expect(refunds).toMatchObject([
      { status: "SUCCEEDED", amountVnd: 500000, reason: "PREORDER_CANCELLED", orderId: null },
    ]);
    expect(refunds[0].providerRef).toMatch(/^re_/);
    expect(await stripeRefunds(p.id)).toMatchObject([
      { id: refunds[0].providerRef, amount: 500000 },
    ]);
    expect((await paymentOf(p.id)).status).toBe("REFUNDED");
    expect(
      await prisma.auditLog.count({ where: { entityId: p.id, action: "payment.refund" } }),
    ).toBe(1);
    expect(await smsTo(p.phone, "refund.done")).toBe(1);

    // asked again, and three times at once: still one refund
    await Promise.all([1, 2, 3].map(() => refundPreOrders([p.id], null)));
    expect(await prisma.refund.count({ where: { preOrderId: p.id } })).toBe(1);
    expect(await stripeRefunds(p.id)).toHaveLength(1);

    const view = (await preorderLoader({
      ...ctx,
      params: { id: p.id },
      request: get(me, `/preorders/${p.id}`),
    })) as Awaited<ReturnType<typeof preorderLoader>>;
    expect(view.money.refunds).toMatchObject([
      { amountVnd: 500000, status: "SUCCEEDED", card: true, reason: "PREORDER_CANCELLED" },
    ]);
  });

  it("two cancels racing open one refund row and ask Stripe once", async () => {
    const c = await campaign("race");
    const p = await preorder(c.id, "CARD", 3);
    await prisma.preOrder.update({
      where: { id: p.id },
      data: { status: "CANCELLED", queueDay: null },
    });
    const results = await Promise.all([1, 2, 3, 4].map(() => refundPreOrders([p.id], null)));
    expect(results.reduce((s, r) => s + r.failed, 0)).toBe(0);
    expect(await prisma.refund.findMany({ where: { preOrderId: p.id } })).toMatchObject([
      { status: "SUCCEEDED", amountVnd: 750000 },
    ]);
    expect(await stripeRefunds(p.id)).toHaveLength(1);
    expect(await smsTo(p.phone, "refund.done")).toBe(1);
  });
});

describe("a day shared short", () => {
  it("refunds what each buyer paid for the boxes released: card through Stripe, transfer as a payout", async () => {
    const c = await campaign("short");
    const card = await preorder(c.id, "CARD", 3); // 750,000 paid
    const bank = await preorder(c.id, "VIETQR_FULL", 2); // 500,000 paid
    await prisma.pick.create({
      data: {
        campaignId: c.id,
        householdId: "hh-012",
        day: "2028-08-14",
        units: 2,
        readyAt: at("2028-08-14T05:00:00"),
      },
    });
    const out = await publishAllocation(c.id, "2028-08-14", null, at("2028-08-13T20:30:00"));
    expect(out.ok).toBe(true);
    // two boxes for two buyers: one each, the rest released (no carry-over)
    for (const id of [card.id, bank.id])
      expect(await prisma.preOrder.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "ALLOCATED",
        allocatedUnits: 1,
        paymentStatus: "PAID",
      });
    expect(await prisma.refund.findMany({ where: { preOrderId: card.id } })).toMatchObject([
      { status: "SUCCEEDED", amountVnd: 500000, reason: "PREORDER_RELEASED" },
    ]);
    expect(await stripeRefunds(card.id)).toMatchObject([{ amount: 500000 }]);
    expect((await paymentOf(card.id)).status).toBe("PARTIALLY_REFUNDED");
    // the transfer is the cooperative's to pay back: PENDING with the buyer's details, the stall told
    const payout = await prisma.refund.findFirstOrThrow({ where: { preOrderId: bank.id } });
    expect(payout).toMatchObject({
      status: "PENDING",
      amountVnd: 250000,
      payeePhone: bank.phone,
      reason: "PREORDER_RELEASED",
    });
    expect(await smsTo("+84913999001", "refund.payout")).toBeGreaterThanOrEqual(1);

    // then the campaign is cancelled: the box each kept is refunded too, adding up to what was paid
    const seller = await client(SELLER_PHONE);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: seller.userId! } });
    const actor: Parameters<typeof changeCampaignStatus>[0] = {
      id: user.id,
      role: "HOUSEHOLD",
      householdId: "hh-012",
      cooperativeId: null,
      name: user.name,
      phone: user.phone,
      locale: "vi",
    };
    const cancelled = await changeCampaignStatus(actor, c.id, "cancel", { cancelReason: "mưa đá" });
    expect(cancelled).toMatchObject({ ok: true, refundsFailed: 0 });
    const cardRefunds = await prisma.refund.findMany({
      where: { preOrderId: card.id },
      orderBy: { createdAt: "asc" },
    });
    expect(cardRefunds.map((r) => [r.amountVnd, r.status, r.reason])).toEqual([
      [500000, "SUCCEEDED", "PREORDER_RELEASED"],
      [250000, "SUCCEEDED", "CAMPAIGN_CANCELLED"],
    ]);
    expect((await stripeRefunds(card.id)).map((r) => r.amount).sort()).toEqual([250000, 500000]);
    expect((await paymentOf(card.id)).status).toBe("REFUNDED");
    expect(
      (await prisma.preOrder.findUniqueOrThrow({ where: { id: card.id } })).paymentStatus,
    ).toBe("REFUNDED");

    // the seller's task page lists both transfers; confirming one records it once
    const page = (await refundsRoute.loader({
      ...ctx,
      params: { campaignId: c.id },
      request: get(seller, `/console/campaigns/${c.id}/refunds`),
    })) as Awaited<ReturnType<typeof refundsRoute.loader>>;
    expect(page.tasks.payouts.map((r) => r.amountVnd).sort()).toEqual([250000, 250000]);
    const [first, second] = page.tasks.payouts;
    // a reference too short is refused and kept
    const bad = (await settle(() =>
      refundsRoute.action({
        ...ctx,
        params: { campaignId: c.id },
        request: post(seller, `/console/campaigns/${c.id}/refunds`, {
          intent: "payout",
          refundId: first.id,
          reference: "x",
        }),
      }),
    )) as unknown as { data: { error: string; typed: string }; init: { status: number } };
    expect(bad.data).toMatchObject({ error: "refund.error.reference", typed: "x" });
    // a forged post (no CSRF token) confirms nothing
    const forged = (await settle(() =>
      refundsRoute.action({
        ...ctx,
        params: { campaignId: c.id },
        request: post(
          seller,
          `/console/campaigns/${c.id}/refunds`,
          { intent: "payout", refundId: first.id, reference: "FT-forged" },
          { csrf: false },
        ),
      }),
    )) as unknown as { init: { status: number } };
    expect(forged.init.status).toBe(403);
    expect((await prisma.refund.findUniqueOrThrow({ where: { id: first.id } })).status).toBe(
      "PENDING",
    );
    for (const r of [first, first, second]) {
      const ok = (await settle(() =>
        refundsRoute.action({
          ...ctx,
          params: { campaignId: c.id },
          request: post(seller, `/console/campaigns/${c.id}/refunds`, {
            intent: "payout",
            refundId: r.id,
            reference: `FT2608${r.id.slice(-6)}`,
          }),
        }),
      )) as Response;
      expect(ok.status).toBe(302);
    }
    const bankRefunds = await prisma.refund.findMany({ where: { preOrderId: bank.id } });
    expect(bankRefunds.every((r) => r.status === "SUCCEEDED" && r.note.startsWith("FT2608"))).toBe(
      true,
    );
    expect(
      await prisma.auditLog.count({
        where: { entityId: bank.id, action: "payment.refund.manual" },
      }),
    ).toBe(2);
    expect(
      (await prisma.preOrder.findUniqueOrThrow({ where: { id: bank.id } })).paymentStatus,
    ).toBe("REFUNDED");
    expect(await smsTo(bank.phone, "refund.done")).toBe(2);

    // another seller cannot see or confirm them
    const stranger = await client("0912000003"); // a cooperative manager of another stall
    const refused = (await settle(() =>
      refundsRoute.loader({
        ...ctx,
        params: { campaignId: c.id },
        request: get(stranger, `/console/campaigns/${c.id}/refunds`),
      }),
    )) as Response;
    expect(refused.status).toBe(403);
  });
});

describe("a crash between the refund row and Stripe's answer", () => {
  it("leaves a PENDING row the harvest job settles with the same Stripe refund", async () => {
    const c = await campaign("crash");
    const asked = await preorder(c.id, "CARD", 1); // crashed after Stripe answered
    const unasked = await preorder(c.id, "CARD", 1); // crashed before asking
    const released = await preorder(c.id, "CARD", 2); // released, nobody opened its refund
    for (const id of [asked.id, unasked.id, released.id])
      await prisma.preOrder.update({
        where: { id },
        data: { status: "RELEASED", queueDay: null, allocatedUnits: 0 },
      });
    const rows = [];
    for (const p of [asked, unasked]) {
      const payment = await paymentOf(p.id);
      rows.push(
        await prisma.$transaction((tx) =>
          openRefund(tx, {
            paymentId: payment.id,
            amountVnd: 250000,
            reason: "PREORDER_RELEASED",
            idempotencyKey: `preorder:${p.id}:return:0`,
            preOrderId: p.id,
            actorId: null,
          }),
        ),
      );
    }
    // the first process got as far as Stripe
    const pi = (await paymentOf(asked.id)).paymentIntent!;
    const early = await stripe().refunds.create(
      // the very request settleRefund makes (Stripe refuses a key reused with other parameters)
      {
        payment_intent: pi,
        amount: 250000,
        metadata: { refundId: rows[0]!.id, reason: "PREORDER_RELEASED", preOrderId: asked.id },
      },
      { idempotencyKey: `refund-${rows[0]!.id}` },
    );
    // both rows are past their lease
    await prisma.refund.updateMany({
      where: { id: { in: rows.map((r) => r!.id) } },
      data: { createdAt: new Date(Date.now() - 120_000) },
    });
    await settleOutstandingRefunds();
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: rows[0]!.id } })).toMatchObject({
      status: "SUCCEEDED",
      providerRef: early.id,
    });
    expect(await stripeRefunds(asked.id)).toHaveLength(1);
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: rows[1]!.id } })).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await prisma.refund.findMany({ where: { preOrderId: released.id } })).toMatchObject([
      { status: "SUCCEEDED", amountVnd: 500000, reason: "PREORDER_RELEASED" },
    ]);
    for (const p of [asked, unasked, released])
      expect((await prisma.preOrder.findUniqueOrThrow({ where: { id: p.id } })).paymentStatus).toBe(
        "REFUNDED",
      );
    // the job once more: nothing left to do
    await settleOutstandingRefunds();
    expect(await stripeRefunds(released.id)).toHaveLength(1);
  });

  it("a Stripe outage keeps the row PENDING (no lease held) and a retry settles it", async () => {
    const Stripe = (await import("stripe")).default;
    const c = await campaign("outage");
    const p = await preorder(c.id, "CARD", 1);
    await prisma.preOrder.update({
      where: { id: p.id },
      data: { status: "CANCELLED", queueDay: null },
    });
    const g = globalThis as unknown as { __stripe?: InstanceType<typeof Stripe> };
    const working = g.__stripe;
    g.__stripe = new Stripe("sk_test_down", {
      host: "127.0.0.1",
      port: 9,
      protocol: "http",
      maxNetworkRetries: 0,
      timeout: 500,
    });
    try {
      expect((await refundPreOrders([p.id], null)).failed).toBe(1);
    } finally {
      g.__stripe = working;
    }
    const row = await prisma.refund.findFirstOrThrow({ where: { preOrderId: p.id } });
    expect(row).toMatchObject({ status: "PENDING", attemptedAt: null });
    expect(await settleRefund(row.id, null)).toMatchObject({ kind: "refunded", amountVnd: 250000 });
    expect(await stripeRefunds(p.id)).toHaveLength(1);
  });
});
