// Deposits of pre-orders that will not be delivered (released, or the campaign was
// cancelled) go back through the provider that took them: app/payments' refund of
// the pre-order's order. Run after the transaction that released them; a failure is
// audited, shown on the day board, and tried again by the harvest job.
import { refundOrderPayment } from "~/payments/refund.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";

export async function refundPreOrders(
  preOrderIds: string[],
  actorId: string | null,
): Promise<{ refunded: number; failed: number }> {
  let refunded = 0;
  let failed = 0;
  for (const id of preOrderIds) {
    const p = await prisma.preOrder.findUnique({
      where: { id },
      select: { id: true, orderId: true, paymentStatus: true, status: true },
    });
    if (!p || p.paymentStatus !== "PAID" || !["CANCELLED", "RELEASED"].includes(p.status)) continue;
    if (!p.orderId) {
      // paid with no order to refund through: the stall pays it back by hand (board exception)
      failed++;
      continue;
    }
    try {
      const result = await refundOrderPayment(p.orderId, actorId);
      await prisma.$transaction(async (tx) => {
        await tx.preOrder.updateMany({
          where: { id, paymentStatus: "PAID" },
          data: { paymentStatus: "REFUNDED" },
        });
        await audit(
          {
            actorId,
            action: "harvest.preorder.refund",
            entity: "PreOrder",
            entityId: id,
            data: { kind: result.kind, amountVnd: "amountVnd" in result ? result.amountVnd : 0 },
          },
          tx,
        );
      });
      refunded++;
    } catch (e) {
      failed++;
      await audit({
        actorId,
        action: "harvest.preorder.refund.failed",
        entity: "PreOrder",
        entityId: id,
        data: { message: String((e as Error).message).slice(0, 300) },
      });
    }
  }
  return { refunded, failed };
}

/** Pre-orders released or cancelled whose money has not gone back yet (retried by the job). */
export function refundsOutstanding(campaignId?: string) {
  return prisma.preOrder.findMany({
    where: {
      ...(campaignId ? { campaignId } : {}),
      paymentStatus: "PAID",
      status: { in: ["CANCELLED", "RELEASED"] },
    },
    select: { id: true, campaignId: true, orderId: true, amountDueVnd: true },
    take: 200,
  });
}
