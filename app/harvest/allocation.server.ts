// Sharing a harvest day: after its cut-off the day's confirmed boxes, minus the
// grading reserve, go to that day's pre-orders by the rule in ./rules/allocation.ts,
// written as an append-only ledger (AllocationEntry + Award rows). After weighing, a
// shortfall is a new entry that takes boxes back (reverse seeded order) and tells the
// buyers affected. Run by the harvest job (app/jobs.server.ts) or the day board's
// "publish" button; both go through publishAllocation, and the unique
// (campaign, day, sequence) makes sure a day is shared once.
import type { MessageKey } from "~/i18n";
import { audit } from "~/utils/audit.server";
import { now } from "~/utils/clock.server";
import { prisma, serializable, type Prisma } from "~/utils/db.server";
import { shortDay } from "./format";
import {
  ALLOCATION_RULE,
  allocate,
  canonicalJson,
  outcomes,
  reallocate,
  seedFor,
  type AllocationEntry as RuleEntry,
  type AllocationRequest,
} from "./rules/allocation";
import {
  cutoffOf,
  daysDue,
  gradingReserve,
  lastSharedDay,
  tierOf,
  type CampaignDays,
} from "./rules/campaign";
import { daysOf, type Day } from "./rules/preorder";
import { smsBuyer } from "./campaigns.server";
import { refundPreOrders, settleOutstandingRefunds } from "./refunds.server";

/** The job shares a day this long after its cut-off, unless the cooperative publishes first. */
export const ALLOCATION_GRACE_MS = 10 * 60_000;

export type AllocationOutcome =
  | {
      ok: true;
      entryId: string;
      sequence: number;
      day: Day;
      shared: number;
      awarded: number;
      affected: number;
      refundsFailed: number;
    }
  | { ok: false; error: MessageKey };

const SHARING_STATUSES = ["OPEN", "PAUSED", "CLOSED"];
const OPEN_PREORDER = ["REQUESTED", "WAITING"];

type CampaignRow = CampaignDays & {
  id: string;
  slug: string;
  title: string;
  unitLabel: string;
  status: string;
  gradingReservePct: number;
  maxPerBuyer: number;
};

/** Boxes households confirmed for a day (withdrawn picks not counted), and after weighing. */
async function daySupply(tx: Prisma.TransactionClient, campaignId: string, day: Day) {
  const picks = await tx.pick.findMany({
    where: { campaignId, day, status: { not: "WITHDRAWN" } },
    select: { units: true, weighedUnits: true },
  });
  return {
    confirmed: picks.reduce((n, p) => n + p.units, 0),
    weighed: picks.reduce((n, p) => n + (p.weighedUnits ?? p.units), 0),
  };
}

/** The rule's input for a day, from the pre-orders waiting for it. */
async function dayInput(tx: Prisma.TransactionClient, c: CampaignRow, day: Day) {
  const { confirmed } = await daySupply(tx, c.id, day);
  const waiting = await tx.preOrder.findMany({
    where: { campaignId: c.id, queueDay: day, status: { in: OPEN_PREORDER } },
    include: { buyer: { select: { phone: true } } },
    orderBy: { id: "asc" },
  });
  const later = daysOf(day, lastSharedDay(c) ?? day).length > 1;
  const requests: AllocationRequest[] = waiting
    .map((p) => ({
      id: p.id,
      units: p.requestedUnits - (p.allocatedUnits ?? 0),
      tier: tierOf(c.firstDay, p.originDay ?? day),
      carryOver: p.allowCarryOver && later,
    }))
    .filter((r) => r.units > 0);
  return {
    input: {
      supply: confirmed,
      reserve: gradingReserve(confirmed, c.gradingReservePct),
      cap: c.maxPerBuyer,
      seed: seedFor(c.slug, day),
      requests,
    },
    waiting,
  };
}

/** The first later day, within what is shared, that has not been shared yet: where taken-back or unfilled boxes wait. */
export async function nextUnsharedDay(
  tx: Prisma.TransactionClient,
  c: CampaignDays & { id: string },
  day: Day,
): Promise<Day | null> {
  const last = lastSharedDay(c);
  if (!last) return null;
  const shared = new Set(
    (
      await tx.allocationEntry.findMany({
        where: { campaignId: c.id, day: { gt: day } },
        select: { day: true },
        distinct: ["day"],
      })
    ).map((e) => e.day),
  );
  return (
    daysOf(day, last)
      .slice(1)
      .find((d) => !shared.has(d)) ?? null
  );
}

/**
 * Appends a REALLOCATE entry after `latest` (whose parsed entry is `previous`) and its
 * awards: each buyer of the previous entry with the new units and the change. The
 * weighing shortfall and the dispatcher's "next day" both go through here.
 */
export async function appendReallocation(
  tx: Prisma.TransactionClient,
  r: {
    latest: { id: string; campaignId: string; day: string; sequence: number; demand: number };
    previous: RuleEntry;
    entry: RuleEntry;
    reason: string;
    actorId: string | null;
    at: Date;
  },
) {
  const { latest, previous, entry } = r;
  const row = await tx.allocationEntry.create({
    data: {
      campaignId: latest.campaignId,
      day: latest.day,
      sequence: latest.sequence + 1,
      kind: "REALLOCATE",
      ruleVersion: entry.rule,
      seed: entry.input.seed,
      inputsHash: entry.inputHash,
      inputs: canonicalJson(entry.input),
      entryHash: entry.entryHash,
      entry: JSON.stringify(entry),
      supply: entry.shared,
      demand: latest.demand,
      awarded: entry.total,
      reason: r.reason,
      createdById: r.actorId,
      createdAt: r.at,
    },
  });
  const prevAwards = await tx.award.findMany({
    where: { entryId: latest.id },
    select: { preOrderId: true, tier: true, requested: true },
  });
  await tx.award.createMany({
    data: prevAwards.map((a) => ({
      entryId: row.id,
      preOrderId: a.preOrderId,
      tier: a.tier,
      requested: a.requested,
      units: entry.awards[a.preOrderId] ?? 0,
      change: (entry.awards[a.preOrderId] ?? 0) - (previous.awards[a.preOrderId] ?? 0),
    })),
  });
  return row;
}

function isUniqueViolation(e: unknown) {
  return (e as { code?: string })?.code === "P2002";
}

/**
 * Shares one day. Refused before the day's cut-off, twice for the same day, and for a
 * draft or cancelled campaign. `actorId` null: the background job.
 */
export async function publishAllocation(
  campaignId: string,
  day: Day,
  actorId: string | null,
  at: Date = now(),
): Promise<AllocationOutcome> {
  const c = await prisma.harvestCampaign.findUnique({ where: { id: campaignId } });
  if (!c || !SHARING_STATUSES.includes(c.status))
    return { ok: false, error: "board.error.campaign" };
  if (!daysDue(c, at).includes(day)) {
    return {
      ok: false,
      error:
        day >= c.firstDay && day <= c.lastDay && cutoffOf(day, c.cutoffTime) > at
          ? "board.error.beforeCutoff"
          : "harvest.error.day",
    };
  }
  const toRefund: string[] = [];
  let result: AllocationOutcome;
  try {
    // Serializable: the day's picks and pre-orders are read, then the pre-orders written from
    // what was read; a buyer cancelling meanwhile (PostgreSQL) makes the sharing start again
    result = await serializable(async (tx): Promise<AllocationOutcome> => {
      toRefund.length = 0; // a run again starts from nothing
      if (await tx.allocationEntry.findFirst({ where: { campaignId, day }, select: { id: true } }))
        return { ok: false, error: "board.error.alreadyAllocated" };
      const { input, waiting } = await dayInput(tx, c, day);
      const entry = allocate(input);
      const row = await tx.allocationEntry.create({
        data: {
          campaignId,
          day,
          sequence: 1,
          kind: "ALLOCATE",
          ruleVersion: entry.rule,
          seed: input.seed,
          inputsHash: entry.inputHash,
          inputs: canonicalJson(entry.input),
          entryHash: entry.entryHash,
          entry: JSON.stringify(entry),
          supply: entry.shared,
          demand: outcomes(entry).reduce((n, o) => n + o.capped, 0),
          awarded: entry.total,
          createdById: actorId,
          createdAt: at,
        },
      });
      const byId = new Map(waiting.map((p) => [p.id, p]));
      const next = (await nextUnsharedDay(tx, c, day)) ?? null;
      const awards: Prisma.AwardCreateManyInput[] = [];
      for (const o of outcomes(entry)) {
        const p = byId.get(o.id)!;
        awards.push({
          entryId: row.id,
          preOrderId: o.id,
          tier: o.tier,
          requested: o.capped,
          units: o.awarded,
          change: 0,
        });
        const total = (p.allocatedUnits ?? 0) + o.awarded;
        const carry = o.disposition === "carry-over" && next !== null;
        const status =
          o.disposition === "filled"
            ? "ALLOCATED"
            : carry
              ? "WAITING"
              : total > 0
                ? "ALLOCATED"
                : "RELEASED";
        await tx.preOrder.update({
          where: { id: p.id },
          data: {
            allocatedUnits: total,
            originDay: p.originDay ?? day,
            status,
            queueDay: carry ? next : null,
          },
        });
        // released, or allocated with the rest released: what was paid for the rest goes back
        if (status !== "WAITING" && p.paymentStatus === "PAID") toRefund.push(p.id);
        const d = shortDay(day);
        const unit = c.unitLabel.toLowerCase();
        const body =
          o.disposition === "filled"
            ? `Xứ Trà: ${c.title} ngày ${d}: bạn được chia đủ ${o.awarded} ${unit}.`
            : carry
              ? `Xứ Trà: ${c.title} ngày ${d}: bạn được chia ${o.awarded}/${o.capped} ${unit} (hàng ít, chia đều cho mọi người). ${o.unfilled} còn lại được ưu tiên ngày ${shortDay(next!)}.`
              : `Xứ Trà: ${c.title} ngày ${d}: bạn được chia ${o.awarded}/${o.capped} ${unit} (hàng ít, chia đều cho mọi người). Phần còn lại không đủ hàng${p.paymentStatus === "PAID" && total === 0 ? ", tiền đã trả sẽ được hoàn lại" : ""}.`;
        await smsBuyer(tx, p, `Chia hàng ${d}`, body);
      }
      if (awards.length) await tx.award.createMany({ data: awards });
      await audit(
        {
          actorId,
          action: "harvest.allocate",
          entity: "HarvestCampaign",
          entityId: campaignId,
          data: {
            day,
            entryId: row.id,
            rule: ALLOCATION_RULE,
            seed: input.seed,
            inputHash: entry.inputHash,
            confirmed: input.supply,
            reserve: input.reserve,
            shared: entry.shared,
            awarded: entry.total,
            requests: awards.length,
          },
        },
        tx,
      );
      return {
        ok: true,
        entryId: row.id,
        sequence: 1,
        day,
        shared: entry.shared,
        awarded: entry.total,
        affected: 0,
        refundsFailed: 0,
      };
    });
  } catch (e) {
    // the job and the button at the same moment: the second finds sequence 1 taken
    if (isUniqueViolation(e)) return { ok: false, error: "board.error.alreadyAllocated" };
    throw e;
  }
  if (result.ok && toRefund.length)
    result.refundsFailed = (await refundPreOrders(toRefund, actorId)).failed;
  return result;
}

/**
 * After weighing: when the boxes weighed for a day are fewer than were shared, a new
 * ledger entry takes boxes back (the rule's reallocate: reverse of the order they were
 * given, never below zero), the affected buyers' missing boxes wait for the next day
 * still to be shared (if they allowed it; ahead of new buyers) or are released, and
 * each affected buyer gets an SMS.
 */
export async function reallocateDay(
  campaignId: string,
  day: Day,
  actorId: string | null,
  reason = "",
): Promise<AllocationOutcome> {
  const c = await prisma.harvestCampaign.findUnique({ where: { id: campaignId } });
  if (!c || !SHARING_STATUSES.includes(c.status))
    return { ok: false, error: "board.error.campaign" };
  const toRefund: string[] = [];
  let result: AllocationOutcome;
  try {
    // Serializable, as publishAllocation: the latest entry and the pre-orders are read, then written
    result = await serializable(async (tx): Promise<AllocationOutcome> => {
      toRefund.length = 0;
      const latest = await tx.allocationEntry.findFirst({
        where: { campaignId, day },
        orderBy: { sequence: "desc" },
      });
      if (!latest) return { ok: false, error: "board.error.notAllocated" };
      const previous = JSON.parse(latest.entry) as RuleEntry;
      const { weighed } = await daySupply(tx, campaignId, day);
      if (weighed >= previous.total) return { ok: false, error: "board.error.noShortfall" };
      const entry = reallocate(previous, weighed);
      const sequence = latest.sequence + 1;
      const row = await appendReallocation(tx, {
        latest,
        previous,
        entry,
        reason,
        actorId,
        at: now(),
      });
      const next = await nextUnsharedDay(tx, c, day);
      const unit = c.unitLabel.toLowerCase();
      for (const a of entry.affected) {
        const p = await tx.preOrder.findUniqueOrThrow({
          where: { id: a.id },
          include: { buyer: { select: { phone: true } } },
        });
        const lost = a.before - a.after;
        const total = Math.max(0, (p.allocatedUnits ?? 0) - lost);
        const active = p.status !== "CANCELLED" && p.status !== "RELEASED";
        // already waiting for a later day: the missing boxes simply join that wait
        const waitsFor =
          p.queueDay && p.queueDay > day ? p.queueDay : p.allowCarryOver && active ? next : null;
        const status = !active
          ? p.status
          : waitsFor
            ? "WAITING"
            : total > 0
              ? p.status === "CONFIRMED"
                ? "CONFIRMED"
                : "ALLOCATED"
              : "RELEASED";
        await tx.preOrder.update({
          where: { id: p.id },
          data: { allocatedUnits: total, status, queueDay: active ? waitsFor : p.queueDay },
        });
        // released, or allocated with the rest released: what was paid for the rest goes back
        if (status !== "WAITING" && p.paymentStatus === "PAID") toRefund.push(p.id);
        const tail = waitsFor
          ? `${lost} ${unit} còn thiếu được ưu tiên ngày ${shortDay(waitsFor)}.`
          : `Bạn không phải trả cho ${lost} ${unit} thiếu.`;
        await smsBuyer(
          tx,
          p,
          `Chia lại ${shortDay(day)}`,
          `Xứ Trà: sau khi cân, ${c.title} ngày ${shortDay(day)} thiếu hàng: bạn nhận ${a.after} thay vì ${a.before} ${unit}. ${tail}`,
        );
      }
      await audit(
        {
          actorId,
          action: "harvest.reallocate",
          entity: "HarvestCampaign",
          entityId: campaignId,
          data: {
            day,
            entryId: row.id,
            sequence,
            weighed,
            before: previous.total,
            after: entry.total,
            affected: entry.affected.length,
            reason,
          },
        },
        tx,
      );
      return {
        ok: true,
        entryId: row.id,
        sequence,
        day,
        shared: entry.shared,
        awarded: entry.total,
        affected: entry.affected.length,
        refundsFailed: 0,
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, error: "board.error.alreadyAllocated" };
    throw e;
  }
  if (result.ok && toRefund.length)
    result.refundsFailed = (await refundPreOrders(toRefund, actorId)).failed;
  return result;
}

/**
 * The harvest job: shares every day whose cut-off passed more than the grace ago and
 * that nobody published, then retries refunds that failed. Safe in several processes
 * (a day's first entry is unique).
 */
export async function harvestAllocationJob(
  at: Date = now(),
  opts: { campaignIds?: string[] } = {},
) {
  const campaigns = await prisma.harvestCampaign.findMany({
    where: {
      status: { in: SHARING_STATUSES },
      ...(opts.campaignIds ? { id: { in: opts.campaignIds } } : {}),
    },
  });
  let shared = 0;
  for (const c of campaigns) {
    const due = daysDue(c, new Date(at.getTime() - ALLOCATION_GRACE_MS));
    if (!due.length) continue;
    const done = new Set(
      (
        await prisma.allocationEntry.findMany({
          where: { campaignId: c.id, day: { in: due } },
          select: { day: true },
          distinct: ["day"],
        })
      ).map((e) => e.day),
    );
    for (const day of due.filter((d) => !done.has(d))) {
      const r = await publishAllocation(c.id, day, null, at);
      if (r.ok) shared++;
    }
  }
  // refunds still owed (a crash, Stripe down): opened and settled (app/harvest/refunds.server.ts)
  if (!opts.campaignIds) await settleOutstandingRefunds();
  return { shared };
}

/** The ledger entry's input as `npm run allocate` reads it (what an auditor re-runs). */
export async function ledgerInput(entryId: string) {
  const e = await prisma.allocationEntry.findUniqueOrThrow({ where: { id: entryId } });
  const input = JSON.parse(e.inputs) as RuleEntry["input"];
  return {
    supply: input.supply,
    seed: input.seed,
    reserve: input.reserve,
    cap: input.cap,
    requests: input.requests.map((r) => ({
      id: r.id,
      units: r.units,
      tier: r.tier,
      carryOver: r.carryOver,
    })),
  };
}

/** The awards a ledger entry recorded, every pre-order (zero included). */
export async function ledgerAwards(entryId: string): Promise<Record<string, number>> {
  const rows = await prisma.award.findMany({
    where: { entryId },
    select: { preOrderId: true, units: true },
    orderBy: { preOrderId: "asc" },
  });
  return Object.fromEntries(rows.map((r) => [r.preOrderId, r.units]));
}
