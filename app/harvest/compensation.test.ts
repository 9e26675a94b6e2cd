// compensateLateDelivery against the real database and the local Stripe-compatible
// server (decision 0051): a broken freshness promise is compensated once per
// delivery, through the provider that took the money, else as a credit; the buyer
// is told by SMS and sees it on the pre-order page.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const stripeLocal = await vi.hoisted(async () =>
  (await import("../../tests/helpers/stripe-server")).startStripeServer("compensation"),
);

const { forwardWebhooks } = await import("../../tests/helpers/stripe-server");
const { compensateLateDelivery, CompensationError } = await import("./compensation.server");
const { loader: preorderLoader } = await import("~/routes/preorders.$id");
const { prisma } = await import("~/utils/db.server");
const { makeProduct, makeStall } = await import("../../tests/helpers/buyer");
const { paidPreorder, stripeRefundsOf } = await import("../../tests/helpers/paid-preorder");
const { client, get } = await import("../../tests/helpers/http");

const T = `cp${Date.now().toString(36)}`;
const at = (iso: string) => new Date(`${iso}+07:00`);
const picked = at("2028-08-14T05:00:00");
const later = (h: number) => new Date(picked.getTime() + h * 3600_000);
let hook: Awaited<ReturnType<typeof forwardWebhooks>>;
let campaignId = "";

beforeAll(async () => {
  hook = await forwardWebhooks(stripeLocal);
  const stall = await makeStall(T, { householdId: "hh-013" });
  const product = await makeProduct(stall.id, T, { name: "Na La Hiên bồi hoàn" });
  campaignId = (
    await prisma.harvestCampaign.create({
      data: {
        slug: `na-${T}`,
        title: "Na La Hiên bồi hoàn",
        stallId: stall.id,
        productId: product.id,
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
        vietqrMode: "DEPOSIT",
        depositPct: 10,
        freshNearHours: 4,
        freshFarHours: 6,
        freshFarKm: 100,
        compensationPct: 20,
      },
    })
  ).id;
});
afterAll(async () => {
  await stripeLocal.close();
  await hook.close();
});

/** An allocated pre-order of `units` boxes; CARD paid in full through Stripe, VIETQR_DEPOSIT 10 % by transfer. */
function delivered(method: "CARD" | "COD" | "VIETQR_DEPOSIT", units: number) {
  const dueVnd =
    method === "CARD" ? units * 250000 : method === "VIETQR_DEPOSIT" ? units * 25000 : 0;
  return paidPreorder(stripeLocal, {
    campaignId,
    method,
    units,
    dueVnd,
    fields: {
      status: "ALLOCATED",
      allocatedUnits: units,
      queueDay: null,
      originDay: "2028-08-14",
    },
  });
}

const report = (preOrderId: string, hours: number, roadKm = 30, units = 2) =>
  compensateLateDelivery({
    preOrderId,
    units,
    pickedAt: picked,
    deliveredAt: later(hours),
    roadKm,
    actorId: null,
  });

const smsTo = (phone: string, template: string) =>
  prisma.outbox.findMany({
    where: { topic: "notify.sms", key: phone, payload: { contains: `"template":"${template}"` } },
  });

describe("compensateLateDelivery", () => {
  it("on time (at the deadline, or within the far promise) moves nothing", async () => {
    const p = await delivered("CARD", 2);
    expect(await report(p.id, 4)).toMatchObject({ late: false, compensationVnd: 0, via: "NONE" });
    const far = await delivered("CARD", 2);
    expect(await report(far.id, 5.5, 150)).toMatchObject({ late: false, via: "NONE" });
    expect(await prisma.refund.count({ where: { preOrderId: { in: [p.id, far.id] } } })).toBe(0);
    expect(await smsTo(p.phone, "preorder.late")).toHaveLength(0);
  });

  it("late and paid by card: 20 % of the delivered value back on the card, once however often it is reported", async () => {
    const p = await delivered("CARD", 2);
    const first = await report(p.id, 4.5);
    expect(first).toMatchObject({
      late: true,
      compensationVnd: 100000,
      via: "REFUND",
      refundVnd: 100000,
      creditVnd: 0,
    });
    const refunds = await prisma.refund.findMany({ where: { preOrderId: p.id } });
    expect(refunds).toMatchObject([
      { status: "SUCCEEDED", amountVnd: 100000, reason: "LATE_DELIVERY" },
    ]);
    expect(refunds[0].providerRef).toMatch(/^re_/);
    const pre = await prisma.preOrder.findUniqueOrThrow({
      where: { id: p.id },
      include: { checkout: { include: { payments: true } } },
    });
    // the compensation is on top: the pre-order stays paid, its payment partly refunded
    expect(pre.paymentStatus).toBe("PAID");
    expect(pre.checkout!.payments[0].status).toBe("PARTIALLY_REFUNDED");
    const sms = await smsTo(p.phone, "preorder.late");
    expect(sms).toHaveLength(1);
    const body = (JSON.parse(sms[0].payload) as { body: string }).body;
    expect(body.indexOf("Xứ Trà")).toBeLessThan(body.indexOf("Xu Tra")); // Vietnamese first
    expect(body).toContain("100.000");
    expect(
      await prisma.auditLog.count({ where: { entityId: p.id, action: "harvest.delivery.late" } }),
    ).toBe(1);

    // a replayed offline report (other times, same day), and three at once: the first answer
    expect(await report(p.id, 9)).toMatchObject({ ...first, replayed: true });
    await Promise.all([5, 6, 7].map((h) => report(p.id, h)));
    expect(await prisma.refund.count({ where: { preOrderId: p.id } })).toBe(1);
    expect(await prisma.lateDeliveryCheck.count({ where: { preOrderId: p.id } })).toBe(1);
    expect(await stripeRefundsOf(stripeLocal, p.id)).toHaveLength(1);

    // the buyer sees it on the pre-order page
    const me = await client(p.phone);
    const view = (await preorderLoader({
      context: {},
      params: { id: p.id },
      request: get(me, `/preorders/${p.id}`),
    })) as Awaited<ReturnType<typeof preorderLoader>>;
    expect(view.money.late).toMatchObject([
      { limitHours: 4, hoursTaken: 4.5, compensationVnd: 100000 },
    ]);
    expect(view.money.refunds).toMatchObject([
      { amountVnd: 100000, status: "SUCCEEDED", card: true, reason: "LATE_DELIVERY" },
    ]);
  });

  it("another delivery day of the same pre-order is compensated on its own", async () => {
    const p = await delivered("CARD", 3);
    await report(p.id, 5, 30, 1);
    const next = await compensateLateDelivery({
      preOrderId: p.id,
      units: 2,
      pickedAt: at("2028-08-15T05:00:00"),
      deliveredAt: at("2028-08-15T12:00:00"),
      roadKm: 120,
      actorId: null,
    });
    expect(next).toMatchObject({ late: true, compensationVnd: 100000, via: "REFUND" });
    expect(
      (await prisma.refund.findMany({ where: { preOrderId: p.id } })).map((r) => r.amountVnd),
    ).toEqual([50000, 100000]);
  });

  it("COD (nothing paid up front): a credit taken off what is collected at the door", async () => {
    const p = await delivered("COD", 2);
    expect(await report(p.id, 7, 150)).toMatchObject({
      late: true,
      compensationVnd: 100000,
      via: "CREDIT",
      creditVnd: 100000,
      creditKind: "OFF_COLLECTION",
    });
    expect(await prisma.storeCredit.findMany({ where: { preOrderId: p.id } })).toMatchObject([
      { amountVnd: 100000, kind: "OFF_COLLECTION", status: "OPEN" },
    ]);
    expect(await prisma.refund.count({ where: { preOrderId: p.id } })).toBe(0);
    expect(await smsTo(p.phone, "preorder.late")).toHaveLength(1);
    expect(await report(p.id, 8, 150)).toMatchObject({ via: "CREDIT", replayed: true });
    expect(await prisma.storeCredit.count({ where: { preOrderId: p.id } })).toBe(1);
  });

  it("the first report sent three times at once compensates once", async () => {
    const p = await delivered("CARD", 1);
    const results = await Promise.all([5, 5.5, 6].map((h) => report(p.id, h, 30, 1)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.compensationVnd === 50000 && r.via === "REFUND")).toBe(true);
    expect(await prisma.refund.count({ where: { preOrderId: p.id } })).toBe(1);
    expect(await stripeRefundsOf(stripeLocal, p.id)).toHaveLength(1);
    expect(await smsTo(p.phone, "preorder.late")).toHaveLength(1);
  });

  it("a VietQR deposit smaller than the compensation: the deposit becomes a payout, the rest a credit", async () => {
    const p = await delivered("VIETQR_DEPOSIT", 2); // 50,000 deposit
    expect(await report(p.id, 6)).toMatchObject({
      late: true,
      compensationVnd: 100000,
      via: "REFUND",
      refundVnd: 50000,
      creditVnd: 50000,
    });
    expect(await prisma.refund.findMany({ where: { preOrderId: p.id } })).toMatchObject([
      { status: "PENDING", amountVnd: 50000, reason: "LATE_DELIVERY", payeePhone: p.phone },
    ]);
    expect(await prisma.storeCredit.findMany({ where: { preOrderId: p.id } })).toMatchObject([
      { amountVnd: 50000, kind: "OFF_COLLECTION" },
    ]);
  });

  it("refuses bad numbers and unknown pre-orders, writing nothing", async () => {
    const p = await delivered("COD", 1);
    await expect(report(p.id, 5, -1)).rejects.toBeInstanceOf(CompensationError);
    await expect(report(p.id, 5, 30, 1.5)).rejects.toBeInstanceOf(CompensationError);
    await expect(report("nope", 5)).rejects.toBeInstanceOf(CompensationError);
    expect(await prisma.lateDeliveryCheck.count({ where: { preOrderId: p.id } })).toBe(0);
  });
});
