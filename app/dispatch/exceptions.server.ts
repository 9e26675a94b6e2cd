// The dispatcher's choice for a delivery that cannot keep the freshness promise:
// - NEXT_DAY: its boxes leave today's award and wait, ahead of new buyers (same tier),
//   for the next harvest day still to be shared. The ledger stays append-only: a new
//   REALLOCATE entry of the day whose awards are the previous ones with this pre-order's
//   taken out (the rule's reallocate, so `npm run allocate` recomputes it), reason named.
// - CARRIER: handed to a carrier (recorded; not planned again that day).
// - CANCEL: the pre-order is cancelled and what was paid goes back through the harvest
//   refund path (app/harvest/refunds.server.ts).
// Each tells the buyer by SMS in the same transaction; a second click finds it decided.
import { appendReallocation, nextUnsharedDay } from "~/harvest/allocation.server";
import { preorderRef, shortDay } from "~/harvest/format";
import { reallocate, type AllocationEntry } from "~/harvest/rules/allocation";
import type { Day } from "~/harvest/rules/preorder";
import { refundPreOrders } from "~/harvest/refunds.server";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { DispatchError, smsText } from "./plan.server";
import type { DispatchKey } from "./strings";

export const DECISIONS = ["NEXT_DAY", "CARRIER", "CANCEL"] as const;
export type Decision = (typeof DECISIONS)[number];
export const isDecision = (s: unknown): s is Decision =>
  typeof s === "string" && (DECISIONS as readonly string[]).includes(s);

export type DecisionOutcome =
  | { ok: true; decision: Decision; nextDay: Day | null; refundsFailed: number }
  | { ok: false; error: DispatchKey };

export async function decideException(input: {
  campaignId: string;
  exceptionId: string;
  decision: Decision;
  carrier?: string;
  actorId: string | null;
}): Promise<DecisionOutcome> {
  const at = now();
  const refund: string[] = [];
  let out: DecisionOutcome;
  try {
    out = await prisma.$transaction(async (tx): Promise<DecisionOutcome> => {
      const x = await tx.deliveryException.findUnique({
        where: { id: input.exceptionId },
        include: { dispatch: { include: { campaign: true } } },
      });
      if (!x || x.dispatch.campaignId !== input.campaignId)
        throw new Response("Not found", { status: 404 });
      if (x.decision) return { ok: false, error: "dispatch.error.decided" };
      if (x.version !== x.dispatch.version) return { ok: false, error: "dispatch.error.stale" };
      const c = x.dispatch.campaign;
      const day = x.dispatch.day;
      const p = await tx.preOrder.findUniqueOrThrow({
        where: { id: x.preOrderId },
        include: { buyer: { select: { phone: true } } },
      });
      const taken = await tx.deliveryException.updateMany({
        where: { id: x.id, decision: null },
        data: { decision: input.decision, decidedById: input.actorId, decidedAt: at },
      });
      if (taken.count !== 1) return { ok: false, error: "dispatch.error.decided" };
      const params = { title: c.title, day: shortDay(day), ref: preorderRef(p.id) };
      let nextDay: Day | null = null;
      let body: string;
      if (input.decision === "NEXT_DAY") {
        nextDay = await nextUnsharedDay(tx, c, day);
        if (!nextDay) throw new DispatchError("dispatch.error.noNextDay");
        const latest = await tx.allocationEntry.findFirstOrThrow({
          where: { campaignId: c.id, day },
          orderBy: { sequence: "desc" },
        });
        const previous = JSON.parse(latest.entry) as AllocationEntry;
        const units = previous.awards[p.id] ?? 0;
        if (units <= 0) throw new DispatchError("dispatch.error.decided");
        const without = { ...previous.awards, [p.id]: 0 };
        const entry = reallocate({ ...previous, awards: without }, previous.total - units);
        await appendReallocation(tx, {
          latest,
          previous,
          entry,
          reason: `${preorderRef(p.id)} → ${nextDay} (dispatch: freshness promise)`,
          actorId: input.actorId,
          at,
        });
        await tx.preOrder.update({
          where: { id: p.id },
          data: {
            allocatedUnits: Math.max(0, (p.allocatedUnits ?? 0) - units),
            status: "WAITING",
            queueDay: nextDay,
          },
        });
        body = smsText("dispatch.sms.nextDay", { ...params, next: shortDay(nextDay) });
      } else if (input.decision === "CARRIER") {
        body = smsText("dispatch.sms.carrier", { ...params, carrier: input.carrier ?? "" });
      } else {
        await tx.preOrder.update({
          where: { id: p.id },
          data: { status: "CANCELLED", queueDay: null, cancelledAt: at },
        });
        if (p.paymentStatus === "PAID") refund.push(p.id);
        body = smsText("dispatch.sms.cancel", params);
      }
      await enqueue(tx, "notify.sms", p.phone || p.buyer.phone, {
        subject: `Đơn ${preorderRef(p.id)}`,
        body,
      });
      await audit(
        {
          actorId: input.actorId,
          action: `dispatch.exception.${input.decision.toLowerCase()}`,
          entity: "PreOrder",
          entityId: p.id,
          data: {
            exceptionId: x.id,
            day,
            version: x.version,
            units: x.units,
            reason: x.reason,
            nextDay,
            carrier: input.carrier ?? null,
          },
        },
        tx,
      );
      return { ok: true, decision: input.decision, nextDay, refundsFailed: 0 };
    });
  } catch (e) {
    if (e instanceof DispatchError) return { ok: false, error: e.key };
    throw e;
  }
  if (out.ok && refund.length)
    out.refundsFailed = (await refundPreOrders(refund, input.actorId)).failed;
  return out;
}
