// Harvest campaigns, seller side: create, edit (draft), open, pause, resume, close
// early, cancel. The one place that writes campaigns: access checked by the caller's
// require* (./access.server.ts), every change audited, buyers told by SMS (outbox),
// deposits refunded through the provider that took them (app/payments).
import { slugify } from "~/domain/listing";
import type { MessageKey } from "~/i18n";
import { enqueue, enqueueCampaignSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { formatVnd } from "~/domain/money";
import { communesOf, placesIndex } from "~/places/places.server";
import { campaignRows, parseKg, type CampaignForm } from "./schema";
import { cutoffOf, lastSharedDay, transition, type CampaignAction } from "./rules/campaign";
import { dayStart } from "./rules/preorder";
import { shortDay } from "./format";
import { openPreorderReturn, refundPreOrders } from "./refunds.server";

type FieldErrors = Record<string, MessageKey[]>;
export type CampaignWrite =
  | { ok: true; campaignId: string }
  | { ok: false; fieldErrors: FieldErrors; formErrors?: MessageKey[] };

type StallRef = {
  id: string;
  householdId: string | null;
  cooperativeId: string | null;
  communeCode: string;
};

/** Households that may take part: the cooperative's ACTIVE members, or the stall's own household. */
export async function eligibleHouseholds(stall: StallRef) {
  const where: Prisma.HouseholdWhereInput = stall.cooperativeId
    ? { memberships: { some: { cooperativeId: stall.cooperativeId, status: "ACTIVE" } } }
    : { id: stall.householdId ?? "-" };
  return prisma.household.findMany({
    where,
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      hamlet: true,
      plots: { select: { id: true, name: true }, take: 1 },
    },
  });
}

/** Products, households and communes the campaign form offers. */
export async function campaignFormOptions(stall: StallRef) {
  const [products, households, communes] = await Promise.all([
    prisma.product.findMany({
      where: { stallId: stall.id, deletedAt: null },
      orderBy: [{ perishable: "desc" }, { name: "asc" }],
      select: { id: true, name: true, perishable: true },
    }),
    eligibleHouseholds(stall),
    // the stall's own province (in force), not the country's 3,321 communes
    placesIndex()
      .then((index) => communesOf(index.get(stall.communeCode) ?? ""))
      .then((list) => (list ?? []).map(({ code, name }) => ({ code, name }))),
  ]);
  return {
    products,
    households: households.map((h) => ({ id: h.id, name: h.name, hamlet: h.hamlet })),
    communes,
  };
}

async function uniqueSlug(tx: Prisma.TransactionClient, title: string, firstDay: string) {
  const base = slugify(`${title} ${firstDay.slice(0, 4)}`).slice(0, 70) || "mua-thu-hoach";
  for (let i = 1; i < 100; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!(await tx.harvestCampaign.findUnique({ where: { slug }, select: { id: true } })))
      return slug;
  }
  return `${base}-${Date.now().toString(36)}`;
}

/** Checks a valid form against the database: product, communes, members. Null when all is well. */
async function checkReferences(
  stall: StallRef,
  v: CampaignForm,
): Promise<{ fieldErrors: FieldErrors; formErrors?: MessageKey[] } | null> {
  const fieldErrors: FieldErrors = {};
  const product = await prisma.product.findFirst({
    where: { id: v.productId, stallId: stall.id, deletedAt: null },
    select: { id: true },
  });
  if (!product) fieldErrors.productId = ["harvest.error.product"];
  const { points, households } = campaignRows(v);
  const codes = [...new Set([...(v.deliveryCommunes ?? []), ...points.map((p) => p.communeCode)])];
  const known = new Set(
    (await prisma.commune.findMany({ where: { code: { in: codes } }, select: { code: true } })).map(
      (c) => c.code,
    ),
  );
  if ((v.deliveryCommunes ?? []).some((c) => !known.has(c)))
    fieldErrors.deliveryCommunes = ["harvest.error.commune"];
  points.forEach((p, i) => {
    if (!known.has(p.communeCode))
      fieldErrors[`points[${i}].communeCode`] = ["harvest.error.commune"];
  });
  const eligible = new Set((await eligibleHouseholds(stall)).map((h) => h.id));
  const strangers = households.filter((h) => !eligible.has(h.householdId));
  if (strangers.length) fieldErrors.households = ["harvest.error.notMember"];
  if (cutoffOf(v.firstDay, v.cutoffTime).getTime() <= now().getTime())
    fieldErrors.firstDay = ["harvest.error.windowPast"];
  return Object.keys(fieldErrors).length ? { fieldErrors } : null;
}

function campaignData(v: CampaignForm) {
  const boxGrams = v.unitKind === "BOX" ? parseKg(v.boxKg ?? "") : null;
  const { households } = campaignRows(v);
  const kg = boxGrams ? String(boxGrams / 1000).replace(".", ",") : "";
  return {
    title: v.title,
    description: v.description ?? "",
    productId: v.productId,
    grade: v.grade ?? "",
    unitKind: v.unitKind,
    boxGrams,
    unitLabel: v.unitKind === "BOX" ? `Thùng ${kg} kg` : "kg",
    priceVnd: v.price,
    expectedUnits: households.reduce((n, h) => n + h.expectedUnits, 0),
    maxPerBuyer: v.maxPerBuyer,
    gradingReservePct: v.gradingReservePct ?? 0,
    firstDay: v.firstDay,
    lastDay: v.lastDay,
    harvestFrom: dayStart(v.firstDay),
    harvestTo: dayStart(v.lastDay),
    cutoffTime: v.cutoffTime,
    preorderClosesAt: cutoffOf(v.lastDay, v.cutoffTime),
    deliveryCommunes: JSON.stringify([...new Set(v.deliveryCommunes ?? [])].sort()),
    deliveryLat: v.deliveryLat ?? null,
    deliveryLng: v.deliveryLng ?? null,
    deliveryRadiusKm: v.deliveryRadiusKm ?? null,
    freshNearHours: v.freshNearHours,
    freshFarHours: v.freshFarHours,
    freshFarKm: v.freshFarKm,
    compensationPct: v.compensationPct ?? 0,
    payCod: v.payCod ?? false,
    vietqrMode: v.vietqrMode,
    depositPct: v.vietqrMode === "DEPOSIT" ? (v.depositPct ?? 0) : 0,
    payCard: v.payCard ?? false,
  };
}

async function writeRows(tx: Prisma.TransactionClient, campaignId: string, v: CampaignForm) {
  const { points, households } = campaignRows(v);
  await tx.collectionPoint.deleteMany({ where: { campaignId } });
  for (const [i, p] of points.entries())
    await tx.collectionPoint.create({
      data: {
        campaignId,
        name: p.name,
        line: p.line ?? "",
        communeCode: p.communeCode,
        hours: p.hours ?? "",
        position: i,
      },
    });
  await tx.campaignHousehold.deleteMany({ where: { campaignId } });
  const plots = await tx.plot.findMany({
    where: { householdId: { in: households.map((h) => h.householdId) } },
    select: { id: true, householdId: true },
    orderBy: { id: "asc" },
  });
  for (const h of households)
    await tx.campaignHousehold.create({
      data: {
        campaignId,
        householdId: h.householdId,
        expectedUnits: h.expectedUnits,
        plotId: plots.find((p) => p.householdId === h.householdId)?.id ?? null,
      },
    });
}

export async function createCampaign(
  user: SessionUser,
  stall: StallRef,
  v: CampaignForm,
): Promise<CampaignWrite> {
  const refused = await checkReferences(stall, v);
  if (refused) return { ok: false, ...refused };
  const campaignId = await prisma.$transaction(async (tx) => {
    const created = await tx.harvestCampaign.create({
      data: {
        ...campaignData(v),
        slug: await uniqueSlug(tx, v.title, v.firstDay),
        stallId: stall.id,
        cooperativeId: stall.cooperativeId,
        preorderOpensAt: now(),
        status: "DRAFT",
        createdById: user.id,
      },
    });
    await writeRows(tx, created.id, v);
    await audit(
      {
        actorId: user.id,
        action: "harvest.campaign.create",
        entity: "HarvestCampaign",
        entityId: created.id,
        data: {
          title: v.title,
          firstDay: v.firstDay,
          lastDay: v.lastDay,
          households: campaignRows(v).households.length,
        },
      },
      tx,
    );
    return created.id;
  });
  return { ok: true, campaignId };
}

/** Edits a draft (an open campaign's terms are what buyers agreed to: pause, close or cancel it instead). */
export async function updateCampaign(
  user: SessionUser,
  campaign: { id: string; status: string },
  stall: StallRef,
  v: CampaignForm,
): Promise<CampaignWrite> {
  if (campaign.status !== "DRAFT")
    return { ok: false, fieldErrors: {}, formErrors: ["harvest.error.notDraft"] };
  const refused = await checkReferences(stall, v);
  if (refused) return { ok: false, ...refused };
  const changed = await prisma.$transaction(async (tx) => {
    // conditional on still being a draft: an "open" tapped in another tab wins
    const res = await tx.harvestCampaign.updateMany({
      where: { id: campaign.id, status: "DRAFT" },
      data: campaignData(v),
    });
    if (res.count !== 1) return false;
    await writeRows(tx, campaign.id, v);
    await audit(
      {
        actorId: user.id,
        action: "harvest.campaign.update",
        entity: "HarvestCampaign",
        entityId: campaign.id,
        data: { title: v.title, firstDay: v.firstDay, lastDay: v.lastDay },
      },
      tx,
    );
    return true;
  });
  return changed
    ? { ok: true, campaignId: campaign.id }
    : { ok: false, fieldErrors: {}, formErrors: ["harvest.error.notDraft"] };
}

/** The campaign's form values, for editing a draft. */
export async function campaignFormValues(campaignId: string) {
  const c = await prisma.harvestCampaign.findUniqueOrThrow({
    where: { id: campaignId },
    include: { collectionPoints: { orderBy: { position: "asc" } }, households: true },
  });
  return {
    title: c.title,
    description: c.description,
    productId: c.productId,
    grade: c.grade,
    unitKind: c.unitKind,
    boxKg: c.boxGrams ? String(c.boxGrams / 1000).replace(".", ",") : "",
    price: String(c.priceVnd),
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    cutoffTime: c.cutoffTime,
    maxPerBuyer: String(c.maxPerBuyer),
    gradingReservePct: String(c.gradingReservePct),
    deliveryCommunes: JSON.parse(c.deliveryCommunes) as string[],
    deliveryRadiusKm: c.deliveryRadiusKm?.toString() ?? "",
    deliveryLat: c.deliveryLat?.toString() ?? "",
    deliveryLng: c.deliveryLng?.toString() ?? "",
    freshNearHours: String(c.freshNearHours),
    freshFarKm: String(c.freshFarKm),
    freshFarHours: String(c.freshFarHours),
    compensationPct: String(c.compensationPct),
    payCod: c.payCod ? "on" : undefined,
    vietqrMode: c.vietqrMode,
    depositPct: c.depositPct ? String(c.depositPct) : "",
    payCard: c.payCard ? "on" : undefined,
    points: c.collectionPoints.map((p) => ({
      name: p.name,
      line: p.line,
      communeCode: p.communeCode,
      hours: p.hours,
    })),
    expected: Object.fromEntries(
      c.households.map((h) => [h.householdId, h.expectedUnits]),
    ) as Record<string, number>,
  };
}

/** SMS to a pre-order's buyer (the phone given with the pre-order, else the account's). */
export async function smsBuyer(
  tx: Prisma.TransactionClient,
  preOrder: { phone: string; buyer: { phone: string } },
  subject: string,
  body: string,
) {
  const to = preOrder.phone || preOrder.buyer.phone;
  await enqueue(tx, "notify.sms", to, { subject, body });
}

const ACTIVE_PREORDER = ["REQUESTED", "ALLOCATED", "WAITING", "CONFIRMED"];

export type StatusChange =
  { ok: true; status: string; refundsFailed: number } | { ok: false; error: MessageKey };

/**
 * open / pause (with a message to buyers) / resume / close early / cancel. The status
 * moves with a conditional update, so two managers tapping at once make one change.
 */
export async function changeCampaignStatus(
  user: SessionUser,
  campaignId: string,
  action: CampaignAction,
  opts: { pauseMessage?: string; cancelReason?: string } = {},
): Promise<StatusChange> {
  const campaign = await prisma.harvestCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const to = transition(campaign.status, action);
  if (!to) return { ok: false, error: "harvest.error.transition" };
  const at = now();
  const toRefund: string[] = [];
  const done = await prisma.$transaction(async (tx) => {
    const data: Prisma.HarvestCampaignUpdateManyMutationInput = { status: to };
    if (action === "open") {
      data.openedAt = at;
      if (campaign.preorderOpensAt.getTime() > at.getTime() || !campaign.openedAt)
        data.preorderOpensAt = at;
    }
    if (action === "pause")
      Object.assign(data, { pausedAt: at, pauseMessage: opts.pauseMessage ?? "" });
    if (action === "resume") Object.assign(data, { pausedAt: null, pauseMessage: "" });
    if (action === "close") data.closedAt = at;
    if (action === "cancel")
      Object.assign(data, { cancelledAt: at, cancelReason: opts.cancelReason ?? "" });
    const res = await tx.harvestCampaign.updateMany({
      where: { id: campaign.id, status: campaign.status },
      data,
    });
    if (res.count !== 1) return false;

    const name = campaign.title;
    if (action === "pause" || action === "cancel") {
      const affected = await tx.preOrder.findMany({
        where: { campaignId: campaign.id, status: { in: ACTIVE_PREORDER } },
        include: { buyer: { select: { phone: true } } },
      });
      for (const p of affected) {
        if (action === "pause") {
          await smsBuyer(
            tx,
            p,
            `Tạm dừng: ${name}`,
            `Xứ Trà: ${name} tạm dừng. ${opts.pauseMessage ?? ""} Đơn đặt trước của bạn vẫn được giữ.`,
          );
          continue;
        }
        await tx.preOrder.update({
          where: { id: p.id },
          data: { status: "CANCELLED", queueDay: null, cancelledAt: at },
        });
        // the refund row is written with the cancel; the provider is asked after the commit
        if (p.paymentStatus === "PAID") {
          await openPreorderReturn(tx, p.id, user.id, "CAMPAIGN_CANCELLED");
          toRefund.push(p.id);
        }
        const refund =
          p.paymentStatus === "PAID"
            ? ` Tiền đã trả (${formatVnd(p.amountDueVnd)}) sẽ được hoàn lại.`
            : "";
        await smsBuyer(
          tx,
          p,
          `Huỷ: ${name}`,
          `Xứ Trà: rất tiếc, ${name} đã bị huỷ (${opts.cancelReason ?? ""}). Đơn đặt trước của bạn được huỷ.${refund}`,
        );
      }
    }
    if (action === "close") {
      // what waits for a day that will not be shared is released now
      const last = lastSharedDay({ ...campaign, closedAt: at });
      const waiting = await tx.preOrder.findMany({
        where: {
          campaignId: campaign.id,
          status: { in: ["REQUESTED", "WAITING"] },
          ...(last ? { OR: [{ queueDay: { gt: last } }, { queueDay: null }] } : {}),
        },
        include: { buyer: { select: { phone: true } } },
      });
      for (const p of waiting) {
        const awarded = p.allocatedUnits ?? 0;
        await tx.preOrder.update({
          where: { id: p.id },
          data: { status: awarded > 0 ? "ALLOCATED" : "RELEASED", queueDay: null },
        });
        // paid for more than it keeps: the rest goes back (all of it when nothing was awarded)
        if (p.paymentStatus === "PAID") {
          await openPreorderReturn(tx, p.id, user.id, "PREORDER_RELEASED");
          toRefund.push(p.id);
        }
        const tail =
          awarded > 0
            ? `Bạn vẫn nhận ${awarded} ${campaign.unitLabel} đã được chia.`
            : p.paymentStatus === "PAID"
              ? "Tiền đã trả sẽ được hoàn lại."
              : "";
        await smsBuyer(
          tx,
          p,
          `Kết thúc: ${name}`,
          `Xứ Trà: ${name} kết thúc sớm${last ? ` sau ngày ${shortDay(last)}` : ""}. Phần chưa được chia không còn hàng. ${tail}`.trim(),
        );
      }
    }
    await audit(
      {
        actorId: user.id,
        action: `harvest.campaign.${action}`,
        entity: "HarvestCampaign",
        entityId: campaign.id,
        data: {
          from: campaign.status,
          to,
          pauseMessage: opts.pauseMessage,
          cancelReason: opts.cancelReason,
        },
      },
      tx,
    );
    // the home page and search list open campaigns
    await enqueueCampaignSync(tx, campaign.id);
    return true;
  });
  if (!done) return { ok: false, error: "harvest.error.transition" };
  const refunds = toRefund.length
    ? await refundPreOrders(
        toRefund,
        user.id,
        action === "cancel" ? "CAMPAIGN_CANCELLED" : undefined,
      )
    : { failed: 0 };
  return { ok: true, status: to, refundsFailed: refunds.failed };
}
