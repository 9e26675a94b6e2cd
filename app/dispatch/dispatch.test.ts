// The dispatcher's side against the real database (each test file has its own copy of
// the seeded one): the seeded na-la-hien day planned through the route (CSRF, access),
// nothing late scheduled, two planners at once, the three choices for a delivery that
// cannot keep the promise, a re-plan that keeps a driver's done stops, the vehicle form.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { verify, type AllocationEntry } from "~/harvest/rules/allocation";
import {
  action as runsAction,
  loader as runsLoader,
} from "~/routes/console.campaigns.$campaignId.runs";
import { action as vehiclesAction } from "~/routes/console.campaigns.$campaignId.vehicles";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { HARVEST_SEED as S } from "../../scripts/seed/harvest";
import { client, get, post, settle, type Client } from "../../tests/helpers/http";
import { decideException } from "./exceptions.server";
import { planDay } from "./plan.server";
import { replanDay } from "./replan.server";

const MANAGER = "0914000004"; // HTX Na La Hiên
const OTHER_MANAGER = "0912000003"; // HTX Chè Hảo Đạt
const DAY = S.allocatedDay;
const PATH = `/console/campaigns/${S.campaignId}/runs`;
const args = (request: Request) => ({
  request,
  params: { campaignId: S.campaignId },
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const body = <T>(r: unknown) => (r as { data: T }).data;
const FAST = { iterations: 600, seconds: 2 };

async function dispatch() {
  return prisma.dayDispatch.findUniqueOrThrow({
    where: { campaignId_day: { campaignId: S.campaignId, day: DAY } },
  });
}

async function reset() {
  await prisma.dayDispatch.deleteMany({ where: { campaignId: S.campaignId } });
}

let manager: Client;
beforeAll(async () => {
  manager = await client(MANAGER);
});
afterEach(() => resetClock());

describe("planning the seeded day", () => {
  it("plans through the route: every delivery is on a run within its promise or flagged, none twice", async () => {
    await reset();
    const out = await settle(() =>
      runsAction(args(post(manager, PATH, { intent: "plan", day: DAY, version: "0" }))),
    );
    expect(status(out)).toBe(302);
    expect((out as Response).headers.get("Location")).toContain(`day=${DAY}&done=planned`);
    const d = await dispatch();
    expect(d.version).toBe(1);
    const runs = await prisma.run.findMany({
      where: { dispatchId: d.id, version: 1 },
      include: { stops: true },
    });
    expect(runs.some((r) => r.leg === "PICKUP")).toBe(true);
    expect(runs.some((r) => r.leg === "DELIVERY")).toBe(true);
    const delivered = runs.flatMap((r) => r.stops.filter((s) => s.kind === "DELIVERY"));
    for (const s of delivered) {
      expect(s.plannedArrival!.getTime()).toBeLessThanOrEqual(s.latestArrival!.getTime() + 1000);
      expect(s.plannedArrival!.getTime()).toBeLessThanOrEqual(s.windowEnd!.getTime() + 1000);
    }
    const flagged = await prisma.deliveryException.findMany({
      where: { dispatchId: d.id, version: 1 },
    });
    expect(flagged.length).toBeGreaterThan(0);
    for (const x of flagged) expect(x.reason).toMatch(/^routing\.unassigned\./);
    // every pre-order awarded boxes that day is on exactly one stop or one exception
    const entry = await prisma.allocationEntry.findFirstOrThrow({
      where: { campaignId: S.campaignId, day: DAY },
      orderBy: { sequence: "desc" },
    });
    const awarded = await prisma.award.findMany({ where: { entryId: entry.id, units: { gt: 0 } } });
    const seen = [...delivered.map((s) => s.preOrderId!), ...flagged.map((x) => x.preOrderId)];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(awarded.map((a) => a.preOrderId).sort());
    // pick-ups: each confirmed pick collected at most once, runs end at the collection point
    const pickStops = runs.flatMap((r) => r.stops.filter((s) => s.kind === "PICKUP"));
    expect(new Set(pickStops.map((s) => s.pickId)).size).toBe(pickStops.length);
    for (const r of runs.filter((x) => x.leg === "PICKUP"))
      expect(r.stops.find((s) => s.position === r.stops.length)?.kind).toBe("DROP");
    expect(
      await prisma.auditLog.count({ where: { action: "dispatch.plan", entityId: d.id } }),
    ).toBe(1);

    const page = body<Awaited<ReturnType<typeof runsLoader>>>({
      data: await runsLoader(args(get(manager, `${PATH}?day=${DAY}`))),
    });
    expect(page.board.runs.length).toBe(runs.length);
    expect(page.board.exceptions.filter((x) => !x.decision).length).toBe(flagged.length);
  });

  it("refuses a forged post and a manager of another cooperative", async () => {
    const forged = await settle(() =>
      runsAction(
        args(post(manager, PATH, { intent: "plan", day: DAY, version: "1" }, { csrf: false })),
      ),
    );
    expect(status(forged)).toBe(403);
    const other = await client(OTHER_MANAGER);
    expect(status(await settle(() => runsLoader(args(get(other, PATH)))))).toBe(403);
    expect(
      status(
        await settle(() =>
          runsAction(args(post(other, PATH, { intent: "plan", day: DAY, version: "1" }))),
        ),
      ),
    ).toBe(403);
    expect((await dispatch()).version).toBe(1);
  });

  it("of two dispatchers planning at once one wins; the other is told and nothing is half-written", async () => {
    const d = await dispatch();
    const [a, b] = await Promise.all([
      planDay({ campaignId: S.campaignId, day: DAY, actorId: null, expectedVersion: 1, ...FAST }),
      planDay({ campaignId: S.campaignId, day: DAY, actorId: null, expectedVersion: 1, ...FAST }),
    ]);
    const oks = [a, b].filter((x) => x.ok);
    const lost = [a, b].find((x) => !x.ok);
    expect(oks.length).toBe(1);
    expect(lost).toMatchObject({ ok: false, error: "dispatch.error.conflict", version: 2 });
    expect((await dispatch()).version).toBe(2);
    // the winner's runs only: version 2 has one plan's runs, version 1 is history
    const v2 = await prisma.run.count({ where: { dispatchId: d.id, version: 2 } });
    expect(v2).toBe(oks[0].ok ? oks[0].runs : -1);
    expect(
      await prisma.run.count({
        where: { dispatchId: d.id, version: 1, status: { not: "SUPERSEDED" } },
      }),
    ).toBe(0);
    // a stale page's plan is refused through the route with the translated key
    const stale = await settle(() =>
      runsAction(args(post(manager, PATH, { intent: "plan", day: DAY, version: "1" }))),
    );
    expect(status(stale)).toBe(409);
    expect(body<{ error: string }>(stale).error).toBe("dispatch.error.conflict");
  });
});

describe("a delivery that cannot keep the promise", () => {
  it("moves to the next day: a new ledger entry takes its boxes out, it waits for the 13th, the buyer gets an SMS", async () => {
    const d = await dispatch();
    const [x] = await prisma.deliveryException.findMany({
      where: { dispatchId: d.id, version: d.version, decision: null },
      orderBy: { preOrderId: "asc" },
      take: 1,
    });
    const before = await prisma.preOrder.findUniqueOrThrow({ where: { id: x.preOrderId } });
    const out = await settle(() =>
      runsAction(
        args(
          post(manager, PATH, {
            intent: "decide",
            day: DAY,
            version: String(d.version),
            exceptionId: x.id,
            decision: "NEXT_DAY",
          }),
        ),
      ),
    );
    expect(status(out)).toBe(302);
    const after = await prisma.preOrder.findUniqueOrThrow({ where: { id: x.preOrderId } });
    expect(after.status).toBe("WAITING");
    expect(after.queueDay).toBe("2027-08-13");
    expect(after.allocatedUnits).toBe((before.allocatedUnits ?? 0) - x.units);
    const entries = await prisma.allocationEntry.findMany({
      where: { campaignId: S.campaignId, day: DAY },
      orderBy: { sequence: "asc" },
    });
    const last = entries.at(-1)!;
    expect(last.kind).toBe("REALLOCATE");
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const rule = JSON.parse(last.entry) as AllocationEntry;
    expect(verify(rule)).toBe(true);
    expect(rule.awards[x.preOrderId]).toBe(0);
    const moved = await prisma.award.findUniqueOrThrow({
      where: { entryId_preOrderId: { entryId: last.id, preOrderId: x.preOrderId } },
    });
    expect(moved).toMatchObject({ units: 0, change: -x.units });
    // nobody else lost a box
    const others = await prisma.award.findMany({
      where: { entryId: last.id, preOrderId: { not: x.preOrderId } },
    });
    expect(others.every((a) => a.change === 0)).toBe(true);
    const sms = await prisma.outbox.findFirst({
      where: { topic: "notify.sms", key: after.phone, payload: { contains: "13/8" } },
    });
    expect(sms).not.toBeNull();
    // a second click finds it decided
    const again = await decideException({
      campaignId: S.campaignId,
      exceptionId: x.id,
      decision: "CANCEL",
      actorId: null,
    });
    expect(again).toEqual({ ok: false, error: "dispatch.error.decided" });
    expect((await prisma.preOrder.findUniqueOrThrow({ where: { id: x.preOrderId } })).status).toBe(
      "WAITING",
    );
  });

  it("hands one to a carrier and cancels another with the buyer told; a re-plan leaves both out", async () => {
    const d = await dispatch();
    const open = await prisma.deliveryException.findMany({
      where: { dispatchId: d.id, version: d.version, decision: null },
      orderBy: { preOrderId: "asc" },
      take: 2,
    });
    const carrier = await decideException({
      campaignId: S.campaignId,
      exceptionId: open[0].id,
      decision: "CARRIER",
      carrier: "Viettel Post",
      actorId: null,
    });
    expect(carrier.ok).toBe(true);
    const cancel = await decideException({
      campaignId: S.campaignId,
      exceptionId: open[1].id,
      decision: "CANCEL",
      actorId: null,
    });
    expect(cancel.ok).toBe(true);
    expect(
      (await prisma.preOrder.findUniqueOrThrow({ where: { id: open[1].preOrderId } })).status,
    ).toBe("CANCELLED");
    const phone = (await prisma.preOrder.findUniqueOrThrow({ where: { id: open[0].preOrderId } }))
      .phone;
    expect(
      await prisma.outbox.count({ where: { key: phone, payload: { contains: "Viettel Post" } } }),
    ).toBe(1);
    const r = await replanDay({
      campaignId: S.campaignId,
      day: DAY,
      actorId: null,
      reason: "CANCELLED",
    });
    const ids = [open[0].preOrderId, open[1].preOrderId];
    expect(
      await prisma.runStop.count({
        where: { preOrderId: { in: ids }, run: { dispatchId: d.id, version: r.version } },
      }),
    ).toBe(0);
    expect(
      await prisma.deliveryException.count({
        where: { dispatchId: d.id, version: r.version, preOrderId: { in: ids } },
      }),
    ).toBe(0);
  });
});

describe("re-planning the rest of the day", () => {
  it("keeps a driver's run under way, its done stops and vehicle; a stale version is refused", async () => {
    const d = await dispatch();
    const first = await prisma.run.findFirstOrThrow({
      where: { dispatchId: d.id, version: d.version, leg: "PICKUP" },
      include: { stops: { orderBy: { position: "asc" } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    const done = first.stops[0];
    await prisma.run.update({ where: { id: first.id }, data: { status: "STARTED" } });
    await prisma.runStop.update({
      where: { id: done.id },
      data: { status: "PICKED", doneAt: done.plannedArrival, weighedUnits: done.units },
    });
    // the household of the second stop weighed two boxes less
    const short = await prisma.pick.findUniqueOrThrow({ where: { id: first.stops[1].pickId! } });
    await prisma.pick.update({
      where: { id: short.id },
      data: { weighedUnits: Math.max(0, short.units - 2), status: "WEIGHED" },
    });
    setClock(new Date(done.plannedArrival!.getTime() + 10 * 60_000));
    const r = await replanDay({
      campaignId: S.campaignId,
      day: DAY,
      actorId: null,
      reason: "SHORT_PICK",
      expectedVersion: d.version,
    });
    expect(r.version).toBe(d.version + 1);
    const kept = await prisma.run.findUniqueOrThrow({
      where: { id: first.id },
      include: { stops: { orderBy: { position: "asc" } } },
    });
    expect(kept).toMatchObject({
      version: r.version,
      status: "STARTED",
      vehicleId: first.vehicleId,
    });
    expect(kept.stops.map((s) => [s.id, s.status])).toEqual(
      first.stops.map((s, i) => [s.id, i === 0 ? "PICKED" : "PENDING"]),
    );
    // nothing new starts before now, and the kept run's vehicle is not double-booked
    const fresh = await prisma.run.findMany({
      where: { dispatchId: d.id, version: r.version, id: { not: first.id } },
    });
    const at = done.plannedArrival!.getTime() + 10 * 60_000;
    for (const x of fresh) expect(x.startsAt.getTime()).toBeGreaterThanOrEqual(at - 1000);
    for (const x of fresh.filter((f) => f.vehicleId === first.vehicleId))
      expect(x.startsAt.getTime()).toBeGreaterThanOrEqual(kept.endsAt.getTime() - 1000);
    // the picks collected on the kept run are not collected again
    const again = await prisma.runStop.count({
      where: {
        pickId: { in: first.stops.map((s) => s.pickId).filter((x): x is string => !!x) },
        run: { dispatchId: d.id, version: r.version, id: { not: first.id } },
      },
    });
    expect(again).toBe(0);
    await expect(
      replanDay({
        campaignId: S.campaignId,
        day: DAY,
        actorId: null,
        reason: "SHORT_PICK",
        expectedVersion: d.version,
      }),
    ).rejects.toMatchObject({ key: "dispatch.error.conflict" });
  });

  it("takes a broken-down vehicle's pending stops away and gives them to the others", async () => {
    const d = await dispatch();
    const started = await prisma.run.findFirstOrThrow({
      where: { dispatchId: d.id, version: d.version, status: "STARTED" },
      include: { stops: true },
    });
    setClock(new Date(started.startsAt.getTime() + 40 * 60_000));
    const r = await replanDay({
      campaignId: S.campaignId,
      day: DAY,
      actorId: null,
      reason: "VEHICLE_DOWN",
      vehicleId: started.vehicleId,
    });
    const cut = await prisma.run.findUniqueOrThrow({
      where: { id: started.id },
      include: { stops: true },
    });
    expect(cut.status).toBe("DONE");
    expect(cut.stops.every((s) => s.status !== "PENDING")).toBe(true);
    expect(cut.stops.length).toBeGreaterThan(0);
    expect(
      await prisma.run.count({
        where: { dispatchId: d.id, version: r.version, vehicleId: started.vehicleId },
      }),
    ).toBe(1);
    const pending = started.stops.filter((s) => s.status === "PENDING" && s.pickId);
    const elsewhere = await prisma.runStop.count({
      where: {
        pickId: { in: pending.map((s) => s.pickId!) },
        run: { dispatchId: d.id, version: r.version },
      },
    });
    expect(elsewhere).toBeGreaterThan(0);
  });
});

describe("what cannot be planned is said, and nothing is written", () => {
  it("a farm without coordinates, a vehicle whose shift ends before it starts", async () => {
    const before = (await dispatch()).version;
    const pick = await prisma.pick.findFirstOrThrow({
      where: { campaignId: S.campaignId, day: DAY },
      include: { household: true },
      orderBy: { id: "asc" },
    });
    const member = await prisma.campaignHousehold.findFirstOrThrow({
      where: { campaignId: S.campaignId, householdId: pick.householdId },
    });
    const plots = await prisma.plot.findMany({ where: { householdId: pick.householdId } });
    await prisma.plot.updateMany({
      where: { householdId: pick.householdId },
      data: { latitude: null, longitude: null },
    });
    const noPlace = await planDay({ campaignId: S.campaignId, day: DAY, actorId: null, ...FAST });
    expect(noPlace).toMatchObject({
      ok: false,
      error: "dispatch.error.place",
      subject: pick.household.name,
    });
    for (const p of plots)
      await prisma.plot.update({
        where: { id: p.id },
        data: { latitude: p.latitude, longitude: p.longitude },
      });
    expect(member.plotId).not.toBeNull();

    const v = await prisma.vehicle.findFirstOrThrow({ where: { campaignId: S.campaignId } });
    await prisma.vehicle.update({
      where: { id: v.id },
      data: { shiftStart: "15:00", shiftEnd: "06:00" },
    });
    const badShift = await settle(() =>
      runsAction(args(post(manager, PATH, { intent: "plan", day: DAY, version: String(before) }))),
    );
    expect(status(badShift)).toBe(400);
    expect(body<{ error: string; subject: string }>(badShift)).toMatchObject({
      error: "routing.error.shiftEndsBeforeStart",
      subject: v.name,
    });
    await prisma.vehicle.update({
      where: { id: v.id },
      data: { shiftStart: v.shiftStart, shiftEnd: v.shiftEnd },
    });
    expect((await dispatch()).version).toBe(before);
  });
});

describe("the campaign's vehicles", () => {
  const VPATH = `/console/campaigns/${S.campaignId}/vehicles`;
  const fields = {
    intent: "save",
    vehicleId: "",
    name: "Xe máy thử",
    kind: "MOTORBIKE",
    capacityUnits: "0",
    capacityKg: "120",
    shiftStart: "14:00",
    shiftEnd: "06:00",
    driverName: "Anh Thử",
    driverPhone: "0918 111 222",
    driverAccount: "",
  };

  it("refuses zero capacity and a shift ending before it starts, keeping what was typed", async () => {
    const before = await prisma.vehicle.count({ where: { campaignId: S.campaignId } });
    const out = await settle(() => vehiclesAction(args(post(manager, VPATH, fields))));
    expect(status(out)).toBe(400);
    const b = body<{ errors: Record<string, string>; typed: Record<string, string> }>(out);
    expect(b.errors).toEqual({
      capacityUnits: "dispatch.error.capacity",
      shiftEnd: "dispatch.error.shift",
    });
    expect(b.typed).toMatchObject({ name: "Xe máy thử", shiftStart: "14:00", capacityKg: "120" });
    expect(await prisma.vehicle.count({ where: { campaignId: S.campaignId } })).toBe(before);
    const ok = await settle(() =>
      vehiclesAction(
        args(
          post(manager, VPATH, {
            ...fields,
            capacityUnits: "18",
            shiftStart: "05:00",
            shiftEnd: "12:00",
          }),
        ),
      ),
    );
    expect(status(ok)).toBe(302);
    const v = await prisma.vehicle.findFirstOrThrow({ where: { name: "Xe máy thử" } });
    expect(v).toMatchObject({ capacityUnits: 18, shiftEnd: "12:00", driverPhone: "+84918111222" });
    const other = await client(OTHER_MANAGER);
    expect(status(await settle(() => vehiclesAction(args(post(other, VPATH, fields)))))).toBe(403);
  });
});
