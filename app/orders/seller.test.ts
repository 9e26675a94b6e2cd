import jsQR from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  action as bulkStall,
  loader as stallOrders,
} from "~/routes/console.stalls.$stallId.orders";
import { action as orderAction, loader as orderLoader } from "~/routes/console.orders.$orderId";
import { loader as slipLoader } from "~/routes/console.orders.$orderId_.slip";
import { loader as slipsLoader } from "~/routes/console.orders.slips";
import { loader as buyerOrderLoader } from "~/routes/orders.$number";
import { prisma } from "~/utils/db.server";
import { client, get, post, routeArgs, settle, statusOf } from "../../tests/helpers/http";
import { createOrder } from "../../tests/helpers/seller";

const HH1 = "0912000002";
const HH2 = "0913000002";

async function variantOf(stallId: string) {
  return prisma.variant.findFirstOrThrow({
    where: {
      product: { stallId, status: "ACTIVE", deletedAt: null },
      active: true,
      stock: { gt: 5 },
    },
  });
}

describe("orders inbox", () => {
  it("accepts, packs and ships an order; the inbox filters by status", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({ stallId: "stall-hh-001", variantId: v.id, quantity: 2 });
    const inbox = (await stallOrders(
      routeArgs(get(c, "/console/stalls/stall-hh-001/orders?status=NEW"), {
        stallId: "stall-hh-001",
      }),
    )) as { orders: { id: string }[] };
    expect(inbox.orders.map((o) => o.id)).toContain(order.id);
    for (const to of ["ACCEPTED", "PACKED", "SHIPPED"]) {
      const res = await settle(() =>
        orderAction(
          routeArgs(post(c, `/console/orders/${order.id}`, { _action: "move", to }), {
            orderId: order.id,
          }),
        ),
      );
      expect((res as Response).headers.get("Location")).toBe(
        `/console/orders/${order.id}?done=${to}`,
      );
    }
    const after = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { shipments: true },
    });
    expect(after.status).toBe("SHIPPED");
    expect(after.shipments[0]).toMatchObject({ status: "HANDED_OVER" });
    // skipping a step is refused with a translated reason
    const bad = await settle(() =>
      orderAction(
        routeArgs(post(c, "/x", { _action: "move", to: "ACCEPTED" }), { orderId: order.id }),
      ),
    );
    expect(statusOf(bad)).toBe(409);
    expect((bad as { data: { error: string } }).data.error).toBe("order.badTransition");
    const shipped = (await stallOrders(
      routeArgs(get(c, "/console/stalls/stall-hh-001/orders?status=SHIPPED"), {
        stallId: "stall-hh-001",
      }),
    )) as { orders: { id: string }[] };
    expect(shipped.orders.map((o) => o.id)).toContain(order.id);
  });

  it("handing over records the carrier and tracking code the buyer will see; a bad carrier or code is refused and nothing moves", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({ stallId: "stall-hh-001", variantId: v.id });
    for (const to of ["ACCEPTED", "PACKED"])
      await settle(() =>
        orderAction(routeArgs(post(c, "/x", { _action: "move", to }), { orderId: order.id })),
      );
    for (const [carrier, trackingCode, error] of [
      ["DHL_EXPRESS", "", "order.carrierInvalid"],
      ["GHN", "<script>", "order.trackingInvalid"],
    ]) {
      const bad = await settle(() =>
        orderAction(
          routeArgs(post(c, "/x", { _action: "move", to: "SHIPPED", carrier, trackingCode }), {
            orderId: order.id,
          }),
        ),
      );
      expect(statusOf(bad)).toBe(400);
      expect((bad as { data: { error: string } }).data.error).toBe(error);
    }
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(
      "PACKED",
    );
    const ok = await settle(() =>
      orderAction(
        routeArgs(
          post(c, "/x", {
            _action: "move",
            to: "SHIPPED",
            carrier: "VIETTEL_POST",
            trackingCode: " vtp-8812345 ",
          }),
          { orderId: order.id },
        ),
      ),
    );
    expect(statusOf(ok)).toBe(302);
    const after = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { shipments: true },
    });
    expect(after.status).toBe("SHIPPED");
    expect(after.shipments).toHaveLength(1);
    expect(after.shipments[0]).toMatchObject({
      carrier: "VIETTEL_POST",
      trackingCode: "VTP-8812345",
      status: "HANDED_OVER",
    });
    expect(after.shipments[0].handedAt).not.toBeNull();
  });

  it("cancelling puts the stock back", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({ stallId: "stall-hh-001", variantId: v.id, quantity: 3 });
    const before = (await prisma.variant.findUniqueOrThrow({ where: { id: v.id } })).stock;
    await settle(() =>
      orderAction(
        routeArgs(post(c, "/x", { _action: "move", to: "CANCELLED" }), { orderId: order.id }),
      ),
    );
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: v.id } })).stock).toBe(
      before + 3,
    );
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(
      "CANCELLED",
    );
  });

  it("confirms COD cash and VietQR transfers once: payment SUCCEEDED, order PAID, second click changes nothing", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    for (const method of ["COD", "VIETQR"] as const) {
      const order = await createOrder({
        stallId: "stall-hh-001",
        variantId: v.id,
        paymentMethod: method,
      });
      for (let i = 0; i < 2; i++) {
        const res = await settle(() =>
          orderAction(
            routeArgs(post(c, "/x", { _action: "confirmPayment" }), { orderId: order.id }),
          ),
        );
        expect(statusOf(res)).toBe(302);
      }
      const o = await prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { checkout: { include: { payments: true } } },
      });
      expect(o.paymentStatus).toBe("PAID");
      expect(o.checkout.payments.map((p) => p.status)).toEqual(["SUCCEEDED"]);
      expect(o.checkout.payments[0].paidAt).not.toBeNull();
      expect(
        await prisma.auditLog.count({
          where: { entityId: order.id, action: `payment.confirm.${method.toLowerCase()}` },
        }),
      ).toBe(1);
    }
  });

  it("a paid order that is refunded records the refund and ends REFUNDED", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({
      stallId: "stall-hh-001",
      variantId: v.id,
      paymentMethod: "VIETQR",
    });
    await settle(() =>
      orderAction(routeArgs(post(c, "/x", { _action: "confirmPayment" }), { orderId: order.id })),
    );
    await settle(() =>
      orderAction(
        routeArgs(post(c, "/x", { _action: "move", to: "CANCELLED" }), { orderId: order.id }),
      ),
    );
    await settle(() =>
      orderAction(
        routeArgs(post(c, "/x", { _action: "move", to: "REFUNDED" }), { orderId: order.id }),
      ),
    );
    const o = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { refunds: true },
    });
    expect(o).toMatchObject({ status: "REFUNDED", paymentStatus: "REFUNDED" });
    expect(o.refunds.map((r) => r.status)).toEqual(["SUCCEEDED"]);
  });

  it("an unpaid cancelled order cannot be marked refunded (no money moved, no 'refunded' SMS to the buyer)", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({ stallId: "stall-hh-001", variantId: v.id });
    await settle(() =>
      orderAction(
        routeArgs(post(c, "/x", { _action: "move", to: "CANCELLED" }), { orderId: order.id }),
      ),
    );
    const page = (await orderLoader(
      routeArgs(get(c, `/console/orders/${order.id}`), { orderId: order.id }),
    )) as { next: string[] };
    expect(page.next).not.toContain("REFUNDED");
    const res = await settle(() =>
      orderAction(
        routeArgs(post(c, "/x", { _action: "move", to: "REFUNDED" }), { orderId: order.id }),
      ),
    );
    expect(statusOf(res)).toBe(409);
    expect((res as { data: { error: string } }).data.error).toBe("order.notPaid");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "UNPAID",
    });
  });

  it("prints a packing slip whose QR code opens the order page", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({ stallId: "stall-hh-001", variantId: v.id });
    const { slips } = (await slipLoader(
      routeArgs(get(c, `/console/orders/${order.id}/slip`), { orderId: order.id }),
    )) as { slips: { qrSvg: string; number: string; url: string }[] };
    expect(slips).toHaveLength(1);
    expect(slips[0].number).toBe(order.number);
    const png = await sharp(Buffer.from(slips[0].qrSvg), { density: 300 })
      .resize(400)
      .flatten({ background: "#fff" })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.info.width, png.info.height);
    expect(decoded?.data).toBe(`http://localhost:3000/orders/${order.number}`);
    // the decoded address really is the buyer's order page (it once pointed at a path that 404s)
    const buyer = await client("0912000001");
    await prisma.checkout.update({
      where: { id: order.checkoutId },
      data: { buyerId: buyer.userId },
    });
    const path = new URL(decoded!.data).pathname;
    const page = (await buyerOrderLoader(
      routeArgs(get(buyer, path), { number: decodeURIComponent(path.split("/").pop()!) }),
    )) as { order: { number: string } };
    expect(page.order.number).toBe(order.number);
    // the stall's own people scanning it land on the console's order page; anyone else still gets 404
    const own = await settle(() =>
      buyerOrderLoader(routeArgs(get(c, path), { number: order.number })),
    );
    expect(statusOf(own)).toBe(302);
    expect((own as Response).headers.get("Location")).toBe(`/console/orders/${order.id}`);
    for (const stranger of [await client(HH2), await client()])
      expect(
        statusOf(
          await settle(() =>
            buyerOrderLoader(routeArgs(get(stranger, path), { number: order.number })),
          ),
        ),
      ).toBe(404);
  });
});

describe("orders: ownership", () => {
  it("another household gets 403 on the order page, its actions and its slip, and nothing changes", async () => {
    const other = await client(HH2);
    const v = await variantOf("stall-hh-001");
    const order = await createOrder({ stallId: "stall-hh-001", variantId: v.id });
    expect(
      statusOf(await settle(() => orderLoader(routeArgs(get(other, "/x"), { orderId: order.id })))),
    ).toBe(403);
    expect(
      statusOf(await settle(() => slipLoader(routeArgs(get(other, "/x"), { orderId: order.id })))),
    ).toBe(403);
    const attempts: Record<string, string>[] = [
      { _action: "move", to: "ACCEPTED" },
      { _action: "move", to: "CANCELLED" },
      { _action: "confirmPayment" },
    ];
    for (const fields of attempts) {
      expect(
        statusOf(
          await settle(() =>
            orderAction(routeArgs(post(other, "/x", fields), { orderId: order.id })),
          ),
        ),
      ).toBe(403);
    }
    // bulk: slips leave foreign orders out, moves report them as forbidden
    const { slips } = (await slipsLoader(
      routeArgs(get(other, `/console/orders/slips?ids=${order.id}`)),
    )) as { slips: unknown[] };
    expect(slips).toHaveLength(0);
    const res = await settle(() =>
      bulkStall(
        routeArgs(post(other, "/x", { _action: "bulk", to: "ACCEPTED", ids: [order.id] }), {
          stallId: "stall-hh-002",
        }),
      ),
    );
    expect((res as { data: { bulk: { ok: boolean; error: string }[] } }).data.bulk).toEqual([
      { id: order.id, number: null, ok: false, error: "error.forbidden" },
    ]);
    const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: "NEW", paymentStatus: "UNPAID" });
  });

  it("bulk move on one's own stall reports per-order failures", async () => {
    const c = await client(HH1);
    const v = await variantOf("stall-hh-001");
    const a = await createOrder({ stallId: "stall-hh-001", variantId: v.id });
    const b = await createOrder({ stallId: "stall-hh-001", variantId: v.id, status: "SHIPPED" });
    const res = await settle(() =>
      bulkStall(
        routeArgs(post(c, "/x", { _action: "bulk", to: "ACCEPTED", ids: [a.id, b.id] }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    const bulk = (res as { data: { bulk: { id: string; ok: boolean; error?: string }[] } }).data
      .bulk;
    expect(bulk.find((r) => r.id === a.id)).toMatchObject({ ok: true });
    expect(bulk.find((r) => r.id === b.id)).toMatchObject({
      ok: false,
      error: "order.badTransition",
    });
    const { slips } = (await slipsLoader(
      routeArgs(get(c, `/console/orders/slips?ids=${a.id}&ids=${b.id}`)),
    )) as { slips: unknown[] };
    expect(slips).toHaveLength(2);
  });
});

describe("sales summary", () => {
  it("counts orders and revenue by ISO week and ranks products; cancelled orders do not count", async () => {
    const { loader: sales } = await import("~/routes/console.stalls.$stallId.sales");
    const c = await client("0913000006"); // hh-006, a stall no other test orders from
    const v = await prisma.variant.findFirstOrThrow({
      where: { product: { stallId: "stall-hh-006", status: "ACTIVE" }, active: true },
    });
    const before = (await sales(routeArgs(get(c, "/x"), { stallId: "stall-hh-006" }))) as {
      weeks: { week: string; orders: number; revenueVnd: number }[];
    };
    const o = await createOrder({ stallId: "stall-hh-006", variantId: v.id, quantity: 2 });
    await createOrder({
      stallId: "stall-hh-006",
      variantId: v.id,
      quantity: 5,
      status: "CANCELLED",
    });
    const after = (await sales(routeArgs(get(c, "/x"), { stallId: "stall-hh-006" }))) as {
      weeks: { week: string; orders: number; revenueVnd: number }[];
      top: { name: string; units: number }[];
    };
    const { isoWeek } = await import("~/domain/sales");
    const wk = isoWeek(new Date());
    const was = before.weeks.find((w) => w.week === wk) ?? { orders: 0, revenueVnd: 0 };
    expect(after.weeks.find((w) => w.week === wk)).toEqual({
      week: wk,
      orders: was.orders + 1,
      revenueVnd: was.revenueVnd + o.totalVnd,
    });
    expect(after.top.length).toBeGreaterThan(0);
    const other = await client(HH1);
    expect(
      statusOf(await settle(() => sales(routeArgs(get(other, "/x"), { stallId: "stall-hh-006" })))),
    ).toBe(403);
  });
});
