// A card payment failed or was cancelled: the buyer places the same checkout
// with cash on delivery or a VietQR transfer instead (issue 11). The held stock
// becomes the orders (no unit goes back on sale and none is taken again); the
// open Stripe session is expired first so it cannot be paid as well, and a
// payment that lands anyway is refunded by the webhook ("paid twice").
import { placeOrders, CheckoutError } from "~/checkout/checkout.server";
import { paymentSwitch, type PaymentSwitch, type SwitchRefusal } from "~/domain/order-status";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { stripe } from "./stripe.server";

export type SwitchResult =
  { ok: true; already: boolean; orders: string[] } | { ok: false; reason: SwitchRefusal };

/** Expires the checkout's open card sessions; false when Stripe says one was paid. */
async function closeCardSessions(sessionIds: string[]): Promise<boolean> {
  for (const id of sessionIds) {
    try {
      const s = await stripe().checkout.sessions.expire(id);
      if (s.status === "complete") return false;
    } catch (e) {
      // already expired or completed: ask what it is now
      const s = await stripe().checkout.sessions.retrieve(id);
      if (s.status === "complete") return false;
      if (s.status === "open") throw e;
    }
  }
  return true;
}

export async function switchCardCheckout(
  checkoutId: string,
  to: PaymentSwitch,
  actorId: string | null,
): Promise<SwitchResult> {
  const checkout = await prisma.checkout.findUniqueOrThrow({
    where: { id: checkoutId },
    include: { payments: true, orders: { select: { number: true } } },
  });
  const rule = paymentSwitch(checkout, to, checkout.payments);
  if (!rule.ok) return rule;
  if (rule.already)
    return { ok: true, already: true, orders: checkout.orders.map((o) => o.number) };
  const open = checkout.payments
    .filter((p) => p.provider === "STRIPE" && p.status === "PENDING" && p.providerRef)
    .map((p) => p.providerRef!);
  if (!(await closeCardSessions(open))) return { ok: false, reason: "paid" };
  try {
    return await prisma.$transaction(async (tx) => {
      // conditional: a second tap, or the card webhook, finds it moved and changes nothing
      const moved = await tx.checkout.updateMany({
        where: { id: checkoutId, status: "PENDING", paymentMethod: "CARD" },
        data: { paymentMethod: to },
      });
      if (moved.count !== 1) {
        const now = await tx.checkout.findUniqueOrThrow({
          where: { id: checkoutId },
          include: { payments: true, orders: { select: { number: true } } },
        });
        const again = paymentSwitch(now, to, now.payments);
        return again.ok
          ? { ok: true as const, already: true, orders: now.orders.map((o) => o.number) }
          : again;
      }
      const orders = await placeOrders(tx, checkoutId, { paid: false });
      await tx.payment.updateMany({
        where: { checkoutId, provider: "STRIPE", status: "PENDING" },
        data: { status: "FAILED" },
      });
      await tx.payment.create({
        data: {
          checkoutId,
          provider: to,
          amountVnd: orders.reduce((s, o) => s + o.totalVnd, 0),
          idempotencyKey: `${to.toLowerCase()}-${checkoutId}`,
          providerRef: to === "VIETQR" ? `VQR-${checkoutId}` : null,
        },
      });
      await audit(
        {
          actorId,
          action: "checkout.payment_method",
          entity: "Checkout",
          entityId: checkoutId,
          data: { from: "CARD", method: to, orders: orders.map((o) => o.number) },
        },
        tx,
      );
      return { ok: true as const, already: false, orders: orders.map((o) => o.number) };
    });
  } catch (e) {
    if (e instanceof CheckoutError && e.code === "checkout.expired")
      return { ok: false, reason: "expired" };
    throw e;
  }
}
