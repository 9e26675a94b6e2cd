// Households' picks: the evening confirmation of tomorrow's boxes and ready time, and
// corrections after weighing. Confirmations carry an idempotency key (the offline
// queue resends them when the signal returns), so a resend never records twice.
import type { MessageKey } from "~/i18n";
import { once } from "~/offline/idempotency.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { mayConfirmFor, mayManageCampaign } from "./access.server";
import { dayToConfirm, localTimeOf, pickRefusal, readyAtOf } from "./rules/campaign";
import type { CorrectionSchema, PickSchema } from "./schema";
import type { z } from "zod";

export type PickOutcome =
  | { ok: true; pickId: string; units: number; readyTime: string; replay: boolean }
  | { ok: false; error: MessageKey; status: number };

export async function confirmPick(
  user: SessionUser,
  v: z.infer<typeof PickSchema>,
): Promise<PickOutcome> {
  const campaign = await prisma.harvestCampaign.findUnique({
    where: { id: v.campaignId },
    include: { stall: true },
  });
  if (!campaign) return { ok: false, error: "error.notFound", status: 404 };
  const member = await prisma.campaignHousehold.findUnique({
    where: { campaignId_householdId: { campaignId: campaign.id, householdId: v.householdId } },
  });
  if (!member || !mayConfirmFor(user, campaign, v.householdId))
    return { ok: false, error: "harvest.pick.error.notYours", status: 403 };
  const refusal = pickRefusal(campaign, v, now());
  if (refusal) return { ok: false, error: refusal, status: 400 };
  const readyAt = readyAtOf(v.day, v.readyTime);
  const { result, replay } = await prisma.$transaction((tx) =>
    once(tx, v.idempotencyKey, user.id, "harvest.pick.confirm", async () => {
      const pick = await tx.pick.upsert({
        where: {
          campaignId_householdId_day: {
            campaignId: campaign.id,
            householdId: v.householdId,
            day: v.day,
          },
        },
        create: {
          campaignId: campaign.id,
          householdId: v.householdId,
          day: v.day,
          units: v.units,
          readyAt,
          confirmedById: user.id,
          confirmedAt: now(),
        },
        update: {
          units: v.units,
          readyAt,
          status: "CONFIRMED",
          confirmedById: user.id,
          confirmedAt: now(),
        },
      });
      await audit(
        {
          actorId: user.id,
          onBehalfOfId: user.householdId === v.householdId ? null : v.householdId,
          action: "harvest.pick.confirm",
          entity: "Pick",
          entityId: pick.id,
          data: {
            campaignId: campaign.id,
            day: v.day,
            units: v.units,
            readyTime: v.readyTime,
            key: v.idempotencyKey ?? null,
          },
        },
        tx,
      );
      return { pickId: pick.id, units: v.units, readyTime: v.readyTime };
    }),
  );
  return { ok: true, ...result, replay };
}

export type CorrectionOutcome =
  | { ok: true; pickId: string; day: string; campaignId: string }
  | { ok: false; error: MessageKey; status: number };

/** After weighing: the boxes accepted (graded down, picked less), recorded as its own row. */
export async function correctPick(
  user: SessionUser,
  v: z.infer<typeof CorrectionSchema>,
): Promise<CorrectionOutcome> {
  const pick = await prisma.pick.findUnique({
    where: { id: v.pickId },
    include: { campaign: { include: { stall: true } } },
  });
  if (!pick) return { ok: false, error: "harvest.pick.error.noPick", status: 404 };
  if (!mayManageCampaign(user, pick.campaign))
    return { ok: false, error: "harvest.pick.error.notYours", status: 403 };
  if (v.toUnits > pick.units)
    return { ok: false, error: "harvest.pick.error.correction", status: 400 };
  await prisma.$transaction((tx) =>
    recordWeighing(tx, pick, v.toUnits, v.reason, v.note ?? "", user.id),
  );
  return { ok: true, pickId: pick.id, day: pick.day, campaignId: pick.campaignId };
}

/**
 * The weighing of a pick inside the caller's transaction: a PickCorrection row when the
 * boxes differ from what stood so far, the pick's weighed units, an audit row. Used by
 * the board's correction form and by the driver's pick-up report (app/delivery).
 */
export async function recordWeighing(
  tx: Prisma.TransactionClient,
  pick: {
    id: string;
    householdId: string;
    day: string;
    units: number;
    weighedUnits: number | null;
  },
  toUnits: number,
  reason: "GRADED_DOWN" | "PICKED_LESS" | "OTHER",
  note: string,
  actorId: string,
) {
  const from = pick.weighedUnits ?? pick.units;
  if (from !== toUnits)
    await tx.pickCorrection.create({
      data: { pickId: pick.id, fromUnits: from, toUnits, reason, note, createdById: actorId },
    });
  await tx.pick.update({
    where: { id: pick.id },
    data: { weighedUnits: toUnits, status: "WEIGHED" },
  });
  await audit(
    {
      actorId,
      onBehalfOfId: pick.householdId,
      action: "harvest.pick.correct",
      entity: "Pick",
      entityId: pick.id,
      data: { day: pick.day, from, to: toUnits, reason, note },
    },
    tx,
  );
}

/**
 * What a household (or a manager for its members) has to confirm now: each open
 * campaign it takes part in, the day to confirm, and what it said so far.
 */
export async function picksToConfirm(user: SessionUser, opts: { campaignId?: string } = {}) {
  const at = now();
  const householdFilter =
    user.role === "HOUSEHOLD"
      ? { householdId: user.householdId ?? "-" }
      : user.role === "COOP_MANAGER"
        ? { campaign: { cooperativeId: user.cooperativeId ?? "-" } }
        : {};
  const rows = await prisma.campaignHousehold.findMany({
    where: {
      ...householdFilter,
      ...(opts.campaignId ? { campaignId: opts.campaignId } : {}),
      campaign: {
        status: { in: ["OPEN", "PAUSED"] },
        ...(user.role === "COOP_MANAGER" ? { cooperativeId: user.cooperativeId ?? "-" } : {}),
      },
    },
    include: { campaign: true, household: { select: { id: true, name: true } } },
    orderBy: [{ campaignId: "asc" }, { household: { name: "asc" } }],
    take: 500,
  });
  const out = [];
  for (const r of rows) {
    const day = dayToConfirm(r.campaign, at);
    if (!day) continue;
    out.push({ campaign: r.campaign, household: r.household, day, expectedUnits: r.expectedUnits });
  }
  const picks = out.length
    ? await prisma.pick.findMany({
        where: {
          OR: out.map((o) => ({
            campaignId: o.campaign.id,
            householdId: o.household.id,
            day: o.day,
          })),
        },
      })
    : [];
  return out.map((o) => {
    const p = picks.find(
      (x) => x.campaignId === o.campaign.id && x.householdId === o.household.id && x.day === o.day,
    );
    const days = Math.max(
      1,
      Math.round((Date.parse(o.campaign.lastDay) - Date.parse(o.campaign.firstDay)) / 86_400_000) +
        1,
    );
    return {
      campaignId: o.campaign.id,
      campaignTitle: o.campaign.title,
      unitKind: o.campaign.unitKind,
      cutoffTime: o.campaign.cutoffTime,
      householdId: o.household.id,
      householdName: o.household.name,
      day: o.day,
      confirmed:
        p && p.status !== "WITHDRAWN"
          ? { units: p.units, readyTime: localTimeOf(p.readyAt) }
          : null,
      // a sensible default, so confirming is one tap when nothing changed
      suggestedUnits: p?.units ?? Math.max(1, Math.round(o.expectedUnits / days)),
      suggestedReadyTime: p ? localTimeOf(p.readyAt) : "06:00",
    };
  });
}
