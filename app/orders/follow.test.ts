// Following an order: the buyer's page shows the address, a timeline with times,
// the stall's phone, Zalo and the carrier's tracking link; cancelling needs a
// reason, which the stall's console history shows.
import { beforeAll, describe, expect, it } from "vitest";
import { placeCheckout, startCheckout } from "~/checkout/checkout.server";
import { loadHistory } from "~/audit/history.server";
import { transitionOrder } from "~/orders/lifecycle.server";
import { action, loader } from "~/routes/orders.$number";
import { prisma } from "~/utils/db.server";
import { addressFields, makeProduct } from "../../tests/helpers/buyer";
import { client, get, post, settle, type Client } from "../../tests/helpers/http";
import { payingStall } from "../../tests/helpers/pay-stall";
import { uid } from "../../tests/helpers/seller";
import { trackingLink, zaloLink } from "./contact";

const BUYER = "0912000001";
const args = (request: Request, number: string) => ({ request, params: { number }, context: {} });
type View = Awaited<ReturnType<typeof loader>>;
const tag = uid("follow");
let buyer: Client;

async function placeOrder() {
  const cart = await prisma.cart.create({
    data: { items: { create: [{ variantId: `var-${tag}`, quantity: 1 }] } },
  });
  const { idempotencyKey, paymentMethod, ...address } = addressFields("COD");
  const { checkoutId } = await startCheckout({
    cartId: cart.id,
    buyerId: buyer.userId,
    idempotencyKey,
    paymentMethod,
    address,
  });
  const [order] = await placeCheckout(checkoutId, cart.id);
  return order;
}

beforeAll(async () => {
  buyer = await client(BUYER);
  await payingStall(tag);
  await makeProduct(`stall-${tag}`, tag, { priceVnd: 90000, stock: 10 });
});

describe("the buyer's order page", () => {
  it("shows the address, the stall's phone and Zalo, a timeline with each status and its time, the tracking link", async () => {
    const order = await placeOrder();
    await transitionOrder(order.id, "ACCEPTED", { id: null });
    await transitionOrder(order.id, "PACKED", { id: null });
    await prisma.shipment.create({
      data: { orderId: order.id, carrier: "GHN", status: "READY", trackingCode: "GHN 123/45" },
    });
    await transitionOrder(order.id, "SHIPPED", { id: null });
    const view = (await loader(args(get(buyer, `/orders/${order.number}`), order.number))) as View;
    expect(view.access).toBe("owner");
    expect(view.order.delivery?.address).toContain("Số 5, ngõ 12 Hoàng Văn Thụ");
    expect(view.order.stall).toMatchObject({
      phone: "0913 999 001",
      zalo: "https://zalo.me/0913999001",
    });
    expect(view.order.timeline.map((e) => e.event)).toEqual([
      "placed",
      "ACCEPTED",
      "PACKED",
      "SHIPPED",
    ]);
    expect(view.order.timeline.every((e) => e.at && !Number.isNaN(Date.parse(e.atIso)))).toBe(true);
    expect(view.order.shipments[0].trackingUrl).toBe(
      "https://donhang.ghn.vn/?order_code=GHN%20123%2F45",
    );
    // shipped: no longer cancellable
    expect(view.order.mayCancel).toBe(false);
  });

  it("cancelling without a reason is refused; with one, the reason is kept and the stall sees it", async () => {
    const order = await placeOrder();
    const bare = await settle(() =>
      action(args(post(buyer, `/orders/${order.number}`, { intent: "cancel" }), order.number)),
    );
    expect((bare as { init?: { status?: number } }).init?.status).toBe(400);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("NEW");

    const res = (await action(
      args(
        post(buyer, `/orders/${order.number}`, {
          intent: "cancel",
          reason: "TOO_SLOW",
          note: "Cần trước Tết",
        }),
        order.number,
      ),
    )) as Response;
    expect(res.status).toBe(302);
    const view = (await loader(args(get(buyer, `/orders/${order.number}`), order.number))) as View;
    expect(view.order.timeline.at(-1)).toMatchObject({
      event: "CANCELLED",
      reason: "TOO_SLOW",
      note: "Cần trước Tết",
    });
    const history = await loadHistory("Order", order.id, "vi");
    expect(history.find((h) => h.action === "order.cancelled")).toMatchObject({
      reason: "TOO_SLOW",
      note: "Cần trước Tết",
    });
  });
});

describe("contact and tracking links", () => {
  it("Zalo takes the national number; unknown carriers and empty codes give no link", () => {
    expect(zaloLink("+84912345678")).toBe("https://zalo.me/0912345678");
    expect(zaloLink("nonsense")).toBeNull();
    expect(trackingLink("SELF", "X1")).toBeNull();
    expect(trackingLink("VNPOST", "  ")).toBeNull();
    expect(trackingLink("VNPOST", "EE123456789VN")).toContain("EE123456789VN");
  });
});
