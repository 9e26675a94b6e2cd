// The driver's side of a harvest day: the run sheet and the stop reports (arrived,
// picked with the boxes weighed, delivered, failed with a reason). Reports come from a
// plain form or the phone's offline queue with an idempotency key, so a resend is
// applied once (app/offline/idempotency.server.ts). A report for a stop of a run the
// dispatcher has since re-planned goes to the same stop of the current plan when there
// is one, and is refused clearly when there is not (decision 0054).
import { makeShortCode } from "~/domain/digital-link";
import { canManageStall } from "~/domain/roles";
import { preorderRef } from "~/harvest/format";
import { recordWeighing } from "~/harvest/picks.server";
import { localTimeOf } from "~/harvest/rules/campaign";
import { translator, isLocale } from "~/i18n";
import { IdempotencyConflict, once } from "~/offline/idempotency.server";
import { areaTravel } from "~/routing/travel";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { afterReport, type FollowUps } from "./follow-ups.server";
import {
  applyReport,
  DONE,
  isShortPick,
  navigationLinks,
  reportRefusal,
  roundMinutes,
  type Report,
} from "./rules";
import type { DeliveryKey } from "./strings";

type Tx = Prisma.TransactionClient;

const runInclude = {
  vehicle: true,
  dispatch: { include: { campaign: { include: { stall: true } } } },
} as const;

type RunWithCampaign = Prisma.RunGetPayload<{ include: typeof runInclude }>;

/** The vehicle's driver account, and whoever may manage the campaign's stall (its cooperative's managers, admins). */
export function mayWorkRun(
  user: {
    id: string;
    role: SessionUser["role"];
    householdId: string | null;
    cooperativeId: string | null;
  },
  run: {
    vehicle: { driverUserId: string | null };
    dispatch: { campaign: { stall: { householdId: string | null; cooperativeId: string | null } } };
  },
) {
  if (run.vehicle.driverUserId && run.vehicle.driverUserId === user.id) return true;
  return canManageStall(user, run.dispatch.campaign.stall);
}

function superseded(run: { status: string; version: number; dispatch: { version: number } }) {
  return run.status === "SUPERSEDED" || run.version < run.dispatch.version;
}

/** The same vehicle's run in the day's current plan (where a superseded sheet points the driver). */
async function currentRunOf(run: RunWithCampaign) {
  if (!superseded(run)) return null;
  return prisma.run.findFirst({
    where: {
      dispatchId: run.dispatchId,
      version: run.dispatch.version,
      vehicleId: run.vehicleId,
      status: { notIn: ["SUPERSEDED", "CANCELLED"] },
    },
    select: { id: true },
    orderBy: { leg: "asc" },
  });
}

export class RunAccessError extends Error {
  constructor(public status: 403 | 404) {
    super(status === 404 ? "run not found" : "not this user's run");
  }
}

/** Everything the run sheet (page and PDF) shows; throws RunAccessError for a stranger. */
export async function runSheet(user: SessionUser, runId: string) {
  const run = await prisma.run.findUnique({
    where: { id: runId },
    include: { ...runInclude, stops: { orderBy: { position: "asc" } } },
  });
  if (!run) throw new RunAccessError(404);
  if (!mayWorkRun(user, run)) throw new RunAccessError(403);
  const current = await currentRunOf(run);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const time = (d: Date | null) => (d ? localTimeOf(d) : null);
  return {
    id: run.id,
    day: run.dispatch.day,
    leg: run.leg,
    status: run.status,
    superseded: superseded(run),
    currentRunId: current?.id ?? null,
    km: Math.round(run.km * 10) / 10,
    loadUnits: run.loadUnits,
    from: time(run.startsAt),
    to: time(run.endsAt),
    campaign: { id: run.dispatch.campaign.id, title: run.dispatch.campaign.title },
    vehicle: {
      name: run.vehicle.name,
      driverName: run.vehicle.driverName,
      driverPhone: run.vehicle.driverPhone,
    },
    stops: run.stops.map((s) => ({
      id: s.id,
      position: s.position,
      kind: s.kind as "PICKUP" | "DELIVERY" | "DROP",
      status: s.status as "PENDING" | "ARRIVED" | "PICKED" | "DELIVERED" | "FAILED",
      done: DONE.includes(s.status),
      units: s.units,
      name: s.name,
      ref: s.preOrderId ? preorderRef(s.preOrderId) : null,
      phone: s.phone,
      line: s.line,
      nav: navigationLinks(s.latitude, s.longitude),
      window:
        s.windowStart && s.windowEnd
          ? { from: time(s.windowStart)!, to: time(s.windowEnd)! }
          : null,
      planned: time(s.plannedArrival),
      latest: s.kind === "DELIVERY" ? time(s.latestArrival) : null,
      arrivedAt: time(s.arrivedAt),
      doneAt: time(s.doneAt),
      doneAtIso: iso(s.doneAt),
      weighedUnits: s.weighedUnits,
      failReason: s.failReason,
    })),
  };
}

export type RunSheet = Awaited<ReturnType<typeof runSheet>>;

export type ReportOutcome =
  | { ok: true; stopId: string; runId: string; status: string; mapped: boolean; replay: boolean }
  | { ok: false; error: DeliveryKey; params?: Record<string, string | number>; status: number };

class Refused extends Error {
  constructor(
    public error: DeliveryKey,
    public params?: Record<string, string | number>,
    public status = 409,
  ) {
    super(error);
  }
}

const stopInclude = { run: { include: runInclude } } as const;
type StopWithRun = Prisma.RunStopGetPayload<{ include: typeof stopInclude }>;

/**
 * The stop a report lands on: the stop itself while its run is current; once the day
 * was re-planned, the stop of the current plan for the same pick (pick-up), pre-order
 * (delivery) or vehicle (drop), if the new plan still has one not yet done.
 */
async function targetOf(stop: StopWithRun): Promise<{ stop: StopWithRun; mapped: boolean }> {
  if (stop.run.status === "CANCELLED") throw new Refused("delivery.error.runClosed");
  if (!superseded(stop.run)) return { stop, mapped: false };
  if (DONE.includes(stop.status))
    throw new Refused("delivery.error.alreadyDone", { status: stop.status });
  const same =
    stop.kind === "PICKUP" && stop.pickId
      ? { pickId: stop.pickId }
      : stop.kind === "DELIVERY" && stop.preOrderId
        ? { preOrderId: stop.preOrderId }
        : stop.kind === "DROP"
          ? { run: { vehicleId: stop.run.vehicleId } }
          : null;
  if (!same) throw new Refused("delivery.error.superseded");
  const candidates = await prisma.runStop.findMany({
    where: {
      ...same,
      kind: stop.kind,
      run: {
        dispatchId: stop.run.dispatchId,
        version: stop.run.dispatch.version,
        status: { notIn: ["SUPERSEDED", "CANCELLED"] },
        ...("run" in same ? same.run : {}),
      },
    },
    include: stopInclude,
  });
  if (candidates.length !== 1) throw new Refused("delivery.error.superseded");
  return { stop: candidates[0], mapped: true };
}

/** Applies a driver's report to a stop, once per idempotency key; then the follow-ups (re-plan, compensation). */
export async function reportStop(
  user: SessionUser,
  input: { stopId: string; report: Report | { kind: "START" }; idempotencyKey?: string },
): Promise<ReportOutcome> {
  const found = await prisma.runStop.findUnique({
    where: { id: input.stopId },
    include: stopInclude,
  });
  if (!found) return { ok: false, error: "delivery.error.notFound", status: 404 };
  if (!mayWorkRun(user, found.run))
    return { ok: false, error: "delivery.error.forbidden", status: 403 };
  try {
    const { stop, mapped } =
      input.report.kind === "START" ? { stop: found, mapped: false } : await targetOf(found);
    const at = now();
    const { result, replay } = await prisma.$transaction((tx) =>
      once(tx, input.idempotencyKey, user.id, "delivery.stop.report", async () =>
        input.report.kind === "START"
          ? startRun(tx, user, stop, at)
          : applyToStop(tx, user, stop, input.report as Report, at, mapped),
      ),
    );
    await afterReport(result.followUps, user.id, { replay });
    return {
      ok: true,
      stopId: result.stopId,
      runId: result.runId,
      status: result.status,
      mapped: result.mapped,
      replay,
    };
  } catch (e) {
    if (e instanceof Refused)
      return { ok: false, error: e.error, params: e.params, status: e.status };
    if (e instanceof IdempotencyConflict)
      return { ok: false, error: "delivery.error.forbidden", status: 409 };
    throw e;
  }
}

type Applied = {
  stopId: string;
  runId: string;
  status: string;
  mapped: boolean;
  followUps: FollowUps;
};

/** The driver leaves the collection point (or starts the run): the first buyer is told it is on the way. */
async function startRun(tx: Tx, user: SessionUser, stop: StopWithRun, at: Date): Promise<Applied> {
  if (stop.run.status === "CANCELLED" || superseded(stop.run))
    throw new Refused("delivery.error.superseded");
  await tx.run.updateMany({
    where: { id: stop.runId, status: "PLANNED" },
    data: { status: "STARTED", startedAt: at },
  });
  const first = await tx.runStop.findFirst({
    where: { runId: stop.runId, status: "PENDING" },
    orderBy: { position: "asc" },
  });
  if (first) await tellOnTheWay(tx, stop.run, null, first, at);
  await audit(
    {
      actorId: user.id,
      action: "delivery.run.start",
      entity: "Run",
      entityId: stop.runId,
      data: {},
    },
    tx,
  );
  return { stopId: stop.id, runId: stop.runId, status: "STARTED", mapped: false, followUps: {} };
}

async function applyToStop(
  tx: Tx,
  user: SessionUser,
  stop: StopWithRun,
  report: Report,
  at: Date,
  mapped: boolean,
): Promise<Applied> {
  // read again inside the transaction: another report may have landed meanwhile
  const fresh = await tx.runStop.findUniqueOrThrow({ where: { id: stop.id } });
  const refusal = reportRefusal(fresh, report);
  if (refusal) throw new Refused(refusal.error, refusal.params);
  const next = applyReport(fresh, report, at);
  const changed = await tx.runStop.updateMany({
    where: { id: fresh.id, status: { notIn: [...DONE] } },
    data: {
      status: next.status,
      arrivedAt: next.arrivedAt,
      doneAt: next.doneAt,
      ...(report.kind === "PICKED" ? { weighedUnits: report.weighedUnits } : {}),
      ...(report.kind === "FAILED"
        ? { failReason: report.note ? `${report.reason}: ${report.note}` : report.reason }
        : {}),
    },
  });
  if (changed.count !== 1)
    throw new Refused("delivery.error.alreadyDone", { status: fresh.status });
  await tx.run.updateMany({
    where: { id: stop.runId, status: "PLANNED" },
    data: { status: "STARTED", startedAt: at },
  });
  const left = await tx.runStop.count({
    where: { runId: stop.runId, status: { notIn: [...DONE] } },
  });
  if (left === 0)
    await tx.run.updateMany({
      where: { id: stop.runId, status: { in: ["PLANNED", "STARTED"] } },
      data: { status: "DONE", finishedAt: at },
    });

  const followUps: FollowUps = {};
  const campaign = stop.run.dispatch.campaign;
  if (report.kind === "PICKED" && fresh.pickId) {
    const pick = await tx.pick.findUnique({ where: { id: fresh.pickId } });
    if (pick) {
      const confirmed = pick.weighedUnits ?? pick.units;
      await recordWeighing(
        tx,
        pick,
        report.weighedUnits,
        "PICKED_LESS",
        `run ${stop.runId}`,
        user.id,
      );
      if (report.weighedUnits > 0 && !pick.batchId)
        await batchOfPick(tx, pick, campaign, fresh, at);
      if (isShortPick(report, confirmed))
        followUps.shortPick = {
          campaignId: campaign.id,
          day: stop.run.dispatch.day,
          pickId: pick.id,
          weighedUnits: report.weighedUnits,
        };
    }
  }
  if (report.kind === "DELIVERED" && fresh.kind === "DELIVERY" && fresh.preOrderId) {
    const preOrder = await textBuyer(tx, fresh.preOrderId, fresh.phone, "delivery.delivered", {
      units: fresh.units,
      campaign: campaign.title,
      at: localTimeOf(at),
    });
    if (preOrder) {
      followUps.delivered = {
        preOrderId: preOrder.id,
        units: fresh.units,
        pickedAt: fresh.pickedAt ?? at,
        deliveredAt: at,
        roadKm: await roadKmTo(tx, campaign.id, fresh),
      };
    }
  }
  if (next.doneAt) {
    const after = await tx.runStop.findFirst({
      where: { runId: stop.runId, status: "PENDING", position: { gt: fresh.position } },
      orderBy: { position: "asc" },
    });
    if (after) await tellOnTheWay(tx, stop.run, fresh, after, at);
  }
  await audit(
    {
      actorId: user.id,
      onBehalfOfId: fresh.householdId,
      action: `delivery.stop.${report.kind.toLowerCase()}`,
      entity: "RunStop",
      entityId: fresh.id,
      data: {
        runId: stop.runId,
        kind: fresh.kind,
        ...(report.kind === "PICKED"
          ? { weighedUnits: report.weighedUnits, units: fresh.units }
          : {}),
        ...(report.kind === "FAILED" ? { reason: report.reason, note: report.note ?? "" } : {}),
        ...(mapped ? { reportedOnStopOfOlderPlan: true } : {}),
      },
    },
    tx,
  );
  return { stopId: fresh.id, runId: stop.runId, status: next.status, mapped, followUps };
}

type Placed = { latitude: number | null; longitude: number | null };
const travel = areaTravel();
const placeOf = (p: Placed, id: string) =>
  p.latitude !== null && p.longitude !== null ? { id, lat: p.latitude, lng: p.longitude } : null;

/** Minutes from one stop to the next for this vehicle (the routing module's road estimate). */
export function minutesBetween(
  from: Placed & { plannedArrival: Date | null },
  to: Placed & { plannedArrival: Date | null },
  vehicleKind: string,
): number {
  const a = placeOf(from, "a");
  const b = placeOf(to, "b");
  if (a && b) return travel.minutes(a, b, vehicleKind === "MOTORBIKE" ? "motorbike" : "truck");
  if (from.plannedArrival && to.plannedArrival)
    return Math.max(0, (to.plannedArrival.getTime() - from.plannedArrival.getTime()) / 60_000);
  return 30;
}

/**
 * "On the way, about N minutes": once per pre-order and day (an audit row is the
 * marker, so a re-planned stop for the same buyer does not text twice). The estimate
 * is kept with it for the buyer's page.
 */
async function tellOnTheWay(
  tx: Tx,
  run: StopWithRun["run"],
  from: (Placed & { plannedArrival: Date | null }) | null,
  stop: Prisma.RunStopGetPayload<object>,
  at: Date,
) {
  if (stop.kind !== "DELIVERY" || !stop.preOrderId) return;
  const day = run.dispatch.day;
  const told = await tx.auditLog.findFirst({
    where: {
      action: "delivery.onTheWay",
      entity: "PreOrder",
      entityId: stop.preOrderId,
      data: { contains: `"day":"${day}"` },
    },
    select: { id: true },
  });
  if (told) return;
  const origin = from ?? (await collectionPointOf(tx, run.dispatch.campaignId));
  const minutes = roundMinutes(origin ? minutesBetween(origin, stop, run.vehicle.kind) : 30);
  const preOrder = await textBuyer(tx, stop.preOrderId, stop.phone, "delivery.onTheWay", {
    campaign: run.dispatch.campaign.title,
    minutes,
    phone: run.vehicle.driverPhone || "",
  });
  if (!preOrder) return;
  await audit(
    {
      actorId: null,
      action: "delivery.onTheWay",
      entity: "PreOrder",
      entityId: preOrder.id,
      data: {
        day,
        stopId: stop.id,
        minutes,
        eta: new Date(at.getTime() + minutes * 60_000).toISOString(),
      },
    },
    tx,
  );
}

/** An SMS to the pre-order's phone in the buyer's language; the pre-order, or null when it is gone. */
async function textBuyer(
  tx: Tx,
  preOrderId: string,
  fallbackPhone: string,
  what: "delivery.delivered" | "delivery.onTheWay",
  params: Record<string, string | number>,
) {
  const preOrder = await tx.preOrder.findUnique({
    where: { id: preOrderId },
    include: { buyer: { select: { locale: true } } },
  });
  if (!preOrder) return null;
  const t = translator(isLocale(preOrder.buyer.locale) ? preOrder.buyer.locale : "vi");
  const to = preOrder.phone || fallbackPhone;
  if (to)
    await enqueue(tx, "notify.sms", to, {
      template: what,
      subject: preorderRef(preOrder.id),
      body: t(
        what === "delivery.delivered" ? "delivery.sms.delivered" : "delivery.sms.onTheWay",
        params,
      ),
    });
  return preOrder;
}

async function collectionPointOf(tx: Tx, campaignId: string) {
  const cp = await tx.collectionPoint.findFirst({
    where: { campaignId, latitude: { not: null }, longitude: { not: null } },
    orderBy: { position: "asc" },
  });
  return cp ? { latitude: cp.latitude, longitude: cp.longitude, plannedArrival: null } : null;
}

/** Road km from the collection point (else the run's first stop) to the buyer: what the freshness promise is measured on. */
async function roadKmTo(tx: Tx, campaignId: string, stop: Placed & { runId: string }) {
  const origin =
    (await collectionPointOf(tx, campaignId)) ??
    (await tx.runStop.findFirst({ where: { runId: stop.runId }, orderBy: { position: "asc" } }));
  const a = origin ? placeOf(origin, "a") : null;
  const b = placeOf(stop, "b");
  return a && b ? Math.round(travel.distance(a, b) * 10) / 10 : 0;
}

/**
 * The pick's weighed boxes become a production batch of the campaign's product, from the
 * household's plot: its provenance page and EPCIS export then show the run's shipping and
 * receiving (app/trace/run-events.server.ts).
 */
async function batchOfPick(
  tx: Tx,
  pick: { id: string; householdId: string; day: string; readyAt: Date },
  campaign: {
    id: string;
    stallId: string;
    productId: string;
    variantId: string | null;
    unitKind: string;
  },
  stop: { weighedUnits: number | null },
  at: Date,
) {
  const member = await tx.campaignHousehold.findUnique({
    where: { campaignId_householdId: { campaignId: campaign.id, householdId: pick.householdId } },
  });
  const units =
    (await tx.pick.findUniqueOrThrow({ where: { id: pick.id } })).weighedUnits ??
    stop.weighedUnits ??
    0;
  const harvestedAt = pick.readyAt < at ? pick.readyAt : at;
  const batch = await tx.batch.create({
    data: {
      code: makeShortCode(),
      // the day and the pick: unique per product, and within GS1's 20 characters
      lot: `${pick.day.replace(/-/g, "").slice(2)}-${pick.id.slice(-10)}`,
      stallId: campaign.stallId,
      productId: campaign.productId,
      variantId: campaign.variantId,
      householdId: pick.householdId,
      plotId: member?.plotId ?? null,
      harvestedAt,
      quantity: units,
      unit: campaign.unitKind === "KG" ? "kg" : "thùng",
      steps: { create: [{ kind: "HARVEST", startedAt: harvestedAt, position: 0 }] },
    },
  });
  await tx.pick.update({ where: { id: pick.id }, data: { batchId: batch.id } });
}

/**
 * The runs a user works from yesterday on: a driver's own vehicle's, and every run of
 * the campaigns a manager runs; the current plan of each day only.
 */
export async function myRuns(user: SessionUser, at: Date) {
  const since = new Date(at.getTime() - 864e5 + 7 * 3600_000).toISOString().slice(0, 10);
  const managed =
    user.role === "ADMIN"
      ? {}
      : user.role === "COOP_MANAGER"
        ? { cooperativeId: user.cooperativeId ?? "-" }
        : user.role === "HOUSEHOLD"
          ? { stall: { householdId: user.householdId ?? "-" } }
          : null;
  const runs = await prisma.run.findMany({
    where: {
      status: { notIn: ["SUPERSEDED", "CANCELLED"] },
      dispatch: { day: { gte: since } },
      OR: [
        { vehicle: { driverUserId: user.id } },
        ...(managed ? [{ dispatch: { campaign: managed } }] : []),
      ],
    },
    include: { vehicle: true, dispatch: { include: { campaign: { select: { title: true } } } } },
    orderBy: [{ dispatch: { day: "asc" } }, { startsAt: "asc" }],
    take: 100,
  });
  return runs
    .filter((r) => r.version === r.dispatch.version)
    .map((r) => ({
      id: r.id,
      day: r.dispatch.day,
      leg: r.leg,
      status: r.status,
      vehicle: r.vehicle.name,
      campaign: r.dispatch.campaign.title,
      published: r.dispatch.status !== "DRAFT",
      from: localTimeOf(r.startsAt),
      to: localTimeOf(r.endsAt),
    }));
}
