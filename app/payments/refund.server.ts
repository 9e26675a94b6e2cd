import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { stripe } from "./stripe.server";

export type RefundResult =
  | { kind: "refunded"; refundId: string; amountVnd: number } // money went back through Stripe
  | { kind: "manual"; refundId: string; amountVnd: number } // COD/VietQR: the stall pays back by hand
  | { kind: "nothing" }; // order was never paid

export class RefundError extends Error {
  constructor(
    public code: "refund.orderNotFound" | "refund.providerFailed",
    message?: string,
  ) {
    super(message ?? code);
  }
}

/**
 * Gives a paid order's money back through the provider that took it. Safe to
 * call twice: the Refund row per order and the Stripe idempotency key make a
 * second call return the first result. Order status changes (CANCELLED ->
 * REFUNDED) stay with the caller's transitionOrder.
 */
export async function refundOrderPayment(
  orderId: string,
  actorId: string | null,
): Promise<RefundResult> {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: {
      checkout: {
        include: {
          payments: { where: { status: { in: ["SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED"] } } },
        },
      },
      refunds: true,
    },
  });
  if (!order) throw new RefundError("refund.orderNotFound");
  const done = order.refunds.find((r) => r.status === "SUCCEEDED");
  const payment = order.checkout.payments[0];
  if (done)
    return {
      kind: payment?.provider === "STRIPE" ? "refunded" : "manual",
      refundId: done.id,
      amountVnd: done.amountVnd,
    };
  if (order.paymentStatus !== "PAID" || !payment) return { kind: "nothing" };

  const refund =
    order.refunds.find((r) => r.status === "PENDING") ??
    (await prisma.refund.create({
      data: { paymentId: payment.id, orderId, amountVnd: order.totalVnd },
    }));

  if (payment.provider !== "STRIPE") {
    // Cash and bank transfers cannot be reversed by us: record it for the stall.
    await prisma.$transaction(async (tx) => {
      await tx.refund.update({ where: { id: refund.id }, data: { status: "SUCCEEDED" } });
      await tx.order.update({ where: { id: orderId }, data: { paymentStatus: "REFUNDED" } });
      await audit(
        {
          actorId,
          action: "payment.refund.manual",
          entity: "Order",
          entityId: orderId,
          data: { amountVnd: refund.amountVnd, provider: payment.provider },
        },
        tx,
      );
    });
    return { kind: "manual", refundId: refund.id, amountVnd: refund.amountVnd };
  }

  let providerRef: string;
  try {
    const created = await stripe().refunds.create(
      {
        payment_intent: payment.paymentIntent ?? undefined,
        amount: refund.amountVnd,
        metadata: { orderId, refundId: refund.id },
      },
      { idempotencyKey: `refund-${refund.id}` },
    );
    providerRef = created.id;
  } catch (e) {
    await prisma.refund.update({ where: { id: refund.id }, data: { status: "PENDING" } });
    throw new RefundError("refund.providerFailed", (e as Error).message);
  }
  await prisma.$transaction(async (tx) => {
    await tx.refund.update({
      where: { id: refund.id },
      data: { status: "SUCCEEDED", providerRef },
    });
    await tx.order.update({ where: { id: orderId }, data: { paymentStatus: "REFUNDED" } });
    const refunded = await tx.refund.aggregate({
      where: { paymentId: payment.id, status: "SUCCEEDED" },
      _sum: { amountVnd: true },
    });
    await tx.payment.update({
      where: { id: payment.id },
      data: {
        status:
          (refunded._sum.amountVnd ?? 0) >= payment.amountVnd ? "REFUNDED" : "PARTIALLY_REFUNDED",
      },
    });
    await audit(
      {
        actorId,
        action: "payment.refund",
        entity: "Order",
        entityId: orderId,
        data: { amountVnd: refund.amountVnd, providerRef },
      },
      tx,
    );
  });
  return { kind: "refunded", refundId: refund.id, amountVnd: refund.amountVnd };
}
