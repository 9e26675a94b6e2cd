// The cooperative's day board: for each harvest day, boxes confirmed against demand,
// the allocation and its ledger; for the chosen day, who has not confirmed, the picks
// (to correct after weighing) and every award; buyers waiting; what needs attention.
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { preorderRef } from "./format";
import { cutoffOf, daysDue, gradingReserve } from "./rules/campaign";
import { daysOf, localDay, type Day } from "./rules/preorder";
import { refundsOutstanding } from "./refunds.server";

type Campaign = {
  id: string;
  firstDay: string;
  lastDay: string;
  cutoffTime: string;
  gradingReservePct: number;
  closedAt: Date | null;
  status: string;
};

export async function dayBoard(c: Campaign, chosen: string | null) {
  const at = now();
  const days = daysOf(c.firstDay, c.lastDay);
  const [picks, waiting, entries, members, owed] = await Promise.all([
    prisma.pick.findMany({
      where: { campaignId: c.id, status: { not: "WITHDRAWN" } },
      include: {
        household: { select: { name: true } },
        corrections: { orderBy: { createdAt: "asc" } },
      },
    }),
    prisma.preOrder.findMany({
      where: { campaignId: c.id, status: { in: ["REQUESTED", "WAITING"] } },
      select: {
        id: true,
        queueDay: true,
        requestedUnits: true,
        allocatedUnits: true,
        status: true,
        recipient: true,
        originDay: true,
        buyer: { select: { name: true } },
      },
    }),
    prisma.allocationEntry.findMany({
      where: { campaignId: c.id },
      orderBy: [{ day: "asc" }, { sequence: "asc" }],
    }),
    prisma.campaignHousehold.findMany({
      where: { campaignId: c.id },
      include: { household: { select: { id: true, name: true, phone: true } } },
    }),
    refundsOutstanding(c.id),
  ]);
  const due = new Set(daysDue(c, at));
  const rows = days.map((day) => {
    const dayPicks = picks.filter((p) => p.day === day);
    const confirmed = dayPicks.reduce((n, p) => n + p.units, 0);
    const weighed = dayPicks.reduce((n, p) => n + (p.weighedUnits ?? p.units), 0);
    const dayEntries = entries.filter((e) => e.day === day);
    const latest = dayEntries.at(-1) ?? null;
    const demand = latest
      ? latest.demand
      : waiting
          .filter((p) => p.queueDay === day)
          .reduce((n, p) => n + p.requestedUnits - (p.allocatedUnits ?? 0), 0);
    const state = latest
      ? latest.kind === "REALLOCATE"
        ? "reallocated"
        : "allocated"
      : due.has(day)
        ? "due"
        : "open";
    return {
      day,
      cutoff: cutoffOf(day, c.cutoffTime).toISOString(),
      confirmed,
      weighed,
      reserve: gradingReserve(confirmed, c.gradingReservePct),
      demand,
      awarded: latest?.awarded ?? null,
      shared: latest?.supply ?? null,
      state,
      households: dayPicks.length,
    } as const;
  });
  const today = localDay(at);
  const day: Day =
    chosen && days.includes(chosen)
      ? chosen
      : (rows.find((r) => r.state === "due")?.day ??
        rows.find((r) => r.day > today && r.state === "open")?.day ??
        rows.at(-1)?.day ??
        c.firstDay);
  const dayEntries = entries.filter((e) => e.day === day);
  const latest = dayEntries.at(-1);
  const awards = latest
    ? await prisma.award.findMany({
        where: { entryId: latest.id },
        include: {
          preOrder: {
            select: { id: true, recipient: true, status: true, buyer: { select: { name: true } } },
          },
        },
        orderBy: [{ tier: "asc" }, { units: "desc" }, { preOrderId: "asc" }],
      })
    : [];
  const creators = await prisma.user.findMany({
    where: { id: { in: dayEntries.map((e) => e.createdById).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  const dayPicks = picks.filter((p) => p.day === day);
  const confirmedIds = new Set(dayPicks.map((p) => p.householdId));
  const exceptions: {
    kind: "refund" | "shortfall" | "zeroSupply";
    day?: string;
    ref?: string;
    weighed?: number;
    awarded?: number;
  }[] = [];
  for (const p of owed) exceptions.push({ kind: "refund", ref: preorderRef(p.id) });
  for (const r of rows) {
    if (
      r.awarded !== null &&
      r.weighed < r.awarded &&
      picks.some((p) => p.day === r.day && p.weighedUnits !== null)
    )
      exceptions.push({ kind: "shortfall", day: r.day, weighed: r.weighed, awarded: r.awarded });
    if (r.state === "due" && r.confirmed === 0 && r.demand > 0)
      exceptions.push({ kind: "zeroSupply", day: r.day });
  }
  return {
    rows,
    day,
    dayState: rows.find((r) => r.day === day)?.state ?? "open",
    missing: members
      .filter((m) => !confirmedIds.has(m.householdId))
      .map((m) => ({ id: m.household.id, name: m.household.name, phone: m.household.phone })),
    picks: dayPicks
      .map((p) => ({
        id: p.id,
        household: p.household.name,
        units: p.units,
        weighedUnits: p.weighedUnits,
        readyAt: p.readyAt.toISOString(),
        status: p.status,
        corrections: p.corrections.map((x) => ({
          from: x.fromUnits,
          to: x.toUnits,
          reason: x.reason,
          note: x.note,
          at: x.createdAt.toISOString(),
        })),
      }))
      .sort((a, b) => a.household.localeCompare(b.household)),
    awards: awards.map((a) => ({
      id: a.preOrderId,
      ref: preorderRef(a.preOrderId),
      name: a.preOrder.recipient || a.preOrder.buyer.name,
      tier: a.tier,
      requested: a.requested,
      units: a.units,
      change: a.change,
      status: a.preOrder.status,
    })),
    ledger: dayEntries.map((e) => ({
      id: e.id,
      sequence: e.sequence,
      kind: e.kind,
      at: e.createdAt.toISOString(),
      rule: e.ruleVersion,
      seed: e.seed,
      inputsHash: e.inputsHash,
      entryHash: e.entryHash,
      supply: e.supply,
      awarded: e.awarded,
      reason: e.reason,
      by: e.createdById ? (creators.find((u) => u.id === e.createdById)?.name ?? "") : null,
    })),
    waiting: waiting
      .filter((p) => p.status === "WAITING")
      .map((p) => ({
        ref: preorderRef(p.id),
        name: p.recipient || p.buyer.name,
        units: p.requestedUnits - (p.allocatedUnits ?? 0),
        queueDay: p.queueDay,
        since: p.originDay,
      }))
      .slice(0, 100),
    waitingCount: waiting.filter((p) => p.status === "WAITING").length,
    exceptions,
  };
}
