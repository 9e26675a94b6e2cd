// Re-planning the rest of a day under way (a pick came in short, a buyer cancelled, a
// vehicle broke down): runs already started stay as they are, with their vehicle, done
// stops and current position, and keep that vehicle busy until they end; what is not
// started yet is solved again with the vehicles still free, from now on. Picks already
// collected count with the time they were picked; a broken-down vehicle's pending stops
// go back to the others (its collected boxes are fetched: RESCUE_MINUTES). Budget: well
// under 2 s on the seeded day (`npm run bench -- replan`).
import type { Day } from "~/harvest/rules/preorder";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import {
  DispatchError,
  PICK_LEAD_MINUTES,
  dayInput,
  loadDay,
  minutesIn,
  refusing,
  solveAndWrite,
  type PlanOutcome,
} from "./plan.server";

export type ReplanReason = "SHORT_PICK" | "CANCELLED" | "VEHICLE_DOWN";
export const REPLAN_SECONDS = 1;
export const REPLAN_ITERATIONS = 1500;
/** Boxes on a broken-down vehicle reach the collection point this long after the re-plan. */
export const RESCUE_MINUTES = 45;

const STARTED = ["STARTED", "DONE"];

export async function replanRest(input: {
  campaignId: string;
  day: Day;
  actorId: string | null;
  reason: ReplanReason | "PLAN";
  vehicleId?: string;
  expectedVersion?: number;
}): Promise<PlanOutcome> {
  return refusing(async () => {
    const at = now();
    const d = await loadDay(input.campaignId, input.day);
    const expected = input.expectedVersion ?? d.dispatch.version;
    if (expected !== d.dispatch.version)
      return { ok: false, error: "dispatch.error.conflict", version: d.dispatch.version };
    if (input.vehicleId) {
      const v = await prisma.vehicle.findUnique({
        where: { id: input.vehicleId },
        select: { campaignId: true },
      });
      if (!v || v.campaignId !== input.campaignId)
        return { ok: false, error: "dispatch.error.unknownVehicle" };
    }
    const runs = await prisma.run.findMany({
      where: {
        dispatchId: d.dispatch.id,
        version: d.dispatch.version,
        status: { notIn: ["SUPERSEDED", "CANCELLED"] },
      },
      include: { stops: { orderBy: { position: "asc" } } },
      orderBy: { startsAt: "asc" },
    });
    const plan = dayInput(d, at, { seconds: REPLAN_SECONDS, iterations: REPLAN_ITERATIONS });
    const down = input.reason === "VEHICLE_DOWN" ? input.vehicleId : undefined;
    plan.vehicles = d.fleet.filter((v) => v.id !== down);
    const nowMin = minutesIn(d.day, at);
    const keep: string[] = [];
    const cut: string[] = [];
    const keptDeliveries = new Set<string>();
    const failedPicks = new Set<string>();
    for (const r of runs) {
      const started = STARTED.includes(r.status) || r.stops.some((s) => s.status !== "PENDING");
      if (!started) continue;
      const broken = r.vehicleId === down && r.status !== "DONE";
      (broken ? cut : keep).push(r.id);
      const end = minutesIn(d.day, r.finishedAt ?? r.endsAt);
      for (const s of broken ? r.stops.filter((x) => x.status !== "PENDING") : r.stops) {
        if (s.kind === "PICKUP" && s.pickId) {
          if (s.status === "FAILED") {
            failedPicks.add(s.pickId);
            continue;
          }
          const picked = s.doneAt ?? s.plannedArrival ?? at;
          plan.collected.set(s.pickId, {
            pickedAt: minutesIn(d.day, picked) - PICK_LEAD_MINUTES,
            back: broken ? Math.max(nowMin, 0) + RESCUE_MINUTES : end,
          });
        }
        if (s.kind === "DELIVERY" && s.preOrderId) keptDeliveries.add(s.preOrderId);
      }
      if (!broken)
        plan.busy.push({ vehicleId: r.vehicleId, from: minutesIn(d.day, r.startsAt), until: end });
    }
    plan.picks = d.picks.filter((p) => !failedPicks.has(p.id));
    plan.deliveries = d.deliveries.map((x) =>
      keptDeliveries.has(x.id) ? { ...x, kept: true } : x,
    );
    return solveAndWrite(d, plan, {
      expected,
      actorId: input.actorId,
      kept: { keep, cut },
      reason: input.reason,
      at,
    });
  });
}

/**
 * For the driver side (app/delivery) and the dispatcher: re-plans what is not under way
 * yet. Resolves with the new version and how many deliveries now need the dispatcher's
 * choice; rejects with a DispatchError whose `key` is a translated message
 * ("dispatch.error.conflict" when `expectedVersion` is stale or another plan won meanwhile,
 * "dispatch.error.noPlan" before a first plan, ...).
 */
export async function replanDay(input: {
  campaignId: string;
  day: string;
  actorId: string | null;
  reason: ReplanReason;
  vehicleId?: string;
  expectedVersion?: number;
}): Promise<{ version: number; exceptions: number }> {
  const existing = await prisma.dayDispatch.findUnique({
    where: { campaignId_day: { campaignId: input.campaignId, day: input.day } },
    select: { version: true },
  });
  if (!existing || existing.version === 0) throw new DispatchError("dispatch.error.noPlan");
  const r = await replanRest(input);
  if (!r.ok) throw new DispatchError(r.error, r.subject, r.version);
  return { version: r.version, exceptions: r.exceptions };
}
