// What a buyer may do with their own orders: list, cancel before shipping, re-order.
import { buyerMayCancel } from "~/domain/order-status";
import { refundOrderPayment } from "~/payments/refund.server";
import { prisma } from "~/utils/db.server";
import { transitionOrder } from "./lifecycle.server";

export function buyerOrders(buyerId: string, take = 50) {
  return prisma.order.findMany({
    where: { checkout: { buyerId } },
    include: {
      stall: { select: { name: true } },
      items: { select: { productName: true, quantity: true } },
    },
    orderBy: { createdAt: "desc" },
    take,
  });
}

/** Cancel (stock goes back via transitionOrder); a card-paid order is refunded through Stripe. */
export async function cancelByBuyer(
  orderId: string,
  actorId: string | null,
  why: { reason?: string; note?: string } = {},
) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  if (!buyerMayCancel(order.status))
    return { ok: false as const, error: "orders.cannotCancel" as const };
  await transitionOrder(orderId, "CANCELLED", { id: actorId }, why);
  if (order.paymentStatus === "PAID") {
    const refund = await refundOrderPayment(orderId, actorId);
    if (refund.kind === "refunded") await transitionOrder(orderId, "REFUNDED", { id: actorId });
  }
  return { ok: true as const };
}

export function toOrderRow(o: Awaited<ReturnType<typeof buyerOrders>>[number]) {
  return {
    number: o.number,
    status: o.status,
    paymentStatus: o.paymentStatus,
    stallName: o.stall.name,
    totalVnd: o.totalVnd,
    createdAt: o.createdAt.toISOString(),
    summary: o.items.map((i) => `${i.quantity} × ${i.productName}`).join(", "),
  };
}
