import { canTransition, restocksOnCancel, type OrderStatus } from "~/domain/order-status";
import { enqueue, enqueueProductSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";

export class TransitionError extends Error {
  constructor(public code: "order.notFound" | "order.badTransition") {
    super(code);
  }
}

type Actor = { id: string | null; onBehalfOfId?: string | null };

/**
 * Moves one order to a new status in one transaction: guards the state machine
 * (the status is re-read and compared inside the write, so two clicks or two
 * people cannot both succeed), puts stock back on cancellation, stamps
 * shipments, writes the audit log, queues a buyer notification and the search
 * update. Payment refunds are the caller's job (app/payments).
 */
export async function transitionOrder(
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  // kept in the audit row: a buyer's reason for cancelling, which the stall reads
  detail: { reason?: string; note?: string } = {},
) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUnique({
      where: { id: orderId },
      include: { items: { include: { variant: true } }, checkout: true },
    });
    if (!order) throw new TransitionError("order.notFound");
    if (!canTransition(order.status, to)) throw new TransitionError("order.badTransition");
    const now = new Date();
    // optimistic guard: only succeeds if nobody moved it since we read it
    const moved = await tx.order.updateMany({
      where: { id: orderId, status: order.status },
      data: {
        status: to,
        ...(to === "CANCELLED" ? { cancelledAt: now } : {}),
        ...(to === "REFUNDED" ? { paymentStatus: "REFUNDED" } : {}),
      },
    });
    if (moved.count !== 1) throw new TransitionError("order.badTransition");

    if (to === "CANCELLED" && restocksOnCancel(order.status)) {
      for (const item of order.items) {
        await tx.variant.update({
          where: { id: item.variantId },
          data: { stock: { increment: item.quantity } },
        });
      }
      for (const productId of new Set(order.items.map((i) => i.variant.productId)))
        await enqueueProductSync(tx, productId);
    }
    if (to === "SHIPPED") {
      const open = await tx.shipment.findFirst({ where: { orderId, status: "READY" } });
      if (open)
        await tx.shipment.update({
          where: { id: open.id },
          data: { status: "HANDED_OVER", handedAt: now },
        });
      else
        await tx.shipment.create({
          data: { orderId, carrier: "VNPOST", status: "HANDED_OVER", handedAt: now },
        });
    }
    if (to === "DELIVERED") {
      await tx.shipment.updateMany({
        where: { orderId, status: "HANDED_OVER" },
        data: { status: "DELIVERED", deliveredAt: now },
      });
    }
    await audit(
      {
        actorId: actor.id,
        onBehalfOfId: actor.onBehalfOfId ?? null,
        action: `order.${to.toLowerCase()}`,
        entity: "Order",
        entityId: orderId,
        data: { from: order.status, to, ...detail },
      },
      tx,
    );
    await enqueue(tx, "notify.sms", order.checkout.phone, {
      template: "order.status",
      orderNumber: order.number,
      status: to,
    });
    return { ...order, status: to };
  });
}
