import QRCode from "qrcode";
import { canTransition, type OrderStatus } from "~/domain/order-status";
import type { ShipmentInput } from "~/domain/shipping";
import { canManageStall } from "~/domain/roles";
import { transitionOrder, TransitionError } from "~/orders/lifecycle.server";
import { refundOrderPayment, RefundError } from "~/payments/refund.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

// Seller-side order handling. Status changes go through transitionOrder (the one
// state machine); this adds payment confirmation and card refunds around it.

export class OrderActionError extends Error {
  constructor(public code: string) {
    super(code);
  }
}

async function refund(orderId: string, actorId: string) {
  try {
    return await refundOrderPayment(orderId, actorId);
  } catch (e) {
    if (e instanceof RefundError) throw new OrderActionError("order.refundFailed");
    throw e;
  }
}

/**
 * Moves an order. A paid order going to REFUNDED, or a card-paid order being
 * cancelled, gets its money back through refundOrderPayment first (idempotent),
 * then the status follows.
 */
export async function moveOrder(
  user: SessionUser,
  orderId: string,
  to: OrderStatus,
  shipment?: ShipmentInput,
) {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: { checkout: true },
  });
  if (!order) throw new OrderActionError("order.notFound");
  if (!canTransition(order.status, to)) throw new OrderActionError("order.badTransition");
  const actor = { id: user.id };
  const paid = order.paymentStatus === "PAID";
  // "refunded" means money went back: an order nobody paid for stays cancelled
  if (to === "REFUNDED" && !paid) throw new OrderActionError("order.notPaid");
  if (to === "REFUNDED") await refund(orderId, user.id);
  if (to === "SHIPPED" && shipment) {
    // transitionOrder hands over the READY shipment: give it the carrier and code first
    await prisma.$transaction(async (tx) => {
      const open = await tx.shipment.findFirst({ where: { orderId, status: "READY" } });
      if (open) await tx.shipment.update({ where: { id: open.id }, data: shipment });
      else await tx.shipment.create({ data: { orderId, status: "READY", ...shipment } });
    });
  }
  try {
    await transitionOrder(orderId, to, actor);
  } catch (e) {
    if (e instanceof TransitionError) throw new OrderActionError(e.code);
    throw e;
  }
  if (to === "CANCELLED" && paid && order.checkout.paymentMethod === "CARD") {
    const result = await refund(orderId, user.id);
    if (result.kind === "refunded") await transitionOrder(orderId, "REFUNDED", actor);
  }
}

/** Bulk status change: each order on its own (own checks, own transaction); failures are reported, not fatal. */
export async function moveOrders(user: SessionUser, orderIds: string[], to: OrderStatus) {
  const results: { id: string; number: string | null; ok: boolean; error?: string }[] = [];
  for (const id of [...new Set(orderIds)].slice(0, 200)) {
    const order = await prisma.order.findUnique({ where: { id }, include: { stall: true } });
    if (!order || !canManageStall(user, order.stall)) {
      results.push({ id, number: null, ok: false, error: "error.forbidden" });
      continue;
    }
    try {
      await moveOrder(user, id, to);
      results.push({ id, number: order.number, ok: true });
    } catch (e) {
      if (e instanceof OrderActionError)
        results.push({ id, number: order.number, ok: false, error: e.code });
      else throw e;
    }
  }
  return results;
}

/**
 * The seller confirms money in hand: a VietQR transfer seen on the bank account,
 * or COD cash collected. One transaction, idempotent. The checkout's Payment
 * turns SUCCEEDED once every live order it paid for is confirmed (a checkout can
 * span several stalls, each confirming its own share).
 */
export async function confirmPayment(user: SessionUser, orderId: string) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { checkout: { include: { orders: true, payments: true } } },
    });
    if (order.checkout.paymentMethod === "CARD") throw new OrderActionError("order.noPayment");
    if (order.status === "CANCELLED" || order.status === "REFUNDED")
      throw new OrderActionError("order.noPayment");
    const payment = order.checkout.payments.find(
      (p) => p.provider === order.checkout.paymentMethod && p.status !== "FAILED",
    );
    if (!payment) throw new OrderActionError("order.noPayment");
    const changed = await tx.order.updateMany({
      where: { id: orderId, paymentStatus: "UNPAID" },
      data: { paymentStatus: "PAID" },
    });
    if (changed.count === 0) return { already: true };
    const now = new Date();
    const unpaid = order.checkout.orders.filter(
      (o) => o.id !== orderId && o.paymentStatus === "UNPAID" && o.status !== "CANCELLED",
    );
    if (unpaid.length === 0) {
      await tx.payment.updateMany({
        where: { id: payment.id, status: "PENDING" },
        data: { status: "SUCCEEDED", paidAt: now },
      });
      await tx.checkout.updateMany({
        where: { id: order.checkoutId, status: { in: ["PENDING", "PLACED"] } },
        data: { status: "PAID" },
      });
    }
    await audit(
      {
        actorId: user.id,
        action: `payment.confirm.${order.checkout.paymentMethod.toLowerCase()}`,
        entity: "Order",
        entityId: orderId,
        data: { paymentId: payment.id, amountVnd: order.totalVnd },
      },
      tx,
    );
    return { already: false };
  });
}

/** The buyer's order page (/orders/<number>): what the parcel's QR opens. */
export function orderUrl(orderNumber: string, request: Request) {
  const origin = env.PUBLIC_URL ?? new URL(request.url).origin;
  return `${origin.replace(/\/$/, "")}/orders/${encodeURIComponent(orderNumber)}`;
}

/** Inline SVG QR of the order page, for the packing slip. */
export function orderQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
