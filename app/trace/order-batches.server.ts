// Order items carry the lot they were packed from (OrderItem.batchId), which is what
// links shipping/receiving to a batch in EPCIS. Checkout does not know the lot, so
// once an order is packed we link each item to the most likely lot: the newest batch
// of the same variant (else of the same product) of that stall harvested before the
// order was placed (docs/decisions/0018). Runs as a background job; idempotent.
import { prisma } from "~/utils/db.server";

const PACKED_OR_LATER = ["PACKED", "SHIPPED", "DELIVERED"];
const LOOKBACK_MS = 14 * 86_400_000; // orders touched in the last two weeks

export async function assignOrderBatches(now = new Date(), limit = 200): Promise<number> {
  const items = await prisma.orderItem.findMany({
    where: {
      batchId: null,
      order: {
        status: { in: PACKED_OR_LATER },
        updatedAt: { gte: new Date(now.getTime() - LOOKBACK_MS) },
      },
    },
    select: {
      id: true,
      variantId: true,
      variant: { select: { productId: true } },
      order: { select: { createdAt: true, stallId: true } },
    },
    take: limit,
  });
  let linked = 0;
  for (const item of items) {
    const base = {
      stallId: item.order.stallId,
      productId: item.variant.productId,
      harvestedAt: { lte: item.order.createdAt },
    };
    const batch =
      (await prisma.batch.findFirst({
        where: { ...base, variantId: item.variantId },
        orderBy: { harvestedAt: "desc" },
        select: { id: true },
      })) ??
      (await prisma.batch.findFirst({
        where: base,
        orderBy: { harvestedAt: "desc" },
        select: { id: true },
      }));
    if (!batch) continue;
    const done = await prisma.orderItem.updateMany({
      where: { id: item.id, batchId: null },
      data: { batchId: batch.id },
    });
    linked += done.count;
  }
  return linked;
}
