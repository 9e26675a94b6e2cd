// A pre-order paid by card: the campaign page sends the buyer to a Stripe
// Checkout session (the project's Stripe-compatible server, official SDK), the
// signed webhook marks the payment, and the pre-order is paid once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const stripeLocal = await vi.hoisted(async () =>
  (await import("../../tests/helpers/stripe-server")).startStripeServer("preorders"),
);

const { forwardWebhooks } = await import("../../tests/helpers/stripe-server");
const { action: campaignAction } = await import("~/routes/campaigns.$slug");
const { action: preorderAction, loader: preorderLoader } = await import("~/routes/preorders.$id");
const { resetClock, setClock } = await import("~/utils/clock.server");
const { prisma } = await import("~/utils/db.server");
const { makeProduct, makeStall } = await import("../../tests/helpers/buyer");
const { client, get, post, settle } = await import("../../tests/helpers/http");

const T = `pc${Date.now().toString(36)}`;
const ctx = { context: {}, params: {} };
const at = (iso: string) => new Date(`${iso}+07:00`);
let hook: Awaited<ReturnType<typeof forwardWebhooks>>;
let slug = "";

beforeAll(async () => {
  hook = await forwardWebhooks(stripeLocal);
  setClock(at("2028-08-10T09:00:00"));
  const stall = await makeStall(T);
  const product = await makeProduct(stall.id, T, { name: "Na La Hiên thẻ" });
  const c = await prisma.harvestCampaign.create({
    data: {
      slug: `na-${T}`,
      title: "Na La Hiên trả thẻ",
      stallId: stall.id,
      productId: product.id,
      priceVnd: 250000,
      unitLabel: "Thùng 5 kg",
      expectedUnits: 100,
      maxPerBuyer: 3,
      preorderOpensAt: at("2028-08-01T08:00:00"),
      preorderClosesAt: at("2028-08-17T20:00:00"),
      firstDay: "2028-08-14",
      lastDay: "2028-08-18",
      harvestFrom: at("2028-08-14T00:00:00"),
      harvestTo: at("2028-08-18T00:00:00"),
      status: "OPEN",
      payCod: false,
      payCard: true,
    },
  });
  slug = c.slug;
});
afterAll(async () => {
  resetClock();
  await stripeLocal.close();
  await hook.close();
});

describe("a card pre-order", () => {
  it("pays the full amount once through the signed webhook", async () => {
    const buyer = await client("0912000001");
    const res = (await settle(() =>
      campaignAction({
        ...ctx,
        params: { slug },
        request: post(buyer, `/campaigns/${slug}`, {
          units: "2",
          when: "2028-08-15",
          fulfilment: "DELIVERY",
          recipient: "Nguyễn Thị Mua",
          phone: "0987654321",
          provinceCode: "19",
          communeCode: "05503",
          line: "Số 5 Hoàng Văn Thụ",
          paymentMethod: "CARD",
          idempotencyKey: randomUUID(),
        }),
      }),
    )) as Response;
    const location = res.headers.get("Location")!;
    expect(location.startsWith(`${stripeLocal.url}/pay/`)).toBe(true);
    const p = await prisma.preOrder.findFirstOrThrow({
      where: { campaign: { slug }, buyerId: buyer.userId! },
      include: { checkout: { include: { payments: true } } },
    });
    expect(p).toMatchObject({
      paymentMethod: "CARD",
      amountDueVnd: 500000,
      paymentStatus: "PENDING",
    });
    expect(p.checkout!.payments).toMatchObject([
      { provider: "STRIPE", amountVnd: 500000, status: "PENDING" },
    ]);
    // the hosted page's Pay button, then Stripe's redirect back
    const paid = await fetch(`${location}/complete`, { method: "POST", redirect: "manual" });
    expect(paid.headers.get("location")).toBe(`http://localhost:3000/preorders/${p.id}?paid=1`);
    expect(hook.deliveries.map((d) => d.outcome)).toEqual(["processed"]);
    expect(await prisma.preOrder.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      paymentStatus: "PAID",
    });
    expect(
      await prisma.payment.findFirstOrThrow({ where: { checkoutId: p.checkoutId! } }),
    ).toMatchObject({ status: "SUCCEEDED" });
    // the pre-order is paid and nothing else: no order placed on its checkout, its amount kept
    expect(await prisma.checkout.findUniqueOrThrow({ where: { id: p.checkoutId! } })).toMatchObject(
      { status: "PAID", totalVnd: 500000 },
    );
    expect(await prisma.order.count({ where: { checkoutId: p.checkoutId! } })).toBe(0);
    expect(
      await prisma.auditLog.count({
        where: { entityId: p.checkoutId!, action: "checkout.placed" },
      }),
    ).toBe(0);
    expect(
      await prisma.auditLog.count({ where: { entityId: p.id, action: "payment.succeeded" } }),
    ).toBe(1);
    expect(
      await prisma.outbox.count({
        where: { topic: "notify.sms", payload: { contains: "preorder.paid" }, key: "+84987654321" },
      }),
    ).toBe(1);
    const view = (await preorderLoader({
      ...ctx,
      params: { id: p.id },
      request: get(buyer, `/preorders/${p.id}?paid=1`),
    })) as Awaited<ReturnType<typeof preorderLoader>>;
    expect(view.p.payment).toMatchObject({ status: "PAID", payable: false });
    // paid up front: it may shrink, not grow
    const grow = (await settle(() =>
      preorderAction({
        ...ctx,
        params: { id: p.id },
        request: post(buyer, `/preorders/${p.id}`, {
          intent: "change",
          units: "3",
          when: "2028-08-15",
        }),
      }),
    )) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(grow.data.result.error.units[0]).toContain("thanh toán trước");
  });
});
