// Card payments through Stripe Checkout. The session is created with an
// idempotency key; the order becomes paid only from the signed webhook, once,
// and only when Stripe's API confirms the session is paid in full (decision 0038).
import type Stripe from "stripe";
import { CheckoutError, placeOrders, releaseCheckout } from "~/checkout/checkout.server";
import { formatVnd } from "~/domain/money";
import { splitByStall } from "~/domain/pricing";
import { preorderRef } from "~/harvest/format";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { sessionMismatches } from "./session-check";
import { stripe } from "./stripe.server";

/** Creates (or, for the same attempt, re-fetches) the Stripe Checkout session for a pending card checkout. */
export async function createCardSession(checkoutId: string, origin: string): Promise<string> {
  const checkout = await prisma.checkout.findUniqueOrThrow({
    where: { id: checkoutId },
    include: {
      reservations: {
        where: { status: "HELD" },
        include: { variant: { include: { product: { include: { stall: true } } } } },
      },
      payments: true,
    },
  });
  if (checkout.status !== "PENDING" || checkout.paymentMethod !== "CARD")
    throw new CheckoutError("checkout.notPending");
  // the reserved price, not today's: the order will be placed at it (placeOrders)
  const lines = checkout.reservations.map((r) => ({
    stallId: r.variant.product.stallId,
    unitPriceVnd: r.unitPriceVnd ?? r.variant.priceVnd,
    quantity: r.quantity,
    stallName: r.variant.product.stall.name,
  }));
  const rules = Object.fromEntries(
    checkout.reservations.map((r) => [r.variant.product.stallId, r.variant.product.stall]),
  );
  const { stalls, totalVnd } = splitByStall(lines, rules);
  const attempt = checkout.payments.filter((p) => p.provider === "STRIPE").length + 1;
  const idempotencyKey = `xutra-session-${checkout.id}-${attempt}`;
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      currency: "vnd",
      client_reference_id: checkout.id,
      metadata: { checkoutId: checkout.id },
      payment_intent_data: { metadata: { checkoutId: checkout.id } },
      // VND is zero-decimal for Stripe: amounts are whole đồng.
      line_items: stalls.map((s) => ({
        quantity: 1,
        price_data: {
          currency: "vnd",
          unit_amount: s.totalVnd,
          product_data: {
            name: `${s.lines[0].stallName} (${s.lines.reduce((n, l) => n + l.quantity, 0)})`,
          },
        },
      })),
      expires_at: Math.floor(checkout.expiresAt.getTime() / 1000),
      success_url: `${origin}/checkout/${checkout.id}?paid=1`,
      cancel_url: `${origin}/checkout/${checkout.id}?cancelled=1`,
    },
    { idempotencyKey },
  );
  await prisma.payment.upsert({
    where: { idempotencyKey },
    create: {
      checkoutId: checkout.id,
      provider: "STRIPE",
      amountVnd: totalVnd,
      providerRef: session.id,
      idempotencyKey,
    },
    update: {},
  });
  if (!session.url) throw new Error("Stripe returned no checkout URL");
  return session.url;
}

export type WebhookOutcome = "processed" | "duplicate" | "ignored" | "refunded" | "mismatch";

const PAID_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
]);
const SESSION_EVENTS = new Set([...PAID_EVENTS, "checkout.session.expired"]);

/**
 * The session as Stripe's API reports it now. The event body is signed, but a
 * signature only proves who sent it, not that it is true (a leaked secret, a
 * replayed or crafted body): we act on what Stripe says (decision 0038).
 */
async function sessionFromStripe(event: Stripe.Event): Promise<Stripe.Checkout.Session | null> {
  const claimed = (event.data.object as { id?: unknown }).id;
  if (typeof claimed !== "string" || !/^cs_[A-Za-z0-9_]+$/.test(claimed)) return null;
  try {
    return await stripe().checkout.sessions.retrieve(claimed);
  } catch (e) {
    if ((e as { code?: string }).code === "resource_missing") return null;
    throw e; // Stripe unreachable: answer 500, Stripe delivers again
  }
}

/**
 * Applies one verified Stripe event. The WebhookEvent row is written in the
 * same transaction as its effect: a replay (or a second delivery) finds it and
 * changes nothing; a crash before commit leaves neither.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  if (await prisma.webhookEvent.findUnique({ where: { id: event.id } })) {
    // a re-delivery after the automatic refund failed (Stripe unreachable): try it again
    if (!PAID_EVENTS.has(event.type)) return "duplicate";
    const session = await sessionFromStripe(event);
    return session && (await retryAutoRefund(session)) ? "refunded" : "duplicate";
  }
  const session = SESSION_EVENTS.has(event.type) ? await sessionFromStripe(event) : null;
  const claimed = event.data.object as Partial<Stripe.Checkout.Session>;
  let refundSession: Stripe.Checkout.Session | null = null;
  // canPlace=false is the second try after the orders could not be placed
  // (stock gone): the first transaction rolled back whole, this one records
  // the payment, cancels the checkout and the money is sent back.
  const apply = (canPlace: boolean) =>
    prisma.$transaction(async (tx) => {
      await tx.webhookEvent.create({
        data: { id: event.id, provider: "STRIPE", type: event.type, processedAt: new Date() },
      });
      if (!SESSION_EVENTS.has(event.type)) return "ignored" as const;
      const claimsPaid = PAID_EVENTS.has(event.type) && claimed.payment_status === "paid";
      const payment = session
        ? await tx.payment.findUnique({ where: { providerRef: session.id } })
        : null;
      if (!session || !payment || payment.provider !== "STRIPE") {
        // a signed event about a session Stripe does not know, or that is not ours
        if (claimsPaid)
          await paymentAlert(tx, typeof claimed.id === "string" ? claimed.id : null, {
            event: event.id,
            reasons: [session ? "checkout" : "session"],
            claimed: claimedFacts(claimed),
          });
        return claimsPaid ? ("mismatch" as const) : ("ignored" as const);
      }
      if (event.type === "checkout.session.expired") {
        if (session.status !== "expired") return "ignored" as const; // Stripe says otherwise: a stale or crafted event
        await tx.payment.updateMany({
          where: { id: payment.id, status: "PENDING" },
          data: { status: "FAILED" },
        });
        return "processed" as const;
      }
      const reasons = sessionMismatches(session, {
        sessionId: session.id,
        checkoutId: payment.checkoutId,
        amountVnd: payment.amountVnd,
        currency: "vnd",
      });
      if (reasons.length) {
        // an honest "completed, payment still processing" is not an alert; anything else is
        const pending = reasons.length === 1 && reasons[0] === "unpaid" && !claimsPaid;
        if (pending) return "ignored" as const;
        await paymentAlert(tx, session.id, {
          event: event.id,
          checkoutId: payment.checkoutId,
          reasons,
          expected: { amountVnd: payment.amountVnd, currency: "vnd" },
          stripe: {
            status: session.status,
            payment_status: session.payment_status,
            amount_total: session.amount_total,
            currency: session.currency,
          },
          claimed: claimedFacts(claimed),
        });
        return "mismatch" as const;
      }
      // paid exactly once: only a PENDING (or expired) payment can become SUCCEEDED
      const paid = await tx.payment.updateMany({
        where: { id: payment.id, status: { in: ["PENDING", "FAILED"] } },
        data: {
          status: "SUCCEEDED",
          paidAt: new Date(),
          paymentIntent:
            typeof session.payment_intent === "string"
              ? session.payment_intent
              : (session.payment_intent?.id ?? null),
        },
      });
      if (paid.count !== 1) return "duplicate" as const;
      const checkout = await tx.checkout.findUniqueOrThrow({ where: { id: payment.checkoutId } });
      if (
        !canPlace ||
        checkout.status === "PAID" ||
        checkout.status === "PLACED" ||
        checkout.status === "CANCELLED"
      ) {
        // paid twice, or too late to fulfil: give it back
        refundSession = session;
        await tx.checkout.updateMany({
          where: { id: checkout.id, status: { in: ["PENDING", "EXPIRED"] } },
          data: { status: "CANCELLED" },
        });
        return "refunded" as const;
      }
      const preOrder = await tx.preOrder.findUnique({
        where: { checkoutId: checkout.id },
        select: { id: true, phone: true, buyerId: true },
      });
      if (preOrder) {
        // a harvest pre-order's money up front (app/harvest/payment.server.ts): no stock was
        // reserved and no order is placed; the checkout and the pre-order are paid, nothing else
        await tx.checkout.updateMany({
          where: { id: checkout.id, status: { in: ["PENDING", "EXPIRED"] } },
          data: { status: "PAID" },
        });
        await tx.preOrder.updateMany({
          where: { id: preOrder.id, paymentStatus: "PENDING" },
          data: { paymentStatus: "PAID" },
        });
        await audit(
          {
            actorId: preOrder.buyerId,
            action: "payment.succeeded",
            entity: "PreOrder",
            entityId: preOrder.id,
            data: { session: session.id, amount: session.amount_total, checkoutId: checkout.id },
          },
          tx,
        );
        const ref = preorderRef(preOrder.id);
        await enqueue(tx, "notify.sms", preOrder.phone || checkout.phone, {
          template: "preorder.paid",
          preOrderId: preOrder.id,
          subject: `Đã thanh toán ${ref}`,
          body: `Xứ Trà: đã nhận ${formatVnd(payment.amountVnd)} trả bằng thẻ cho đơn đặt trước ${ref}.\nXu Tra: ${formatVnd(payment.amountVnd)} received by card for pre-order ${ref}.`,
        });
        return "processed" as const;
      }
      await placeOrders(tx, checkout.id, { paid: true }); // throws CheckoutError -> whole transaction rolls back
      await audit(
        {
          actorId: checkout.buyerId,
          action: "payment.succeeded",
          entity: "Checkout",
          entityId: checkout.id,
          data: { session: session.id, amount: session.amount_total },
        },
        tx,
      );
      return "processed" as const;
    });
  try {
    let outcome: WebhookOutcome;
    try {
      outcome = await apply(true);
    } catch (e) {
      if (!(e instanceof CheckoutError)) throw e;
      outcome = await apply(false);
    }
    if (refundSession) await refundWholeSession(refundSession);
    return outcome;
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return "duplicate"; // a concurrent delivery won
    throw e;
  }
}

/** Audit-log alert (action "payment.alert"): admins see it in the audit log; nothing is marked paid. */
async function paymentAlert(
  tx: Prisma.TransactionClient,
  sessionId: string | null,
  data: Record<string, unknown>,
) {
  await audit(
    {
      actorId: null,
      action: "payment.alert",
      entity: "Payment",
      entityId: sessionId,
      data: { alert: true, ...data },
    },
    tx,
  );
}

const claimedFacts = (c: Partial<Stripe.Checkout.Session>) => ({
  payment_status: c.payment_status ?? null,
  amount_total: c.amount_total ?? null,
  currency: c.currency ?? null,
});

/**
 * The event was applied but its automatic refund did not go through (the
 * webhook answered 500, so Stripe delivers again): the payment is still
 * SUCCEEDED on a cancelled checkout with no orders, or is a second payment of
 * a checkout another session already paid. Refund it now; the
 * idempotency key makes a refund that did reach Stripe come back as the same one.
 */
async function retryAutoRefund(session: Stripe.Checkout.Session): Promise<boolean> {
  const payment = await prisma.payment.findUnique({
    where: { providerRef: session.id },
    include: { checkout: { include: { orders: { select: { id: true } }, payments: true } } },
  });
  if (!payment || payment.status !== "SUCCEEDED" || !payment.paidAt) return false;
  const tooLate = payment.checkout.status === "CANCELLED" && !payment.checkout.orders.length;
  // paid twice: another session of the same checkout was paid first and placed the orders
  const paidTwice = payment.checkout.payments.some(
    (p) =>
      p.id !== payment.id &&
      p.provider === "STRIPE" &&
      p.paidAt &&
      p.paidAt < payment.paidAt! &&
      p.status !== "FAILED",
  );
  if (!tooLate && !paidTwice) return false;
  await refundWholeSession(session);
  return true;
}

/** Paid too late (stock gone) or twice: the money goes straight back. */
async function refundWholeSession(session: Stripe.Checkout.Session) {
  const pi =
    typeof session.payment_intent === "string"
      ? session.payment_intent
      : session.payment_intent?.id;
  if (!pi) return;
  const refund = await stripe().refunds.create(
    { payment_intent: pi },
    { idempotencyKey: `xutra-refund-session-${session.id}` },
  );
  // the money went back: the payment's status, the audit row and the buyer's SMS in one transaction
  await prisma.$transaction(async (tx) => {
    const moved = await tx.payment.updateMany({
      where: { providerRef: session.id, status: { not: "REFUNDED" } },
      data: { status: "REFUNDED" },
    });
    if (moved.count !== 1) return; // recorded already (a re-delivery)
    const payment = await tx.payment.findUniqueOrThrow({
      where: { providerRef: session.id },
      include: { checkout: { select: { phone: true } } },
    });
    await audit(
      {
        actorId: null,
        action: "payment.refund.auto",
        entity: "Payment",
        entityId: session.id,
        data: { refund: refund.id, amountVnd: refund.amount },
      },
      tx,
    );
    await enqueue(tx, "notify.sms", payment.checkout.phone, {
      template: "payment.refund.auto",
      subject: "Hoàn tiền thẻ",
      body: `Xứ Trà: khoản thanh toán thẻ ${formatVnd(refund.amount)} không dùng được (hết hàng hoặc đã trả) và đã được hoàn về thẻ của bạn.\nXu Tra: your card payment of ${formatVnd(refund.amount)} could not be used (sold out or paid twice) and was refunded to your card.`,
    });
  });
}

/** The buyer gave up on paying: release the stock now instead of waiting for expiry. */
export function abandonCardCheckout(checkoutId: string) {
  return releaseCheckout(checkoutId, "CANCELLED");
}
