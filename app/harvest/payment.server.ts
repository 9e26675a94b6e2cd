// Paying for a pre-order up front, with the app's existing payment parts: a
// VietQR code for the stall's account (app/payments/vietqr.server.ts) or a
// Stripe Checkout session on the pre-order's own Checkout row, confirmed by the
// signed webhook like any order (app/payments/card.server.ts).
import { vietQrFor, type VietQr } from "~/payments/vietqr.server";
import { stripe } from "~/payments/stripe.server";
import { prisma } from "~/utils/db.server";
import { now } from "~/utils/clock.server";
import { preorderRef } from "./format";

/** The transfer QR for a pre-order still to be paid by VietQR, or null (no account, account on hold, not VietQR). */
export async function preorderVietQr(p: {
  id: string;
  payment: { method: string; amountDueVnd: number; payable: boolean };
  stall: {
    bank: {
      bankBin: string | null;
      bankAccount: string | null;
      bankAccountName: string | null;
      payoutHoldSince: Date | null;
    };
  };
}): Promise<VietQr | null> {
  if (!p.payment.payable || !p.payment.method.startsWith("VIETQR")) return null;
  // a payout account changed and not yet re-confirmed takes no money (decision 0041)
  if (p.stall.bank.payoutHoldSince) return null;
  return vietQrFor({ number: preorderRef(p.id), totalVnd: p.payment.amountDueVnd }, p.stall.bank);
}

export class CardPaymentError extends Error {}

/**
 * Opens (or, for the same attempt, re-opens) the Stripe Checkout session for a
 * card pre-order still to be paid. The session carries the pre-order's Checkout
 * id, so the existing webhook marks that Payment and Checkout paid.
 */
export async function startCardPayment(preOrderId: string, origin: string): Promise<string> {
  const p = await prisma.preOrder.findUniqueOrThrow({
    where: { id: preOrderId },
    select: {
      id: true,
      paymentMethod: true,
      paymentStatus: true,
      amountDueVnd: true,
      requestedUnits: true,
      checkoutId: true,
      campaign: { select: { title: true, unitLabel: true } },
      checkout: { select: { id: true, status: true, payments: { select: { provider: true } } } },
    },
  });
  if (
    p.paymentMethod !== "CARD" ||
    p.paymentStatus !== "PENDING" ||
    !p.checkout ||
    p.checkout.status !== "PENDING" ||
    p.amountDueVnd <= 0
  )
    throw new CardPaymentError("not payable");
  const attempt = p.checkout.payments.filter((x) => x.provider === "STRIPE").length + 1;
  const idempotencyKey = `xutra-preorder-session-${p.checkout.id}-${attempt}`;
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      currency: "vnd",
      client_reference_id: p.checkout.id,
      metadata: { checkoutId: p.checkout.id, preOrderId: p.id },
      payment_intent_data: { metadata: { checkoutId: p.checkout.id, preOrderId: p.id } },
      // VND is zero-decimal for Stripe: whole đồng
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "vnd",
            unit_amount: p.amountDueVnd,
            product_data: {
              name: `${p.campaign.title} (${p.requestedUnits} ${p.campaign.unitLabel.toLowerCase()}) ${preorderRef(p.id)}`,
            },
          },
        },
      ],
      // Stripe takes 30 minutes to 24 hours; an unpaid session just expires and can be opened again
      expires_at: Math.floor(now().getTime() / 1000) + 3600,
      success_url: `${origin}/preorders/${p.id}?paid=1`,
      cancel_url: `${origin}/preorders/${p.id}?cardCancelled=1`,
    },
    { idempotencyKey },
  );
  await prisma.payment.upsert({
    where: { idempotencyKey },
    create: {
      checkoutId: p.checkout.id,
      provider: "STRIPE",
      amountVnd: p.amountDueVnd,
      providerRef: session.id,
      idempotencyKey,
    },
    update: {},
  });
  if (!session.url) throw new CardPaymentError("Stripe returned no checkout URL");
  return session.url;
}

/**
 * The card webhook marks the pre-order's Payment SUCCEEDED and its Checkout
 * PAID; this carries that onto the pre-order (called from the webhook's
 * transaction and, as a fallback, when the buyer comes back from Stripe).
 */
export async function syncPaidPreorders(checkoutIds: string[]) {
  if (!checkoutIds.length) return 0;
  const paid = await prisma.checkout.findMany({
    where: { id: { in: checkoutIds }, payments: { some: { status: "SUCCEEDED" } } },
    select: { id: true },
  });
  if (!paid.length) return 0;
  const { count } = await prisma.preOrder.updateMany({
    where: { checkoutId: { in: paid.map((c) => c.id) }, paymentStatus: "PENDING" },
    data: { paymentStatus: "PAID" },
  });
  return count;
}
