// A harvest pick's journey as traceability events (app/delivery, decision 0054): the
// batch its weighed boxes became was shipped when the driver picked it up at the farm
// and received when the run unloaded at the collection point. There the day's boxes
// are pooled, so a batch's own events stop at receiving; which buyer got which boxes
// is not known and is not claimed. The provenance page and the EPCIS export show both.
import { encodeAiValue } from "~/domain/digital-link";
import { eventId, vnTime, VN_OFFSET } from "~/domain/epcis";
import { prisma } from "~/utils/db.server";

export type RunEvent = {
  kind: "shipping" | "receiving";
  at: Date;
  units: number;
  /** where: the farm plot (shipping) or the collection point (receiving) */
  place: { kind: "plot" | "collection-point" | "stall"; id: string; name: string };
  runId: string;
  vehicle: string;
};

/** The shipping and receiving of a batch that came from a harvest pick; [] for any other batch. */
export async function runEventsOfBatch(batchId: string): Promise<RunEvent[]> {
  const pick = await prisma.pick.findUnique({
    where: { batchId },
    include: { campaign: { include: { collectionPoints: { orderBy: { position: "asc" } } } } },
  });
  if (!pick) return [];
  const stop = await prisma.runStop.findFirst({
    where: { pickId: pick.id, kind: "PICKUP", status: "PICKED", doneAt: { not: null } },
    include: { run: { include: { vehicle: true } } },
    orderBy: { doneAt: "asc" },
  });
  if (!stop) return [];
  const member = await prisma.campaignHousehold.findUnique({
    where: {
      campaignId_householdId: { campaignId: pick.campaignId, householdId: pick.householdId },
    },
    include: { plot: { select: { id: true, name: true } } },
  });
  const units = stop.weighedUnits ?? pick.weighedUnits ?? stop.units;
  const events: RunEvent[] = [
    {
      kind: "shipping",
      at: stop.doneAt!,
      units,
      place: member?.plot
        ? { kind: "plot", id: member.plot.id, name: member.plot.name }
        : { kind: "stall", id: pick.campaign.stallId, name: stop.name },
      runId: stop.runId,
      vehicle: stop.run.vehicle.name,
    },
  ];
  const drop = await prisma.runStop.findFirst({
    where: {
      runId: stop.runId,
      kind: "DROP",
      position: { gt: stop.position },
      status: "DELIVERED",
    },
    orderBy: { position: "asc" },
  });
  const point = pick.campaign.collectionPoints[0];
  if (drop?.doneAt)
    events.push({
      kind: "receiving",
      at: drop.doneAt,
      units,
      place: point
        ? { kind: "collection-point", id: point.id, name: point.name }
        : { kind: "stall", id: pick.campaign.stallId, name: drop.name },
      runId: stop.runId,
      vehicle: stop.run.vehicle.name,
    });
  return events;
}

/**
 * EPCIS 2.0 ObjectEvents (OBSERVE, bizStep shipping / receiving) for the run events,
 * of the same class the commissioning event names (the fresh harvest of the batch).
 */
export function runEpcisEvents(base: string, batch: { code: string }, events: RunEvent[]) {
  const root = base.replace(/\/+$/, "");
  const id = (kind: string, value: string) => `${root}/id/${kind}/${encodeAiValue(value)}`;
  const epcClass = id("fresh-leaf", batch.code);
  return events.map((e) => {
    const where = { id: id(e.place.kind, e.place.id) };
    const event: Record<string, unknown> = {
      type: "ObjectEvent",
      eventTime: vnTime(e.at),
      eventTimeZoneOffset: VN_OFFSET,
      action: "OBSERVE",
      quantityList: [{ epcClass, quantity: e.units }],
      bizStep: e.kind,
      disposition: e.kind === "shipping" ? "in_transit" : "in_progress",
      readPoint: where,
      ...(e.kind === "receiving" ? { bizLocation: where } : {}),
      "xt:run": id("run", e.runId),
      "xt:vehicle": e.vehicle,
    };
    return { eventID: eventId(event), ...event };
  });
}
