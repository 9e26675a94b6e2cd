// Up-front money of pre-orders that will not be delivered (released, cancelled by
// the buyer before the cut-off, the campaign cancelled, units taken back after
// weighing) goes back through the provider that took it, by app/payments' one
// refund path (decision 0050). A card refund goes back to the card; a VietQR
// transfer becomes a payout task the cooperative confirms in the console
// (/console/campaigns/:id/refunds). Failures stay PENDING, are listed on the day
// board and settled by the harvest job.
import {
  confirmPayout,
  openRefund,
  settleRefund,
  settleStaleRefunds,
  type RefundReason,
  type RefundResult,
} from "~/payments/refund.server";
import { formatVnd } from "~/domain/money";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { amountDue } from "./campaign-page.server";
import { compensationsOf } from "./compensation.server";
import { preorderRef } from "./format";
import { returnDue } from "./rules/compensation";

type Tx = Prisma.TransactionClient;
const PAID_STATES = ["SUCCEEDED", "PARTIALLY_REFUNDED"];

/** Units still to be delivered once nothing more can be awarded; null while the pre-order may still get more. */
function keptUnits(p: { status: string; queueDay: string | null; allocatedUnits: number | null }) {
  if (p.status === "CANCELLED" || p.status === "RELEASED") return 0;
  if ((p.status === "ALLOCATED" || p.status === "CONFIRMED") && !p.queueDay)
    return p.allocatedUnits ?? 0;
  return null;
}

async function readForReturn(tx: Tx, id: string) {
  return tx.preOrder.findUnique({
    where: { id },
    include: {
      campaign: { select: { status: true, priceVnd: true, depositPct: true } },
      checkout: { include: { payments: true } },
      refunds: true,
      buyer: { select: { phone: true } },
    },
  });
}

/**
 * Opens (in the caller's transaction) the refund of what a pre-order paid up front
 * for units it will not get: paid − the up-front share of the units kept − what
 * went back already. Keyed by the units kept ("preorder:<id>:return:<kept>"):
 * kept units only go down, so each step is refunded once however often it is
 * asked, and two cancels at once make one row. Null when nothing is owed.
 */
export async function openPreorderReturn(
  tx: Tx,
  id: string,
  actorId: string | null,
  reason?: RefundReason,
) {
  const p = await readForReturn(tx, id);
  if (!p || p.paymentStatus !== "PAID") return null;
  const payment = p.checkout?.payments.find((x) => PAID_STATES.includes(x.status));
  const kept = keptUnits(p);
  if (!payment || kept === null) return null;
  const keptUpfrontVnd = Math.min(
    amountDue(p.paymentMethod, kept, p.campaign.priceVnd, p.campaign.depositPct),
    payment.amountVnd,
  );
  const returnedVnd = p.refunds
    .filter((r) => r.reason !== "LATE_DELIVERY" && r.status !== "FAILED")
    .reduce((s, r) => s + r.amountVnd, 0);
  const due = returnDue({ paidVnd: payment.amountVnd, keptUpfrontVnd, returnedVnd });
  const key = `preorder:${id}:return:${kept}`;
  const already = p.refunds.find((r) => r.idempotencyKey === key);
  if (already) return { id: already.id, amountVnd: already.amountVnd, created: false };
  if (due <= 0) return null;
  const why: RefundReason =
    reason ??
    (p.campaign.status === "CANCELLED"
      ? "CAMPAIGN_CANCELLED"
      : p.status === "CANCELLED"
        ? "PREORDER_CANCELLED"
        : "PREORDER_RELEASED");
  const opened = await openRefund(tx, {
    paymentId: payment.id,
    amountVnd: due,
    reason: why,
    idempotencyKey: key,
    preOrderId: id,
    payee: { name: p.recipient, phone: p.phone || p.buyer.phone },
    actorId,
  });
  return opened && { id: opened.id, amountVnd: opened.amountVnd, created: opened.created };
}

/** Opens and settles the return of each pre-order (after the transaction that released or cancelled them). */
export async function refundPreOrders(
  preOrderIds: string[],
  actorId: string | null,
  reason?: RefundReason,
): Promise<{ refunded: number; payouts: number; failed: number }> {
  let refunded = 0;
  let payouts = 0;
  let failed = 0;
  for (const id of preOrderIds) {
    try {
      const opened = await prisma
        .$transaction((tx) => openPreorderReturn(tx, id, actorId, reason))
        .catch(async (e) => {
          // two cancels at once: the other one's row is the refund
          if ((e as { code?: string }).code !== "P2002") throw e;
          return prisma.$transaction((tx) => openPreorderReturn(tx, id, actorId, reason));
        });
      const pending = opened
        ? [opened.id]
        : (
            await prisma.refund.findMany({
              where: { preOrderId: id, status: "PENDING", reason: { not: "LATE_DELIVERY" } },
              select: { id: true },
            })
          ).map((r) => r.id);
      for (const refundId of pending) {
        const result = await settleRefund(refundId, actorId);
        if (result.kind === "refunded" || result.kind === "manual") refunded++;
        else if (result.kind === "payout") payouts++;
      }
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
  return { refunded, payouts, failed };
}

/**
 * Refunds still owed on a campaign (or all): paid pre-orders released or cancelled
 * with no refund opened yet, and refunds opened and not settled (a card refund
 * Stripe has not answered, a transfer the cooperative has not confirmed).
 */
export async function refundsOutstanding(campaignId?: string) {
  const scope = campaignId ? { campaignId } : {};
  const [unopened, open] = await Promise.all([
    prisma.preOrder.findMany({
      where: {
        ...scope,
        paymentStatus: "PAID",
        status: { in: ["CANCELLED", "RELEASED"] },
        // nothing kept: the last return is keyed ":return:0"
        refunds: { none: { idempotencyKey: { endsWith: ":return:0" } } },
      },
      select: { id: true, campaignId: true, orderId: true, amountDueVnd: true },
      take: 200,
    }),
    prisma.refund.findMany({
      where: {
        status: "PENDING",
        ...(campaignId ? { preOrder: { campaignId } } : { preOrderId: { not: null } }),
      },
      select: {
        amountVnd: true,
        preOrder: { select: { id: true, campaignId: true, orderId: true } },
      },
      take: 200,
    }),
  ]);
  const rows = new Map(unopened.map((p) => [p.id, p]));
  for (const r of open)
    if (r.preOrder && !rows.has(r.preOrder.id))
      rows.set(r.preOrder.id, { ...r.preOrder, amountDueVnd: r.amountVnd });
  return [...rows.values()];
}

/** The harvest job's part: open what is owed, settle card refunds left pending (crash, Stripe down). */
export async function settleOutstandingRefunds() {
  const owed = await refundsOutstanding();
  const unopened = owed.filter((p) => p.amountDueVnd > 0).map((p) => p.id);
  const r = unopened.length ? await refundPreOrders(unopened, null) : { refunded: 0 };
  return { refunded: r.refunded + (await settleStaleRefunds(null)) };
}

// ---------- the cooperative's tasks: transfers to pay back, credits to honour ----------

/** Bank-transfer refunds to pay out and credits owed, for one campaign (the console's refunds page). */
export async function refundTasks(campaignId: string) {
  const [payouts, credits, done] = await Promise.all([
    prisma.refund.findMany({
      where: {
        status: "PENDING",
        preOrder: { campaignId },
        payment: { provider: { not: "STRIPE" } },
      },
      orderBy: { createdAt: "asc" },
      include: { preOrder: { select: { id: true, recipient: true, phone: true } } },
    }),
    prisma.storeCredit.findMany({
      where: { status: "OPEN", preOrder: { campaignId } },
      orderBy: { createdAt: "asc" },
      include: { preOrder: { select: { id: true, recipient: true, phone: true } } },
    }),
    prisma.refund.findMany({
      where: { status: { not: "PENDING" }, preOrder: { campaignId } },
      orderBy: { createdAt: "desc" },
      take: 50,
      include: { payment: { select: { provider: true } }, preOrder: { select: { id: true } } },
    }),
  ]);
  return {
    payouts: payouts.map((r) => ({
      id: r.id,
      ref: preorderRef(r.preOrderId!),
      amountVnd: r.amountVnd,
      reason: r.reason as RefundReason,
      payeeName: r.payeeName || r.preOrder?.recipient || "",
      payeePhone: r.payeePhone || r.preOrder?.phone || "",
      createdAt: r.createdAt.toISOString(),
    })),
    credits: credits.map((c) => ({
      id: c.id,
      ref: c.preOrderId ? preorderRef(c.preOrderId) : "",
      amountVnd: c.amountVnd,
      kind: c.kind,
      name: c.preOrder?.recipient ?? "",
      phone: c.preOrder?.phone ?? "",
      createdAt: c.createdAt.toISOString(),
    })),
    done: done.map((r) => ({
      id: r.id,
      ref: r.preOrder ? preorderRef(r.preOrder.id) : "",
      amountVnd: r.amountVnd,
      reason: r.reason as RefundReason,
      status: r.status,
      card: r.payment.provider === "STRIPE",
      note: r.note,
      settledAt: r.settledAt?.toISOString() ?? null,
    })),
  };
}

export type TaskOutcome = { ok: true } | { ok: false; error: "refund.error.notFound" };

/** The seller paid a transfer back: only a payout of this campaign's pre-orders, once. */
export async function confirmPreorderPayout(
  campaignId: string,
  refundId: string,
  actorId: string,
  reference: string,
): Promise<TaskOutcome> {
  const r = await prisma.refund.findFirst({
    where: { id: refundId, preOrder: { campaignId }, payment: { provider: { not: "STRIPE" } } },
    select: { id: true },
  });
  if (!r) return { ok: false, error: "refund.error.notFound" };
  await confirmPayout(r.id, actorId, reference);
  return { ok: true };
}

/** The cooperative honoured a credit (taken off the collection, or paid back): settled once, audited, the buyer told. */
export async function settleCredit(
  campaignId: string,
  creditId: string,
  actorId: string,
  note: string,
): Promise<TaskOutcome> {
  const c = await prisma.storeCredit.findFirst({
    where: { id: creditId, preOrder: { campaignId } },
    include: {
      preOrder: { select: { id: true, phone: true, buyer: { select: { phone: true } } } },
    },
  });
  if (!c || !c.preOrder) return { ok: false, error: "refund.error.notFound" };
  const p = c.preOrder;
  await prisma.$transaction(async (tx) => {
    const moved = await tx.storeCredit.updateMany({
      where: { id: c.id, status: "OPEN" },
      data: { status: "SETTLED", settledAt: new Date(), settledById: actorId, note },
    });
    if (moved.count !== 1) return;
    await audit(
      {
        actorId,
        action: "harvest.credit.settled",
        entity: "PreOrder",
        entityId: p.id,
        data: { creditId: c.id, amountVnd: c.amountVnd, kind: c.kind, note },
      },
      tx,
    );
    await enqueue(tx, "notify.sms", p.phone || p.buyer.phone, {
      template: "credit.settled",
      creditId: c.id,
      subject: `Bồi hoàn ${preorderRef(p.id)}`,
      body: `Xứ Trà: khoản bồi hoàn ${formatVnd(c.amountVnd)} của ${preorderRef(p.id)} đã được trả cho bạn.\nXu Tra: the ${formatVnd(c.amountVnd)} compensation for ${preorderRef(p.id)} has been paid to you.`,
    });
  });
  return { ok: true };
}

export type { RefundResult };

/** What went back to the buyer on a pre-order: refunds (card or transfer, done or on the way), late deliveries and credits. */
export async function moneyBack(preOrderId: string) {
  const [refunds, late, credits] = await Promise.all([
    prisma.refund.findMany({
      where: { preOrderId, status: { not: "FAILED" } },
      orderBy: { createdAt: "asc" },
      include: { payment: { select: { provider: true } } },
    }),
    compensationsOf(preOrderId),
    prisma.storeCredit.findMany({ where: { preOrderId }, orderBy: { createdAt: "asc" } }),
  ]);
  return {
    refunds: refunds.map((r) => ({
      id: r.id,
      amountVnd: r.amountVnd,
      status: r.status === "SUCCEEDED" ? ("SUCCEEDED" as const) : ("PENDING" as const),
      card: r.payment.provider === "STRIPE",
      reason: r.reason as RefundReason,
    })),
    late,
    credits: credits.map((c) => ({
      id: c.id,
      amountVnd: c.amountVnd,
      kind: c.kind === "OFF_COLLECTION" ? ("OFF_COLLECTION" as const) : ("STORE" as const),
      settled: c.status === "SETTLED",
    })),
  };
}
