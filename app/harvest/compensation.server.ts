// Compensation when a delivery broke the campaign's freshness promise (issue 10,
// decision 0051): the rule is app/harvest/rules/compensation.ts; this applies it
// once per delivery, moves the money through app/payments' refund path or records
// a credit, and tells the buyer, all in one transaction with its audit row.
import { formatVnd } from "~/domain/money";
import { openRefund, RefundError, settleRefund } from "~/payments/refund.server";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { preorderRef } from "./format";
import {
  compensationVnd as compensationFor,
  lateness,
  splitCompensation,
  viaOf,
  type Via,
} from "./rules/compensation";
import { localDay } from "./rules/preorder";

export type LateDeliveryResult = {
  late: boolean;
  compensationVnd: number;
  via: Via;
  /** extra, for the run sheet: the parts refunded and credited, the promise that applied */
  refundVnd?: number;
  creditVnd?: number;
  creditKind?: "STORE" | "OFF_COLLECTION";
  limitHours?: number;
  /** true when this delivery had been reported before: nothing new was done */
  replayed?: boolean;
};

export class CompensationError extends Error {
  constructor(public code: "compensation.notFound" | "compensation.badInput") {
    super(code);
  }
}

const PAID_STATES = ["SUCCEEDED", "PARTIALLY_REFUNDED"];

/**
 * Call when a delivery stop is marked delivered (the run sheet, online or a
 * replayed offline report). Contract:
 * - late = deliveredAt is strictly after pickedAt + the campaign's promise
 *   (freshNearHours when roadKm < freshFarKm, else freshFarHours).
 * - compensationVnd = ceil(units × campaign price × compensationPct / 100) when
 *   late, else 0 (also 0 when the campaign promises no compensation).
 * - via: "REFUND" when any of it goes back through the provider that took the
 *   up-front money (card: Stripe refund; VietQR: a payout task for the
 *   cooperative); "CREDIT" when nothing (or not enough) was paid up front: a
 *   StoreCredit row for the rest (COD and deposits: OFF_COLLECTION, taken off
 *   what is collected at the door; else STORE); "NONE" when on time or 0 đ.
 * - Idempotent per (preOrderId, deliveryId ?? local day of pickedAt): a second
 *   call returns the first answer (replayed: true) and moves no money, even when
 *   its times differ. Concurrent calls compensate once.
 * - In one transaction: the LateDeliveryCheck row, the refund row or the credit,
 *   an audit row and (when late) an SMS to the buyer, Vietnamese then English.
 *   The card refund is asked of Stripe after the commit; if Stripe is down the
 *   refund stays PENDING and the harvest job settles it (the result still says
 *   REFUND). Throws CompensationError for an unknown pre-order or bad numbers.
 */
export async function compensateLateDelivery(input: {
  preOrderId: string;
  units: number;
  pickedAt: Date;
  deliveredAt: Date;
  roadKm: number;
  actorId: string | null;
  /** optional: the delivery's own id (RunStop id); without it one delivery per pre-order per picking day */
  deliveryId?: string;
}): Promise<
  { late: boolean; compensationVnd: number; via: "REFUND" | "CREDIT" | "NONE" } & LateDeliveryResult
> {
  const { pickedAt, deliveredAt } = input;
  if (
    !Number.isInteger(input.units) ||
    input.units < 0 ||
    !Number.isFinite(input.roadKm) ||
    input.roadKm < 0 ||
    Number.isNaN(pickedAt.getTime()) ||
    Number.isNaN(deliveredAt.getTime())
  )
    throw new CompensationError("compensation.badInput");
  const deliveryKey = input.deliveryId ?? localDay(pickedAt);
  const stored = await storedResult(input.preOrderId, deliveryKey);
  if (stored) return stored;

  const p = await prisma.preOrder.findUnique({
    where: { id: input.preOrderId },
    include: {
      campaign: {
        select: {
          title: true,
          priceVnd: true,
          freshNearHours: true,
          freshFarHours: true,
          freshFarKm: true,
          compensationPct: true,
        },
      },
      checkout: { include: { payments: true } },
      buyer: { select: { phone: true } },
    },
  });
  if (!p) throw new CompensationError("compensation.notFound");
  const l = lateness({ pickedAt, deliveredAt, roadKm: input.roadKm }, p.campaign);
  const amount = l.late
    ? compensationFor(input.units, p.campaign.priceVnd, p.campaign.compensationPct)
    : 0;
  const ref = preorderRef(p.id);
  const key = `preorder:${p.id}:late:${deliveryKey}`;
  let refundId: string | null = null;
  let result: LateDeliveryResult;
  try {
    result = await prisma.$transaction(async (tx) => {
      const check = await tx.lateDeliveryCheck.create({
        data: {
          preOrderId: p.id,
          deliveryKey,
          units: input.units,
          pickedAt,
          deliveredAt,
          roadKm: input.roadKm,
          limitHours: l.limitHours,
          late: l.late,
          compensationVnd: amount,
          via: "NONE",
          actorId: input.actorId,
        },
      });
      if (amount === 0) return { late: l.late, compensationVnd: 0, via: "NONE" as const };
      const payment =
        p.paymentStatus === "PAID"
          ? p.checkout?.payments.find((x) => PAID_STATES.includes(x.status))
          : undefined;
      let refundable = 0;
      if (payment) {
        const taken = await tx.refund.aggregate({
          where: { paymentId: payment.id, status: { not: "FAILED" } },
          _sum: { amountVnd: true },
        });
        refundable = payment.amountVnd - (taken._sum.amountVnd ?? 0);
      }
      const split = splitCompensation(amount, refundable);
      const refund =
        payment && split.refundVnd > 0
          ? await openRefund(tx, {
              paymentId: payment.id,
              amountVnd: split.refundVnd,
              reason: "LATE_DELIVERY",
              idempotencyKey: key,
              preOrderId: p.id,
              payee: { name: p.recipient, phone: p.phone || p.buyer.phone },
              actorId: input.actorId,
            })
          : null;
      const refundVnd = refund?.amountVnd ?? 0;
      const creditVnd = amount - refundVnd;
      // something is still collected at the door (COD, the rest of a deposit): it comes off that
      const creditKind =
        p.paymentMethod === "COD" || p.paymentMethod === "VIETQR_DEPOSIT"
          ? ("OFF_COLLECTION" as const)
          : ("STORE" as const);
      const credit =
        creditVnd > 0
          ? await tx.storeCredit.create({
              data: {
                buyerId: p.buyerId,
                preOrderId: p.id,
                amountVnd: creditVnd,
                kind: creditKind,
                reason: "LATE_DELIVERY",
                idempotencyKey: key,
              },
            })
          : null;
      const via = viaOf({ refundVnd, creditVnd });
      await tx.lateDeliveryCheck.update({
        where: { id: check.id },
        data: {
          via,
          refundVnd,
          creditVnd,
          refundId: refund?.id ?? null,
          creditId: credit?.id ?? null,
        },
      });
      await audit(
        {
          actorId: input.actorId,
          action: "harvest.delivery.late",
          entity: "PreOrder",
          entityId: p.id,
          data: {
            deliveryKey,
            units: input.units,
            limitHours: l.limitHours,
            hoursTaken: Math.round(l.hoursTaken * 100) / 100,
            compensationVnd: amount,
            refundVnd,
            creditVnd,
            via,
          },
        },
        tx,
      );
      const how =
        via === "REFUND"
          ? payment?.provider === "STRIPE"
            ? { vi: "hoàn về thẻ của bạn", en: "refunded to your card" }
            : {
                vi: "hợp tác xã sẽ chuyển khoản trả bạn",
                en: "the cooperative will transfer it back to you",
              }
          : creditKind === "OFF_COLLECTION"
            ? { vi: "trừ vào số tiền thu khi giao", en: "taken off what you pay on delivery" }
            : { vi: "ghi có cho bạn", en: "credited to you" };
      await enqueue(tx, "notify.sms", p.phone || p.buyer.phone, {
        template: "preorder.late",
        preOrderId: p.id,
        subject: `Giao trễ ${ref}`,
        body: `Xứ Trà: ${ref} (${p.campaign.title}) giao trễ hơn cam kết ${l.limitHours} giờ từ lúc hái. Bạn được bồi hoàn ${formatVnd(amount)}: ${how.vi}.\nXu Tra: ${ref} arrived later than the promised ${l.limitHours} hours from picking. You are compensated ${formatVnd(amount)}: ${how.en}.`,
      });
      refundId = refund?.created ? refund.id : null;
      return {
        late: true,
        compensationVnd: amount,
        via,
        refundVnd,
        creditVnd,
        ...(credit ? { creditKind } : {}),
        limitHours: l.limitHours,
      };
    });
  } catch (e) {
    // the same delivery reported twice at once: the other report won
    if ((e as { code?: string }).code === "P2002") {
      const again = await storedResult(input.preOrderId, deliveryKey);
      if (again) return again;
    }
    throw e;
  }
  if (refundId) await settleQuietly(refundId, input.actorId);
  return { ...result, limitHours: l.limitHours };
}

/** A card refund Stripe could not answer stays PENDING for the harvest job. */
async function settleQuietly(refundId: string, actorId: string | null) {
  try {
    await settleRefund(refundId, actorId);
  } catch (e) {
    if (!(e instanceof RefundError)) throw e;
  }
}

async function storedResult(preOrderId: string, deliveryKey: string) {
  const c = await prisma.lateDeliveryCheck.findUnique({
    where: { preOrderId_deliveryKey: { preOrderId, deliveryKey } },
  });
  if (!c) return null;
  const credit = c.creditId
    ? await prisma.storeCredit.findUnique({ where: { id: c.creditId }, select: { kind: true } })
    : null;
  return {
    late: c.late,
    compensationVnd: c.compensationVnd,
    via: c.via as Via,
    refundVnd: c.refundVnd,
    creditVnd: c.creditVnd,
    ...(credit ? { creditKind: credit.kind as "STORE" | "OFF_COLLECTION" } : {}),
    limitHours: c.limitHours,
    replayed: true,
  };
}

/** The buyer's page: each delivery checked against the promise, with what was owed and how it went. */
export async function compensationsOf(preOrderId: string) {
  const checks = await prisma.lateDeliveryCheck.findMany({
    where: { preOrderId, late: true },
    orderBy: { deliveredAt: "asc" },
  });
  if (!checks.length) return [];
  const [refunds, credits] = await Promise.all([
    prisma.refund.findMany({
      where: { id: { in: checks.flatMap((c) => (c.refundId ? [c.refundId] : [])) } },
      include: { payment: { select: { provider: true } } },
    }),
    prisma.storeCredit.findMany({
      where: { id: { in: checks.flatMap((c) => (c.creditId ? [c.creditId] : [])) } },
    }),
  ]);
  return checks.map((c) => {
    const r = refunds.find((x) => x.id === c.refundId);
    const cr = credits.find((x) => x.id === c.creditId);
    return {
      deliveredAt: c.deliveredAt.toISOString(),
      limitHours: c.limitHours,
      hoursTaken: Math.max(0, (c.deliveredAt.getTime() - c.pickedAt.getTime()) / 3600_000),
      compensationVnd: c.compensationVnd,
      refund: r
        ? { amountVnd: r.amountVnd, status: r.status, card: r.payment.provider === "STRIPE" }
        : null,
      credit: cr ? { amountVnd: cr.amountVnd, kind: cr.kind, status: cr.status } : null,
    };
  });
}
