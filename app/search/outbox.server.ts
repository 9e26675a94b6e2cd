import type { Prisma } from "~/utils/db.server";

// Transactional outbox. Call inside the same transaction as the change, so the
// change and its announcement commit (or roll back) together.
export type OutboxTopic =
  "search.product" | "search.stall" | "search.campaign" | "notify.sms" | "notify.email";

export async function enqueue(
  tx: Prisma.TransactionClient,
  topic: OutboxTopic,
  key: string,
  payload: Record<string, unknown> = {},
) {
  await tx.outbox.create({ data: { topic, key, payload: JSON.stringify(payload) } });
}

/** A product's searchable state may have changed (content, price, stock, status, photos, certificates). */
export function enqueueProductSync(tx: Prisma.TransactionClient, productId: string) {
  return enqueue(tx, "search.product", productId);
}

/** Everything on a stall may have changed (name, status, ban, verification). */
export function enqueueStallSync(tx: Prisma.TransactionClient, stallId: string) {
  return enqueue(tx, "search.stall", stallId);
}

/** A harvest campaign's listing may have changed (status, window, price, title): app/harvest/search.server.ts. */
export function enqueueCampaignSync(tx: Prisma.TransactionClient, campaignId: string) {
  return enqueue(tx, "search.campaign", campaignId);
}
