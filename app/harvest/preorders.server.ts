// The buyer's pre-orders: place, change, cancel, and read back with their state.
// One pre-order per buyer per campaign (unique (campaignId, buyerId), decision
// 0046): two requests of one buyer racing cannot make two rows, so the per-buyer
// cap holds whatever the concurrency. Each write is one short transaction (the
// pre-order row, its payment rows, one SMS outbox row, one audit row); the
// campaign's status is re-read inside it, after the write lock is taken.
import { normalizePhone } from "~/domain/phone";
import { formatVnd } from "~/domain/money";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { randomBytes } from "node:crypto";
import { prisma, serializable, sqlTime, writeSqlAsync, type Prisma } from "~/utils/db.server";
import { amountDue, paymentOptions, termsOf } from "./campaign-page.server";
import { formatCutoff, preorderRef, shortDay } from "./format";
import type { PreorderForm } from "./preorder-schema";
import { placesIndex } from "~/places/places.server";
import {
  buyerMayChange,
  campaignRefusal,
  cutoffAt,
  daysOf,
  explainDay,
  firstPossibleDay,
  preorderRefusal,
  type CampaignTerms,
  type Day,
  type DayExplanation,
  type PreorderRefusal,
} from "./rules/preorder";

type Tx = Prisma.TransactionClient;

export type PreorderErrorCode =
  | PreorderRefusal
  | "preorder.error.exists"
  | "preorder.error.belowAllocated"
  | "preorder.error.changed"
  | "preorder.error.paidNoMore"
  | "preorder.error.communeMismatch"
  | "preorder.error.pickupPoint";

/** A refusal the form shows next to the field it concerns, with what the message needs. */
export class PreorderError extends Error {
  constructor(
    public code: PreorderErrorCode,
    public params: Record<string, string | number> = {},
    public preOrderId?: string,
  ) {
    super(code);
  }
  /** Which form field the refusal belongs to (null: the whole form). */
  get field(): "units" | "when" | "communeCode" | "collectionPointId" | "paymentMethod" | null {
    switch (this.code) {
      case "preorder.error.overCap":
      case "preorder.error.tooFew":
      case "preorder.error.belowAllocated":
      case "preorder.error.paidNoMore":
        return "units";
      case "preorder.error.afterCutoff":
      case "preorder.error.dayOutsideWindow":
        return "when";
      case "preorder.error.outsideArea":
      case "preorder.error.communeMismatch":
        return "communeCode";
      case "preorder.error.pickupPoint":
        return "collectionPointId";
      case "preorder.error.paymentNotOffered":
        return "paymentMethod";
      default:
        return null;
    }
  }
}

const campaignSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  firstDay: true,
  lastDay: true,
  cutoffTime: true,
  maxPerBuyer: true,
  deliveryCommunes: true,
  deliveryLat: true,
  deliveryLng: true,
  deliveryRadiusKm: true,
  payCod: true,
  vietqrMode: true,
  payCard: true,
  depositPct: true,
  priceVnd: true,
  unitLabel: true,
  preorderOpensAt: true,
  stallId: true,
  collectionPoints: { select: { id: true, name: true, line: true, communeCode: true } },
} satisfies Prisma.HarvestCampaignSelect;
type CampaignTermsRow = Prisma.HarvestCampaignGetPayload<{ select: typeof campaignSelect }>;

function refusalParams(
  code: PreorderRefusal,
  c: CampaignTermsRow,
  day: Day | null,
): Record<string, string | number> {
  if (code === "preorder.error.overCap")
    return { max: c.maxPerBuyer, unit: c.unitLabel.toLowerCase() };
  if (code === "preorder.error.afterCutoff") return { day: day ? shortDay(day) : "" };
  if (code === "preorder.error.dayOutsideWindow")
    return { from: shortDay(c.firstDay), to: shortDay(c.lastDay) };
  return {};
}

function refuse(
  terms: CampaignTerms,
  c: CampaignTermsRow,
  req: Parameters<typeof preorderRefusal>[1],
  at: Date,
) {
  const code = preorderRefusal(terms, req, at);
  if (code) throw new PreorderError(code, refusalParams(code, c, req.day));
}

/** SMS text is rendered when queued (the default template of app/notifications sends subject and body). */
function queueSms(
  tx: Tx,
  phone: string,
  template: string,
  subject: string,
  body: string,
  extra: Record<string, unknown> = {},
) {
  return enqueue(tx, "notify.sms", phone, { template, subject, body, ...extra });
}

// The campaign's terms for placing, kept two seconds per process: a rush of
// pre-orders reads them once, not once per request. Nothing relies on them being
// fresh: the write itself checks the status and the cap in SQL, and a refusal
// is explained from a fresh read.
const TERMS_TTL_MS = 2000;
const termsCache = new Map<string, { at: number; row: Promise<CampaignTermsRow | null> }>();
function campaignForPlacing(slug: string): Promise<CampaignTermsRow | null> {
  const hit = termsCache.get(slug);
  if (hit && Date.now() - hit.at < TERMS_TTL_MS) return hit.row;
  const row = prisma.harvestCampaign.findUnique({ where: { slug }, select: campaignSelect });
  termsCache.set(slug, { at: Date.now(), row });
  if (termsCache.size > 200) termsCache.delete(termsCache.keys().next().value!);
  row.catch(() => termsCache.delete(slug));
  return row;
}

/** A cuid-like id: time, then randomness (the last 8 characters name the pre-order to people). */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(10).toString("hex")}`;
}

type NewPreorder = {
  campaignId: string;
  buyerId: string;
  data: {
    requestedUnits: number;
    requestedDay: string | null;
    queueDay: string;
    allowCarryOver: boolean;
    idempotencyKey: string;
    fulfilment: string;
    collectionPointId: string | null;
    recipient: string;
    phone: string;
    communeCode: string;
    provinceCode: string;
    line: string;
    latitude: number | null;
    longitude: number | null;
    paymentMethod: string;
    amountDueVnd: number;
    paymentStatus: string;
  };
  sms: { subject: string; body: (ref: string) => string };
  audit: Record<string, unknown>;
  paymentUntil: Date;
};

/**
 * Inserts a new pre-order, its payment rows, its SMS and its audit entry in one
 * batch transaction of plain SQL statements (no round trips back to the app
 * while the write lock is held). The pre-order row goes in only if the campaign
 * is OPEN with this cap and the buyer has no pre-order there (the unique index
 * backs that up); every other row goes in only if that one did. Returns the new
 * id, or null when nothing was written.
 */
async function insertPreorder(n: NewPreorder): Promise<string | null> {
  const d = n.data;
  const id = newId();
  const ref = preorderRef(id);
  // real time, written as Prisma writes DateTime to SQLite, so its comparisons (the outbox worker's "due") hold
  const at = sqlTime(new Date());
  // conditions, each followed by its parameters
  const open = [
    `EXISTS (SELECT 1 FROM "HarvestCampaign" WHERE "id" = ? AND "status" = 'OPEN' AND "maxPerBuyer" >= ?)`,
    n.campaignId,
    d.requestedUnits,
  ] as const;
  // a buyer checked just before the cut-off must not land on a day already shared (it would never be allocated)
  const fresh = [
    `NOT EXISTS (SELECT 1 FROM "PreOrder" WHERE ("campaignId" = ? AND "buyerId" = ?) OR "idempotencyKey" = ?) AND NOT EXISTS (SELECT 1 FROM "AllocationEntry" WHERE "campaignId" = ? AND "day" = ?)`,
    n.campaignId,
    n.buyerId,
    d.idempotencyKey,
    n.campaignId,
    d.queueDay,
  ] as const;
  const placed = `EXISTS (SELECT 1 FROM "PreOrder" WHERE "id" = ?)`;
  const checkoutId = d.amountDueVnd > 0 ? newId() : null;
  const statements: [string, unknown[]][] = [];
  const stmt = (sql: string, ...args: unknown[]): [string, unknown[]] => [sql, args];
  if (checkoutId) {
    statements.push(
      stmt(
        `INSERT INTO "Checkout" ("id", "buyerId", "idempotencyKey", "recipient", "phone", "line", "communeCode", "provinceCode", "note", "paymentMethod", "status", "totalVnd", "createdAt", "expiresAt")
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ? WHERE ${open[0]} AND ${fresh[0]}`,
        checkoutId,
        n.buyerId,
        `preorder-${d.idempotencyKey}`,
        d.recipient,
        d.phone,
        d.line,
        d.communeCode,
        d.provinceCode,
        `Đặt trước ${ref}`,
        d.paymentMethod === "CARD" ? "CARD" : "VIETQR",
        d.amountDueVnd,
        at,
        sqlTime(n.paymentUntil),
        ...open.slice(1),
        ...fresh.slice(1),
      ),
    );
  }
  const preorderIndex = statements.length;
  statements.push(
    stmt(
      `INSERT INTO "PreOrder" ("id", "campaignId", "buyerId", "requestedUnits", "status", "requestedDay", "queueDay", "allowCarryOver", "idempotencyKey", "fulfilment", "collectionPointId", "recipient", "phone", "communeCode", "provinceCode", "line", "latitude", "longitude", "paymentMethod", "amountDueVnd", "paymentStatus", "checkoutId", "createdAt", "updatedAt")
     SELECT ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${open[0]} AND ${fresh[0]}
     ON CONFLICT DO NOTHING`,
      id,
      n.campaignId,
      n.buyerId,
      d.requestedUnits,
      d.requestedDay,
      d.queueDay,
      d.allowCarryOver ? 1 : 0,
      d.idempotencyKey,
      d.fulfilment,
      d.collectionPointId,
      d.recipient,
      d.phone,
      d.communeCode,
      d.provinceCode,
      d.line,
      d.latitude,
      d.longitude,
      d.paymentMethod,
      d.amountDueVnd,
      d.paymentStatus,
      checkoutId,
      at,
      at,
      ...open.slice(1),
      ...fresh.slice(1),
    ),
  );
  if (checkoutId && d.paymentMethod !== "CARD") {
    statements.push(
      stmt(
        `INSERT INTO "Payment" ("id", "checkoutId", "provider", "amountVnd", "status", "providerRef", "idempotencyKey", "createdAt") SELECT ?, ?, 'VIETQR', ?, 'PENDING', ?, ?, ? WHERE ${placed}`,
        newId(),
        checkoutId,
        d.amountDueVnd,
        `VQR-${ref}-${checkoutId.slice(-4)}`,
        `vietqr-preorder-${checkoutId}`,
        at,
        id,
      ),
    );
  }
  statements.push(
    stmt(
      `INSERT INTO "Outbox" ("topic", "key", "payload", "createdAt", "availableAt", "attempts") SELECT 'notify.sms', ?, ?, ?, ?, 0 WHERE ${placed}`,
      d.phone,
      JSON.stringify({
        template: "preorder.placed",
        subject: `${n.sms.subject} ${ref}`,
        body: n.sms.body(ref),
        preOrderId: id,
      }),
      at,
      at,
      id,
    ),
  );
  statements.push(
    stmt(
      `INSERT INTO "AuditLog" ("id", "actorId", "action", "entity", "entityId", "data", "at") SELECT ?, ?, 'preorder.placed', 'PreOrder', ?, ?, ? WHERE ${placed}`,
      newId(),
      n.buyerId,
      id,
      JSON.stringify(n.audit),
      at,
      id,
    ),
  );
  // one transaction of plain statements (docs/decisions/0048, 0072): on SQLite in turn on the writer,
  // nothing else interleaving; on PostgreSQL Serializable, run again on a conflict
  const counts = await writeSqlAsync(async (sql) => {
    const changed: number[] = [];
    for (const [text, args] of statements) changed.push(await sql.run(text, ...args));
    return changed;
  });
  return counts[preorderIndex] === 1 ? id : null;
}

export type PlaceInput = { campaignSlug: string; buyerId: string; form: PreorderForm; at: Date };

/**
 * Places a pre-order. A repeated idempotency key returns the first pre-order
 * (double submit, refresh); a second pre-order of the same buyer is refused
 * with the id of the first; a cancelled one with nothing awarded is reopened.
 */
export async function placePreorder({
  campaignSlug,
  buyerId,
  form,
  at,
}: PlaceInput): Promise<{ id: string; created: boolean }> {
  const c = await campaignForPlacing(campaignSlug);
  if (!c || c.status === "DRAFT") throw new PreorderError("preorder.error.notOpen");
  const terms = termsOf(c);
  const day = form.when === "first" ? null : form.when;
  const pickup =
    form.fulfilment === "PICKUP"
      ? c.collectionPoints.find((p) => p.id === form.collectionPointId)
      : null;
  if (form.fulfilment === "PICKUP" && !pickup)
    throw new PreorderError("preorder.error.pickupPoint");
  const places = await placesIndex();
  let communeCode: string;
  let provinceCode: string;
  if (pickup) {
    communeCode = pickup.communeCode;
    provinceCode = places.get(pickup.communeCode) ?? "";
  } else {
    communeCode = form.communeCode ?? "";
    provinceCode = form.provinceCode ?? "";
    if (places.get(communeCode) !== provinceCode)
      throw new PreorderError("preorder.error.communeMismatch");
  }
  const location =
    form.latitude !== undefined && form.longitude !== undefined
      ? { lat: form.latitude, lng: form.longitude }
      : null;
  refuse(
    terms,
    c,
    {
      units: form.units,
      day,
      fulfilment: form.fulfilment,
      communeCode,
      location,
      paymentMethod: form.paymentMethod,
    },
    at,
  );
  const queueDay = day ?? firstPossibleDay(terms.window, terms.cutoffOf, at)!;
  const due = amountDue(form.paymentMethod, form.units, c.priceVnd, c.depositPct);
  const phone = normalizePhone(form.phone)!;
  const data = {
    requestedUnits: form.units,
    requestedDay: day,
    queueDay,
    allowCarryOver: form.allowCarryOver ?? false,
    idempotencyKey: form.idempotencyKey,
    fulfilment: form.fulfilment,
    collectionPointId: pickup?.id ?? null,
    recipient: form.recipient,
    phone,
    communeCode,
    provinceCode,
    line: pickup ? pickup.name : (form.line ?? ""),
    latitude: location?.lat ?? null,
    longitude: location?.lng ?? null,
    paymentMethod: form.paymentMethod,
    amountDueVnd: due,
    paymentStatus: due > 0 ? "PENDING" : "UNPAID",
  };
  const sms = {
    subject: `Đặt trước`,
    body: (ref: string) =>
      `Xứ Trà: đã nhận đơn đặt trước ${ref}: ${form.units} ${c.unitLabel.toLowerCase()} ${c.title}, chờ chia hàng ngày ${shortDay(queueDay)} (chốt ${formatCutoff(terms.cutoffOf(queueDay))}).${due > 0 ? ` Cần thanh toán trước ${formatVnd(due)}.` : ""}`,
  };
  // the common case, a new pre-order, in one short batch of conditional statements
  const fast = await insertPreorder({
    campaignId: c.id,
    buyerId,
    data,
    sms,
    audit: { campaign: c.slug, units: form.units, day, queueDay, method: form.paymentMethod },
    paymentUntil: cutoffAt(c.lastDay, "23:59"),
  });
  if (fast) return { id: fast, created: true };
  // it did not go in: an existing pre-order (the same form again, or one to reopen), or the campaign changed.
  // Serializable: on PostgreSQL a day's allocation (also Serializable) writing its entry while this
  // reads "no entry for the day" is a conflict, and one of the two runs again (on SQLite the write lock
  // orders them already)
  try {
    return await serializable(async (tx) => {
      // the campaign as it is now that we hold the write lock: a pause or close just before wins
      const fresh = await tx.harvestCampaign.findUniqueOrThrow({
        where: { id: c.id },
        select: { status: true, maxPerBuyer: true },
      });
      const closed = campaignRefusal({ ...terms, status: fresh.status }, at);
      if (closed) throw new PreorderError(closed);
      if (form.units > fresh.maxPerBuyer)
        throw new PreorderError("preorder.error.overCap", {
          max: fresh.maxPerBuyer,
          unit: c.unitLabel.toLowerCase(),
        });
      if (await tx.allocationEntry.count({ where: { campaignId: c.id, day: queueDay } }))
        throw new PreorderError("preorder.error.afterCutoff", { day: shortDay(queueDay) });
      const existing = await tx.preOrder.findUnique({
        where: { campaignId_buyerId: { campaignId: c.id, buyerId } },
        select: { id: true, status: true, idempotencyKey: true, allocatedUnits: true },
      });
      let id: string;
      let created = true;
      if (existing) {
        if (existing.idempotencyKey === form.idempotencyKey)
          return { id: existing.id, created: false };
        if (existing.status !== "CANCELLED" || (existing.allocatedUnits ?? 0) > 0)
          throw new PreorderError("preorder.error.exists", {}, existing.id);
        // a cancelled pre-order that never got anything is placed again on the same row
        const reopened = await tx.preOrder.updateMany({
          where: { id: existing.id, status: "CANCELLED" },
          data: {
            ...data,
            status: "REQUESTED",
            allocatedUnits: null,
            originDay: null,
            cancelledAt: null,
            checkoutId: null,
            orderId: null,
          },
        });
        if (reopened.count !== 1)
          throw new PreorderError("preorder.error.changed", {}, existing.id);
        id = existing.id;
        created = false;
      } else {
        id = (
          await tx.preOrder.create({
            data: { ...data, campaignId: c.id, buyerId },
            select: { id: true },
          })
        ).id;
      }
      if (due > 0)
        await openPayment(
          tx,
          id,
          buyerId,
          data,
          form.paymentMethod,
          due,
          cutoffAt(c.lastDay, "23:59"),
        );
      const ref = preorderRef(id);
      await queueSms(tx, phone, "preorder.placed", `${sms.subject} ${ref}`, sms.body(ref), {
        preOrderId: id,
      });
      await audit(
        {
          actorId: buyerId,
          action: created ? "preorder.placed" : "preorder.reopened",
          entity: "PreOrder",
          entityId: id,
          data: { campaign: c.slug, units: form.units, day, queueDay, method: form.paymentMethod },
        },
        tx,
      );
      return { id, created };
    });
  } catch (e) {
    // the same buyer submitting twice at once: the unique index refused the second row
    if ((e as { code?: string }).code === "P2002") {
      const again = await prisma.preOrder.findUnique({
        where: { campaignId_buyerId: { campaignId: c.id, buyerId } },
        select: { id: true, idempotencyKey: true },
      });
      if (again?.idempotencyKey === form.idempotencyKey) return { id: again.id, created: false };
      if (again) throw new PreorderError("preorder.error.exists", {}, again.id);
    }
    throw e;
  }
}

/**
 * Money up front (VietQR deposit or full, card) goes through a Checkout with a
 * Payment, as orders do (decision 0044): the stall confirms a transfer, the
 * card webhook confirms a card, refunds go through app/payments.
 */
async function openPayment(
  tx: Tx,
  preOrderId: string,
  buyerId: string,
  d: {
    recipient: string;
    phone: string;
    line: string;
    communeCode: string;
    provinceCode: string;
    idempotencyKey: string;
  },
  method: string,
  amountVnd: number,
  until: Date,
) {
  const checkout = await tx.checkout.create({
    data: {
      buyerId,
      idempotencyKey: `preorder-${d.idempotencyKey}`,
      recipient: d.recipient,
      phone: d.phone,
      line: d.line,
      communeCode: d.communeCode,
      provinceCode: d.provinceCode,
      note: `Đặt trước ${preorderRef(preOrderId)}`,
      paymentMethod: method === "CARD" ? "CARD" : "VIETQR",
      totalVnd: amountVnd,
      expiresAt: until,
    },
    select: { id: true },
  });
  if (method !== "CARD")
    await tx.payment.create({
      data: {
        checkoutId: checkout.id,
        provider: "VIETQR",
        amountVnd,
        providerRef: `VQR-${preorderRef(preOrderId)}-${checkout.id.slice(-4)}`,
        idempotencyKey: `vietqr-preorder-${checkout.id}`,
      },
    });
  await tx.preOrder.update({ where: { id: preOrderId }, data: { checkoutId: checkout.id } });
}

const OPEN_STATES = ["REQUESTED", "WAITING"];

async function ownPreorder(id: string, buyerId: string) {
  const p = await prisma.preOrder.findUnique({
    where: { id },
    include: { campaign: { select: campaignSelect } },
  });
  if (!p || p.buyerId !== buyerId) throw new Response("Not found", { status: 404 });
  return p;
}

export type ChangeInput = { units: number; when: string; allowCarryOver?: boolean };

/**
 * Changes how many and which day, before the cut-off of the day it waits for.
 * Written only if the pre-order is still as read (status, day, last update):
 * an allocation that ran meanwhile wins and the buyer is told to look again.
 */
export async function changePreorder(id: string, buyerId: string, input: ChangeInput, at: Date) {
  const p = await ownPreorder(id, buyerId);
  const c = p.campaign;
  const terms = termsOf(c);
  if (!buyerMayChange(p.status, p.queueDay, terms.cutoffOf, at))
    throw new PreorderError("preorder.error.afterCutoff", {
      day: p.queueDay ? shortDay(p.queueDay) : "",
    });
  const waiting = p.status === "WAITING";
  // a carried-over pre-order keeps its place in the queue: only the number changes
  const day = waiting ? p.requestedDay : input.when === "first" ? null : input.when;
  // the address and the way of paying were checked when it was placed and do not change here
  const code = preorderRefusal(
    terms,
    {
      units: input.units,
      day: waiting ? null : day,
      fulfilment: "PICKUP",
      communeCode: p.communeCode,
      paymentMethod: p.paymentMethod,
    },
    at,
  );
  if (code && code !== "preorder.error.paymentNotOffered")
    throw new PreorderError(code, refusalParams(code, c, day));
  const allocated = p.allocatedUnits ?? 0;
  if (input.units < Math.max(1, allocated))
    throw new PreorderError("preorder.error.belowAllocated", { count: allocated });
  if (p.paymentStatus === "PAID" && p.amountDueVnd > 0 && input.units > p.requestedUnits)
    throw new PreorderError("preorder.error.paidNoMore");
  const queueDay = waiting
    ? p.queueDay!
    : (day ?? firstPossibleDay(terms.window, terms.cutoffOf, at)!);
  // paid up front: the amount asked follows the units while nothing is paid yet
  const due =
    p.paymentStatus === "PAID"
      ? p.amountDueVnd
      : amountDue(p.paymentMethod, input.units, c.priceVnd, c.depositPct);
  // Serializable, as placing: a day already shared (its allocation may be published before the
  // cut-off) takes no pre-order moving onto it, even one racing the allocation on PostgreSQL
  await serializable(async (tx) => {
    if (
      queueDay !== p.queueDay &&
      (await tx.allocationEntry.count({ where: { campaignId: c.id, day: queueDay } }))
    )
      throw new PreorderError("preorder.error.afterCutoff", { day: shortDay(queueDay) });
    const moved = await tx.preOrder.updateMany({
      where: { id, buyerId, status: p.status, queueDay: p.queueDay, updatedAt: p.updatedAt },
      data: {
        requestedUnits: input.units,
        requestedDay: day,
        queueDay,
        allowCarryOver: waiting ? p.allowCarryOver : (input.allowCarryOver ?? false),
        amountDueVnd: due,
      },
    });
    if (moved.count !== 1) throw new PreorderError("preorder.error.changed", {}, id);
    if (p.checkoutId && p.paymentStatus !== "PAID") {
      await tx.checkout.updateMany({
        where: { id: p.checkoutId, status: "PENDING" },
        data: { totalVnd: due },
      });
      await tx.payment.updateMany({
        where: { checkoutId: p.checkoutId, status: "PENDING", provider: "VIETQR" },
        data: { amountVnd: due },
      });
    }
    await queueSms(
      tx,
      p.phone,
      "preorder.changed",
      `Đặt trước ${preorderRef(id)}`,
      `Xứ Trà: đơn đặt trước ${preorderRef(id)} đã sửa: ${input.units} ${c.unitLabel.toLowerCase()}, chờ chia hàng ngày ${shortDay(queueDay)} (chốt ${formatCutoff(terms.cutoffOf(queueDay))}).`,
      { preOrderId: id },
    );
    await audit(
      {
        actorId: buyerId,
        action: "preorder.changed",
        entity: "PreOrder",
        entityId: id,
        data: {
          from: { units: p.requestedUnits, day: p.requestedDay, queueDay: p.queueDay },
          to: { units: input.units, day, queueDay },
        },
      },
      tx,
    );
  });
}

/**
 * Cancels what has not been allocated, before the cut-off. Units already
 * awarded for a day whose cut-off passed are being picked for the buyer and
 * stay (the pre-order ends ALLOCATED with them); with none it is CANCELLED.
 */
export async function cancelPreorder(id: string, buyerId: string, at: Date) {
  const p = await ownPreorder(id, buyerId);
  const terms = termsOf(p.campaign);
  if (!buyerMayChange(p.status, p.queueDay, terms.cutoffOf, at))
    throw new PreorderError("preorder.error.afterCutoff", {
      day: p.queueDay ? shortDay(p.queueDay) : "",
    });
  const allocated = p.allocatedUnits ?? 0;
  await prisma.$transaction(async (tx) => {
    const moved = await tx.preOrder.updateMany({
      where: { id, buyerId, status: p.status, queueDay: p.queueDay, updatedAt: p.updatedAt },
      data:
        allocated > 0
          ? { status: "ALLOCATED", requestedUnits: allocated, queueDay: null }
          : { status: "CANCELLED", queueDay: null, cancelledAt: at },
    });
    if (moved.count !== 1) throw new PreorderError("preorder.error.changed", {}, id);
    // nothing was paid yet: the open payment is void (a paid one is refunded by the seller side's release)
    if (p.checkoutId && allocated === 0 && p.paymentStatus !== "PAID") {
      await tx.checkout.updateMany({
        where: { id: p.checkoutId, status: "PENDING" },
        data: { status: "CANCELLED" },
      });
      await tx.payment.updateMany({
        where: { checkoutId: p.checkoutId, status: "PENDING" },
        data: { status: "FAILED" },
      });
      await tx.preOrder.update({ where: { id }, data: { paymentStatus: "UNPAID" } });
    }
    await queueSms(
      tx,
      p.phone,
      "preorder.cancelled",
      `Đặt trước ${preorderRef(id)}`,
      allocated > 0
        ? `Xứ Trà: đã huỷ phần chưa có hàng của đơn đặt trước ${preorderRef(id)}; bạn vẫn nhận ${allocated} ${p.campaign.unitLabel.toLowerCase()} đã được chia.`
        : `Xứ Trà: đơn đặt trước ${preorderRef(id)} (${p.campaign.title}) đã được huỷ.`,
      { preOrderId: id },
    );
    await audit(
      {
        actorId: buyerId,
        action: "preorder.cancelled",
        entity: "PreOrder",
        entityId: id,
        data: { keptUnits: allocated, queueDay: p.queueDay },
      },
      tx,
    );
  });
}

// ---------- reading ----------

export type DayLine = {
  day: Day;
  kind: "ALLOCATE" | "REALLOCATE";
  asked: number;
  got: number;
  change: number;
  why: DayExplanation;
  at: string;
};

/** The buyer's pre-orders, newest first, with what the list needs. */
export async function buyerPreorders(buyerId: string, take = 50) {
  const rows = await prisma.preOrder.findMany({
    where: { buyerId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      status: true,
      requestedUnits: true,
      allocatedUnits: true,
      queueDay: true,
      requestedDay: true,
      paymentStatus: true,
      createdAt: true,
      campaign: { select: { slug: true, title: true, unitLabel: true, cutoffTime: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id,
    ref: preorderRef(p.id),
    status: p.status,
    requested: p.requestedUnits,
    allocated: p.allocatedUnits ?? 0,
    queueDay: p.queueDay,
    cutoff: p.queueDay ? cutoffAt(p.queueDay, p.campaign.cutoffTime).toISOString() : null,
    paymentStatus: p.paymentStatus,
    createdAt: p.createdAt.toISOString(),
    campaign: { slug: p.campaign.slug, title: p.campaign.title, unitLabel: p.campaign.unitLabel },
  }));
}

/** One pre-order with its story: each day's award and why, what is waiting, payment. */
export async function preorderView(id: string, buyerId: string, at: Date) {
  const p = await prisma.preOrder.findUnique({
    where: { id },
    include: {
      campaign: {
        select: {
          ...campaignSelect,
          stall: {
            select: {
              name: true,
              slug: true,
              bankBin: true,
              bankAccount: true,
              bankAccountName: true,
              payoutHoldSince: true,
            },
          },
        },
      },
      collectionPoint: { select: { name: true, line: true, hours: true } },
      awards: {
        select: {
          entryId: true,
          tier: true,
          requested: true,
          units: true,
          change: true,
          entry: {
            select: { day: true, sequence: true, kind: true, supply: true, createdAt: true },
          },
        },
      },
      checkout: {
        select: {
          id: true,
          status: true,
          payments: { select: { provider: true, status: true, amountVnd: true } },
        },
      },
    },
  });
  if (!p || p.buyerId !== buyerId) return null;
  const terms = termsOf(p.campaign);
  // the current award of a day is its highest sequence; older entries are the story
  const byDay = new Map<string, (typeof p.awards)[number]>();
  for (const a of p.awards) {
    const cur = byDay.get(a.entry.day);
    if (!cur || cur.entry.sequence < a.entry.sequence) byDay.set(a.entry.day, a);
  }
  const current = [...byDay.values()].sort((a, b) => (a.entry.day < b.entry.day ? -1 : 1));
  const everyone = await prisma.award.findMany({
    where: { entryId: { in: current.map((a) => a.entryId) } },
    select: { entryId: true, preOrderId: true, tier: true, requested: true, units: true },
  });
  const days: DayLine[] = current.map((a) => {
    const lines = everyone
      .filter((x) => x.entryId === a.entryId)
      .map((x) => ({ id: x.preOrderId, units: x.requested, tier: x.tier, award: x.units }));
    return {
      day: a.entry.day,
      kind: a.entry.kind === "REALLOCATE" ? "REALLOCATE" : "ALLOCATE",
      asked: a.requested,
      got: a.units,
      change: a.change,
      why: explainDay(lines, a.entry.supply, p.id),
      at: a.entry.createdAt.toISOString(),
    };
  });
  const history = [...p.awards]
    .sort((a, b) => a.entry.createdAt.getTime() - b.entry.createdAt.getTime())
    .map((a) => ({
      day: a.entry.day,
      kind: a.entry.kind,
      got: a.units,
      change: a.change,
      at: a.entry.createdAt.toISOString(),
    }));
  const allocated = p.allocatedUnits ?? 0;
  const mayChange =
    buyerMayChange(p.status, p.queueDay, terms.cutoffOf, at) &&
    p.campaign.status !== "CANCELLED" &&
    p.campaign.status !== "CLOSED";
  const stall = p.campaign.stall;
  return {
    id: p.id,
    ref: preorderRef(p.id),
    status: p.status,
    requested: p.requestedUnits,
    allocated,
    waiting: OPEN_STATES.includes(p.status) ? Math.max(0, p.requestedUnits - allocated) : 0,
    released:
      p.status === "RELEASED" || (p.status === "ALLOCATED" && allocated < p.requestedUnits)
        ? p.requestedUnits - allocated
        : 0,
    requestedDay: p.requestedDay,
    queueDay: p.queueDay,
    cutoff: p.queueDay ? terms.cutoffOf(p.queueDay).toISOString() : null,
    allowCarryOver: p.allowCarryOver,
    mayChange,
    campaignOpen: p.campaign.status === "OPEN",
    orderableDays: daysOf(p.campaign.firstDay, p.campaign.lastDay)
      .filter((d) => terms.cutoffOf(d).getTime() > at.getTime())
      .map((d) => ({ day: d, cutoff: terms.cutoffOf(d).toISOString() })),
    days,
    history,
    createdAt: p.createdAt.toISOString(),
    cancelledAt: p.cancelledAt?.toISOString() ?? null,
    fulfilment: p.fulfilment,
    address: { recipient: p.recipient, phone: p.phone, line: p.line, communeCode: p.communeCode },
    collectionPoint: p.collectionPoint,
    payment: {
      method: p.paymentMethod,
      status: p.paymentStatus,
      amountDueVnd: p.amountDueVnd,
      checkoutId: p.checkoutId,
      payable:
        p.paymentStatus === "PENDING" &&
        p.amountDueVnd > 0 &&
        p.status !== "CANCELLED" &&
        p.status !== "RELEASED",
    },
    stall: {
      name: stall.name,
      slug: stall.slug,
      bank: {
        bankBin: stall.bankBin,
        bankAccount: stall.bankAccount,
        bankAccountName: stall.bankAccountName,
        payoutHoldSince: stall.payoutHoldSince,
      },
    },
    campaign: {
      slug: p.campaign.slug,
      title: p.campaign.title,
      unitLabel: p.campaign.unitLabel,
      priceVnd: p.campaign.priceVnd,
      maxPerBuyer: p.campaign.maxPerBuyer,
      status: p.campaign.status,
      payments: paymentOptions(p.campaign),
      firstDay: p.campaign.firstDay,
      lastDay: p.campaign.lastDay,
    },
  };
}

export type PreorderView = NonNullable<Awaited<ReturnType<typeof preorderView>>>;

/** For the campaign page: the buyer's pre-order there (if any) and the address to start the form with. */
export async function buyerContext(
  user: { id: string; name: string; phone: string },
  campaignId: string,
) {
  const [existing, address, last] = await Promise.all([
    prisma.preOrder.findUnique({
      where: { campaignId_buyerId: { campaignId, buyerId: user.id } },
      select: {
        id: true,
        status: true,
        requestedUnits: true,
        allocatedUnits: true,
        queueDay: true,
      },
    }),
    prisma.address.findFirst({ where: { userId: user.id }, orderBy: { isDefault: "desc" } }),
    prisma.preOrder.findFirst({
      where: { buyerId: user.id, fulfilment: "DELIVERY" },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const prefill =
    address ??
    (last
      ? {
          recipient: last.recipient,
          phone: last.phone,
          line: last.line,
          provinceCode: last.provinceCode,
          communeCode: last.communeCode,
        }
      : null);
  return {
    existing:
      existing && existing.status !== "CANCELLED"
        ? { ...existing, ref: preorderRef(existing.id) }
        : null,
    defaults: {
      recipient: prefill?.recipient ?? user.name,
      phone: prefill?.phone ?? user.phone,
      line: prefill?.line ?? "",
      provinceCode: prefill?.provinceCode ?? "",
      communeCode: prefill?.communeCode ?? "",
    },
  };
}
