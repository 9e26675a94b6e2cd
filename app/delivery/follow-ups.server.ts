// What a stop report sets off once it is committed: a short pick re-plans the rest of
// the day (app/dispatch/replan.server.ts), a delivery is checked against the freshness
// promise and a late one compensated (app/harvest/compensation.server.ts). Both open
// their own transactions, so they run after the report's. The compensation is
// idempotent per pre-order and picking day, so it also runs on a resent report (which
// completes it after a crash in between: an error here answers 500, so the phone's
// queue sends again); the re-plan runs on the first report only and never undoes it.
import { DispatchError } from "~/dispatch/plan.server";
import { replanDay, type ReplanReason } from "~/dispatch/replan.server";
import { compensateLateDelivery } from "~/harvest/compensation.server";
import { audit } from "~/utils/audit.server";

export type FollowUps = {
  shortPick?: { campaignId: string; day: string; pickId: string; weighedUnits: number };
  delivered?: {
    preOrderId: string;
    units: number;
    pickedAt: Date | string;
    deliveredAt: Date | string;
    roadKm: number;
  };
};

export type FollowUpResult = {
  replan?: { version: number; exceptions: number } | { error: string };
  compensation?: { late: boolean; compensationVnd: number; via: string };
};

export async function afterReport(
  followUps: FollowUps,
  actorId: string,
  opts: { replay: boolean },
): Promise<FollowUpResult> {
  const out: FollowUpResult = {};
  if (followUps.delivered) {
    const d = followUps.delivered;
    const c = await compensateLateDelivery({
      preOrderId: d.preOrderId,
      units: d.units,
      // a replayed result comes back from JSON: dates as strings
      pickedAt: new Date(d.pickedAt),
      deliveredAt: new Date(d.deliveredAt),
      roadKm: d.roadKm,
      actorId,
    });
    out.compensation = { late: c.late, compensationVnd: c.compensationVnd, via: c.via };
  }
  if (followUps.shortPick && !opts.replay) {
    const s = followUps.shortPick;
    const reason: ReplanReason = "SHORT_PICK";
    try {
      out.replan = await replanDay({ campaignId: s.campaignId, day: s.day, actorId, reason });
    } catch (e) {
      // the weighing stands whatever happens here; the dispatcher sees the day was not
      // re-planned and why (a plan of their own won meanwhile, the solver refused ...)
      const error = e instanceof DispatchError ? e.key : String((e as Error).message).slice(0, 200);
      if (!(e instanceof DispatchError))
        console.error("[delivery] re-plan after a short pick failed", e);
      out.replan = { error };
      await audit({
        actorId,
        action: "delivery.replan.failed",
        entity: "Pick",
        entityId: s.pickId,
        data: { day: s.day, error },
      });
    }
  }
  return out;
}
