// Money going back to a buyer, for an order or a harvest pre-order: one path
// (decision 0050). As payments do (decision 0005), the Refund row is written first,
// with an idempotency key per reason, in the caller's transaction; the provider is
// asked after, with that row's id as Stripe's idempotency key; its answer is
// recorded with the state change, an audit row and an SMS in one transaction.
// A crash in between leaves a PENDING row that settleRefund (the harvest job, the
// console's retry) finishes: Stripe returns the same refund for the same key.
import { formatVnd } from "~/domain/money";
import { preorderRef } from "~/harvest/format";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { stripe } from "./stripe.server";

type Tx = Prisma.TransactionClient;

export type RefundReason =
  | "ORDER_CANCELLED"
  | "PREORDER_CANCELLED"
  | "PREORDER_RELEASED"
  | "CAMPAIGN_CANCELLED"
  | "LATE_DELIVERY";

export type RefundResult =
  | { kind: "refunded"; refundId: string; amountVnd: number } // money went back through Stripe
  | { kind: "manual"; refundId: string; amountVnd: number } // recorded as paid back by hand (COD/VietQR order, or a confirmed payout)
  | { kind: "payout"; refundId: string; amountVnd: number } // bank transfer: a payout the cooperative still has to make
  | { kind: "pending"; refundId: string; amountVnd: number } // card: asked, the answer not recorded yet (another caller or the job finishes it)
  | { kind: "nothing" }; // nothing paid, or nothing left to give back

export class RefundError extends Error {
  constructor(
    public code:
      "refund.orderNotFound" | "refund.notFound" | "refund.providerFailed" | "refund.notPayout",
    message?: string,
  ) {
    super(message ?? code);
  }
}

/** Someone asking Stripe holds the row this long; after that a retry may ask again. */
const LEASE_MS = 60_000;
const PAID_STATES = ["SUCCEEDED", "PARTIALLY_REFUNDED"];

export type RefundRequest = {
  paymentId: string;
  amountVnd: number;
  reason: RefundReason;
  /** one refund per reason: a second request with the key returns the first row */
  idempotencyKey: string;
  orderId?: string | null;
  preOrderId?: string | null;
  /** bank transfer: who the cooperative pays back */
  payee?: { name: string; phone: string };
  actorId: string | null;
};

export type OpenedRefund = {
  id: string;
  amountVnd: number;
  status: string;
  provider: string;
  created: boolean;
};

const isUnique = (e: unknown) => (e as { code?: string }).code === "P2002";

/**
 * Writes the Refund row inside the caller's transaction, before anyone asks the
 * provider. The same key returns the row already there (created: false). The
 * amount is capped at what is left of the payment (partial refunds add up to it,
 * never beyond); null when nothing is left or the payment was never taken.
 * A bank-transfer refund is a payout task: the seller is told in the same transaction.
 */
export async function openRefund(tx: Tx, r: RefundRequest): Promise<OpenedRefund | null> {
  const existing = await tx.refund.findUnique({
    where: { idempotencyKey: r.idempotencyKey },
    include: { payment: { select: { provider: true } } },
  });
  if (existing) return { ...shape(existing), created: false };
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: r.paymentId } });
  if (!PAID_STATES.includes(payment.status)) return null;
  const taken = await tx.refund.aggregate({
    where: { paymentId: payment.id, status: { not: "FAILED" } },
    _sum: { amountVnd: true },
  });
  const amountVnd = Math.min(
    Math.floor(r.amountVnd),
    payment.amountVnd - (taken._sum.amountVnd ?? 0),
  );
  if (amountVnd <= 0) return null;
  const row = await tx.refund.create({
    data: {
      paymentId: payment.id,
      orderId: r.orderId ?? null,
      preOrderId: r.preOrderId ?? null,
      amountVnd,
      reason: r.reason,
      idempotencyKey: r.idempotencyKey,
      payeeName: r.payee?.name ?? "",
      payeePhone: r.payee?.phone ?? "",
    },
  });
  const manual = payment.provider !== "STRIPE";
  await audit(
    {
      actorId: r.actorId,
      action: manual ? "payment.refund.payout" : "payment.refund.open",
      entity: "Refund",
      entityId: row.id,
      data: {
        amountVnd,
        reason: r.reason,
        provider: payment.provider,
        orderId: r.orderId ?? null,
        preOrderId: r.preOrderId ?? null,
      },
    },
    tx,
  );
  if (manual) {
    // the seller's task: pay it back by transfer and confirm it in the console
    const party = await partyOf(tx, row);
    if (party.sellerPhone)
      await enqueue(tx, "notify.sms", party.sellerPhone, {
        template: "refund.payout",
        refundId: row.id,
        subject: `Hoàn tiền ${party.ref}`,
        body: `Xứ Trà: cần chuyển trả ${formatVnd(amountVnd)} cho ${row.payeeName || "người mua"} ${row.payeePhone} (${party.ref}), rồi xác nhận trong trang quản lý.\nXu Tra: please transfer ${formatVnd(amountVnd)} back to ${row.payeeName || "the buyer"} ${row.payeePhone} (${party.ref}) and confirm it in the console.`,
      });
  }
  return { ...shape({ ...row, payment }), created: true };
}

function shape(r: {
  id: string;
  amountVnd: number;
  status: string;
  payment: { provider: string };
}) {
  return { id: r.id, amountVnd: r.amountVnd, status: r.status, provider: r.payment.provider };
}

/** Opens the refund in its own transaction; a concurrent request with the same key finds the winner's row. */
export async function requestRefund(r: RefundRequest): Promise<OpenedRefund | null> {
  try {
    return await prisma.$transaction((tx) => openRefund(tx, r));
  } catch (e) {
    if (!isUnique(e)) throw e;
    return prisma.$transaction((tx) => openRefund(tx, r));
  }
}

/** Who the refund is for and who pays it: the order's checkout, or the pre-order. */
async function partyOf(tx: Tx, r: { orderId: string | null; preOrderId: string | null }) {
  if (r.preOrderId) {
    const p = await tx.preOrder.findUniqueOrThrow({
      where: { id: r.preOrderId },
      select: {
        id: true,
        phone: true,
        buyer: { select: { phone: true } },
        campaign: { select: { stall: { select: { phone: true } } } },
      },
    });
    return {
      ref: preorderRef(p.id),
      buyerPhone: p.phone || p.buyer.phone,
      sellerPhone: p.campaign.stall.phone,
    };
  }
  if (r.orderId) {
    const o = await tx.order.findUniqueOrThrow({
      where: { id: r.orderId },
      select: {
        number: true,
        checkout: { select: { phone: true } },
        stall: { select: { phone: true } },
      },
    });
    return { ref: o.number, buyerPhone: o.checkout.phone, sellerPhone: o.stall.phone };
  }
  return { ref: "", buyerPhone: null, sellerPhone: null };
}

function resultOf(r: { id: string; amountVnd: number; status: string }, provider: string) {
  const base = { refundId: r.id, amountVnd: r.amountVnd };
  if (r.status === "SUCCEEDED")
    return { kind: provider === "STRIPE" ? "refunded" : "manual", ...base } as RefundResult;
  return { kind: provider === "STRIPE" ? "pending" : "payout", ...base } as RefundResult;
}

/**
 * Records a refund as done, with its effects, in one transaction: the row (only
 * from PENDING, so two callers record once), the payment's status, the order's or
 * pre-order's payment status once everything paid for it went back, an audit row
 * and an SMS to the buyer. Returns false when someone else recorded it first.
 */
async function recordSettled(
  tx: Tx,
  refundId: string,
  done: { providerRef?: string; note?: string; actorId: string | null; action: string },
): Promise<boolean> {
  const moved = await tx.refund.updateMany({
    where: { id: refundId, status: "PENDING" },
    data: {
      status: "SUCCEEDED",
      settledAt: new Date(),
      settledById: done.actorId,
      ...(done.providerRef ? { providerRef: done.providerRef } : {}),
      ...(done.note !== undefined ? { note: done.note } : {}),
    },
  });
  if (moved.count !== 1) return false;
  const r = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    include: { payment: true },
  });
  const back = async (where: Prisma.RefundWhereInput) =>
    (
      await tx.refund.aggregate({
        where: { ...where, status: "SUCCEEDED" },
        _sum: { amountVnd: true },
      })
    )._sum.amountVnd ?? 0;
  const onPayment = await back({ paymentId: r.paymentId });
  await tx.payment.update({
    where: { id: r.paymentId },
    data: { status: onPayment >= r.payment.amountVnd ? "REFUNDED" : "PARTIALLY_REFUNDED" },
  });
  if (r.orderId) {
    const order = await tx.order.findUniqueOrThrow({ where: { id: r.orderId } });
    if ((await back({ orderId: r.orderId })) >= order.totalVnd)
      await tx.order.update({ where: { id: r.orderId }, data: { paymentStatus: "REFUNDED" } });
  }
  if (r.preOrderId) {
    // a compensation is money on top, not the deposit coming back: it does not end "paid"
    const returned = await back({ preOrderId: r.preOrderId, reason: { not: "LATE_DELIVERY" } });
    if (returned >= r.payment.amountVnd)
      await tx.preOrder.updateMany({
        where: { id: r.preOrderId, paymentStatus: "PAID" },
        data: { paymentStatus: "REFUNDED" },
      });
  }
  await audit(
    {
      actorId: done.actorId,
      action: done.action,
      entity: r.preOrderId ? "PreOrder" : "Order",
      entityId: r.preOrderId ?? r.orderId,
      data: {
        refundId: r.id,
        amountVnd: r.amountVnd,
        reason: r.reason,
        provider: r.payment.provider,
        providerRef: r.providerRef,
        note: r.note || undefined,
      },
    },
    tx,
  );
  const party = await partyOf(tx, r);
  if (party.buyerPhone) {
    const card = r.payment.provider === "STRIPE";
    await enqueue(tx, "notify.sms", party.buyerPhone, {
      template: "refund.done",
      refundId: r.id,
      subject: `Hoàn tiền ${party.ref}`,
      body: `Xứ Trà: đã hoàn ${formatVnd(r.amountVnd)} cho ${party.ref} ${card ? "về thẻ của bạn" : "bằng chuyển khoản"}.\nXu Tra: ${formatVnd(r.amountVnd)} refunded for ${party.ref} ${card ? "to your card" : "by bank transfer"}.`,
    });
  }
  return true;
}

/**
 * Asks the provider for a PENDING card refund and records its answer. One caller
 * at a time holds the row (a one-minute lease), so concurrent cancels ask Stripe
 * once; Stripe's idempotency key is the row's id, so asking again after a crash
 * returns the same refund. A bank-transfer refund waits for the seller (payout).
 */
export async function settleRefund(
  refundId: string,
  actorId: string | null,
): Promise<RefundResult> {
  const r = await prisma.refund.findUnique({
    where: { id: refundId },
    include: { payment: true },
  });
  if (!r) throw new RefundError("refund.notFound");
  if (r.status !== "PENDING" || r.payment.provider !== "STRIPE")
    return resultOf(r, r.payment.provider);
  const at = new Date();
  const claimed = await prisma.refund.updateMany({
    where: {
      id: r.id,
      status: "PENDING",
      OR: [{ attemptedAt: null }, { attemptedAt: { lt: new Date(at.getTime() - LEASE_MS) } }],
    },
    data: { attemptedAt: at },
  });
  if (claimed.count !== 1) return resultOf(r, "STRIPE"); // someone is asking Stripe right now
  let providerRef: string;
  try {
    const created = await stripe().refunds.create(
      {
        payment_intent: r.payment.paymentIntent ?? undefined,
        amount: r.amountVnd,
        metadata: {
          refundId: r.id,
          reason: r.reason,
          ...(r.orderId ? { orderId: r.orderId } : {}),
          ...(r.preOrderId ? { preOrderId: r.preOrderId } : {}),
        },
      },
      { idempotencyKey: `refund-${r.id}` },
    );
    providerRef = created.id;
  } catch (e) {
    // stays PENDING (shown to the seller, retried); the lease is let go so a retry may ask at once
    await prisma.refund.update({
      where: { id: r.id },
      data: { attemptedAt: null, note: String((e as Error).message).slice(0, 300) },
    });
    throw new RefundError("refund.providerFailed", (e as Error).message);
  }
  await prisma.$transaction((tx) =>
    recordSettled(tx, r.id, { providerRef, note: "", actorId, action: "payment.refund" }),
  );
  const after = await prisma.refund.findUniqueOrThrow({ where: { id: r.id } });
  return resultOf(after, "STRIPE");
}

/**
 * The seller confirms a bank-transfer refund was paid out (with the transfer's
 * reference). Conditional on the row still being PENDING: confirmed once.
 */
export async function confirmPayout(
  refundId: string,
  actorId: string,
  reference: string,
): Promise<RefundResult> {
  const r = await prisma.refund.findUnique({ where: { id: refundId }, include: { payment: true } });
  if (!r) throw new RefundError("refund.notFound");
  if (r.payment.provider === "STRIPE") throw new RefundError("refund.notPayout");
  await prisma.$transaction((tx) =>
    recordSettled(tx, r.id, { note: reference, actorId, action: "payment.refund.manual" }),
  );
  const after = await prisma.refund.findUniqueOrThrow({ where: { id: r.id } });
  return resultOf(after, r.payment.provider);
}

/** Card refunds asked and not recorded (a crash, Stripe unreachable), older than the lease: the job settles them. */
export async function settleStaleRefunds(actorId: string | null = null) {
  const stale = await prisma.refund.findMany({
    where: {
      status: "PENDING",
      payment: { provider: "STRIPE" },
      createdAt: { lt: new Date(Date.now() - LEASE_MS) },
    },
    select: { id: true },
    take: 100,
  });
  let settled = 0;
  for (const r of stale) {
    try {
      if ((await settleRefund(r.id, actorId)).kind === "refunded") settled++;
    } catch (e) {
      if (!(e instanceof RefundError)) throw e;
    }
  }
  return settled;
}

/**
 * Gives a paid order's money back through the provider that took it. Safe to
 * call twice: the Refund row per order and the Stripe idempotency key make a
 * second call return the first result. A COD or VietQR order is recorded as paid
 * back by the stall, whose cancel says so. Order status changes (CANCELLED ->
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
      refunds: { include: { payment: { select: { provider: true } } } },
    },
  });
  if (!order) throw new RefundError("refund.orderNotFound");
  const payment = order.checkout.payments[0];
  const done = order.refunds.find((r) => r.status === "SUCCEEDED");
  if (done) return resultOf(done, done.payment.provider);
  if (order.paymentStatus !== "PAID" || !payment) return { kind: "nothing" };
  // a row left PENDING by an earlier try (before refunds had keys) is the same refund
  const earlier = order.refunds.find((r) => r.status === "PENDING");
  const refund = earlier
    ? shape(earlier)
    : await requestRefund({
        paymentId: payment.id,
        orderId,
        amountVnd: order.totalVnd,
        reason: "ORDER_CANCELLED",
        idempotencyKey: `order:${orderId}:cancel`,
        payee: { name: order.checkout.recipient, phone: order.checkout.phone },
        actorId,
      });
  if (!refund) return { kind: "nothing" };
  if (refund.provider !== "STRIPE") {
    // cash and bank transfers cannot be reversed by us: the stall's cancel records it paid back
    await prisma.$transaction((tx) =>
      recordSettled(tx, refund.id, { actorId, action: "payment.refund.manual" }),
    );
    return { kind: "manual", refundId: refund.id, amountVnd: refund.amountVnd };
  }
  const result = await settleRefund(refund.id, actorId);
  // another caller is asking Stripe right now: not refunded yet, as far as the order's status goes
  if (result.kind === "pending") throw new RefundError("refund.providerFailed", "in progress");
  return result;
}
