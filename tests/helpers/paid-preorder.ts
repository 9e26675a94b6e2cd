// A harvest pre-order as placing leaves it, with a buyer of its own, for tests of the
// money side: a card one is paid through the local Stripe server (the hosted page's
// Pay, the signed webhook), a VietQR one as if the stall had confirmed the transfer.
import { randomUUID } from "node:crypto";
import { startCardPayment } from "~/harvest/payment.server";
import { prisma, type Prisma } from "~/utils/db.server";
import type { StripeServer } from "./stripe-server";

let n = 0;

export type PaidPreorder = { id: string; phone: string };

/**
 * `dueVnd` is what the buyer paid up front (0: COD, nothing paid); `fields` set the
 * pre-order's state (status, days, allocated units).
 */
export async function paidPreorder(
  stripeLocal: StripeServer,
  p: {
    campaignId: string;
    method: "CARD" | "VIETQR_FULL" | "VIETQR_DEPOSIT" | "COD";
    units: number;
    dueVnd: number;
    fields?: Partial<Prisma.PreOrderUncheckedCreateInput>;
  },
): Promise<PaidPreorder> {
  n++;
  const phone = `+8497${String(Date.now() % 100000).padStart(5, "0")}${String(n).padStart(2, "0")}`;
  const b = await prisma.user.create({
    data: { phone, name: `Người mua ${n}`, passwordHash: "x", role: "BUYER" },
  });
  const address = {
    recipient: b.name,
    phone,
    communeCode: "05503",
    provinceCode: "19",
    line: "Số 5 Hoàng Văn Thụ",
  };
  const pre = await prisma.preOrder.create({
    data: {
      campaignId: p.campaignId,
      buyerId: b.id,
      requestedUnits: p.units,
      requestedDay: "2028-08-14",
      queueDay: "2028-08-14",
      allowCarryOver: false,
      ...address,
      paymentMethod: p.method,
      amountDueVnd: p.dueVnd,
      paymentStatus: p.dueVnd ? "PENDING" : "UNPAID",
      ...p.fields,
    },
  });
  if (!p.dueVnd) return { id: pre.id, phone };
  const checkout = await prisma.checkout.create({
    data: {
      buyerId: b.id,
      idempotencyKey: `preorder-${randomUUID()}`,
      ...address,
      paymentMethod: p.method === "CARD" ? "CARD" : "VIETQR",
      totalVnd: p.dueVnd,
      expiresAt: new Date(Date.UTC(2028, 7, 30)),
    },
  });
  await prisma.preOrder.update({ where: { id: pre.id }, data: { checkoutId: checkout.id } });
  if (p.method === "CARD") {
    await startCardPayment(pre.id, "http://localhost:3000");
    const payment = await prisma.payment.findFirstOrThrow({ where: { checkoutId: checkout.id } });
    await stripeLocal.completeSession(payment.providerRef!);
  } else {
    await prisma.payment.create({
      data: {
        checkoutId: checkout.id,
        provider: "VIETQR",
        amountVnd: p.dueVnd,
        status: "SUCCEEDED",
        paidAt: new Date(),
        providerRef: `VQR-${randomUUID()}`,
        idempotencyKey: `vietqr-preorder-${checkout.id}`,
      },
    });
    await prisma.preOrder.update({ where: { id: pre.id }, data: { paymentStatus: "PAID" } });
  }
  return { id: pre.id, phone };
}

/** The refunds the Stripe server made on this pre-order's card payment. */
export async function stripeRefundsOf(stripeLocal: StripeServer, preOrderId: string) {
  const pre = await prisma.preOrder.findUniqueOrThrow({ where: { id: preOrderId } });
  const payment = await prisma.payment.findFirstOrThrow({
    where: { checkoutId: pre.checkoutId!, status: { not: "FAILED" } },
  });
  return stripeLocal
    .events()
    .filter(
      (e) =>
        e.type === "refund.created" &&
        (e.data as { object: { payment_intent: string } }).object.payment_intent ===
          payment.paymentIntent,
    )
    .map((e) => (e.data as { object: { id: string; amount: number } }).object);
}
