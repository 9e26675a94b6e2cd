// The driver's run sheet against the real database, through the real route loaders and
// actions with CSRF (tests/helpers/http.ts): who may see and report, each stop state,
// a replayed offline report applied once, a report for a re-planned run, the PDF,
// a short pick re-planning the day (app/dispatch), a late delivery compensated
// (app/harvest/compensation.server.ts), the buyer's and the household's lines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as runLoader, action as runAction } from "~/routes/runs.$runId";
import { action as sendAction } from "~/routes/runs.$runId.send";
import { loader as pdfLoader } from "~/routes/runs.$runId[.pdf]";
import { loader as runsLoader } from "~/routes/runs._index";
import { loader as picksLoader } from "~/routes/console.picks._index";
import { planDay, publishDay } from "~/dispatch/plan.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle, type Client } from "../../tests/helpers/http";
import { buyerDeliveries, householdPickups } from "./views.server";
import { deliveryDay, localAt } from "./fixture";

const DAY = "2033-08-14";
const args = (request: Request, runId: string) => ({ request, params: { runId }, context: {} });

async function report(c: Client, runId: string, fields: Record<string, string>, door = false) {
  const path = door ? `/runs/${runId}/send` : `/runs/${runId}`;
  const request = post(c, path, fields);
  const res: unknown = await settle<unknown>(() =>
    door ? sendAction(args(request, runId)) : runAction(args(request, runId)),
  );
  return res;
}
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
// the test clock keeps ticking after setClock: "at" means within the minute
const near = (a: Date | null, b: Date) => !!a && Math.abs(a.getTime() - b.getTime()) < 60_000;
const stopOf = (id: string) => prisma.runStop.findUniqueOrThrow({ where: { id } });

let day: Awaited<ReturnType<typeof deliveryDay>>;
let driver: Client;
let manager: Client;

beforeAll(async () => {
  setClock(localAt(DAY, "06:20"));
  day = await deliveryDay(DAY, { runs: "manual" });
  driver = await client(day.driver.phone);
  manager = await client("0914000004"); // HTX Na La Hiên's manager
});
afterAll(() => resetClock());

describe("access", () => {
  it("the driver and the cooperative's manager see the sheet; another buyer, another cooperative and a household do not", async () => {
    const runId = day.run!.id;
    const mine = (await runLoader(args(get(driver, `/runs/${runId}`), runId))) as {
      sheet: {
        stops: { name: string; nav: { geo: string; google: string } | null; phone: string }[];
      };
    };
    expect(mine.sheet.stops.map((s) => s.name)).toEqual([
      day.households[0].household.name,
      day.households[1].household.name,
      "Chị Lan",
      "Anh Minh",
    ]);
    const lan = mine.sheet.stops[2];
    expect(lan.phone).toBe("+84912000001");
    expect(lan.nav?.geo).toBe("geo:21.720000,105.920000");
    expect(lan.nav?.google).toBe(
      "https://www.google.com/maps/dir/?api=1&destination=21.720000,105.920000",
    );
    expect(
      await settle(() => runLoader(args(get(manager, `/runs/${runId}`), runId))),
    ).toHaveProperty("sheet");

    for (const phone of ["0912000001", "0912000003", "0912000002"]) {
      const other = await client(phone);
      const res = await settle(() => runLoader(args(get(other, `/runs/${runId}`), runId)));
      expect((res as Response).status).toBe(403);
      const refused = await report(
        other,
        runId,
        { stopId: day.run!.stops[0].id, kind: "ARRIVED" },
        true,
      );
      expect((refused as Response).status).toBe(403);
    }
    expect(await stopOf(day.run!.stops[0].id)).toMatchObject({ status: "PENDING" });
    const anon = await settle(() => runLoader(args(get(null, `/runs/${runId}`), runId)));
    expect((anon as Response).status).toBe(302);
  });

  it("refuses a report without the CSRF token", async () => {
    const runId = day.run!.id;
    const res = await settle(() =>
      runAction(
        args(
          post(
            driver,
            `/runs/${runId}`,
            { stopId: day.run!.stops[0].id, kind: "ARRIVED" },
            { csrf: false },
          ),
          runId,
        ),
      ),
    );
    expect(statusOf(res)).toBe(403);
    const door = await settle(() =>
      sendAction(
        args(
          post(
            driver,
            `/runs/${runId}/send`,
            { stopId: day.run!.stops[0].id, kind: "ARRIVED" },
            { csrf: false },
          ),
          runId,
        ),
      ),
    );
    expect((door as Response).status).toBe(403);
    expect(await stopOf(day.run!.stops[0].id)).toMatchObject({ status: "PENDING" });
  });
});

describe("stop reports", () => {
  it("arrived, then picked with the boxes weighed: the pick is weighed and becomes a batch", async () => {
    const runId = day.run!.id;
    const [a] = day.run!.stops;
    const res = await report(driver, runId, { stopId: a.id, kind: "ARRIVED" });
    expect((res as Response).status).toBe(302);
    expect(await stopOf(a.id)).toMatchObject({ status: "ARRIVED" });
    expect(await prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "STARTED",
    });

    setClock(localAt(DAY, "06:35"));
    await report(driver, runId, { stopId: a.id, kind: "PICKED", weighedUnits: "10" });
    const s = await stopOf(a.id);
    expect(s).toMatchObject({ status: "PICKED", weighedUnits: 10 });
    expect(near(s.doneAt, localAt(DAY, "06:35"))).toBe(true);
    const pick = await prisma.pick.findUniqueOrThrow({
      where: { id: a.pickId! },
      include: { batch: true },
    });
    expect(pick).toMatchObject({ weighedUnits: 10, status: "WEIGHED" });
    expect(pick.batch).toMatchObject({ quantity: 10, unit: "thùng", householdId: a.householdId });
    // weighed as confirmed: nothing to correct
    expect(await prisma.pickCorrection.count({ where: { pickId: a.pickId! } })).toBe(0);
  });

  it("a done stop stays done: another report is refused with the reason, translated", async () => {
    const runId = day.run!.id;
    const [a] = day.run!.stops;
    const res = await report(driver, runId, { stopId: a.id, kind: "FAILED", reason: "NO_FRUIT" });
    expect(statusOf(res)).toBe(409);
    expect((res as unknown as { data: { message: string } }).data.message).toMatch(
      /đã được báo xong/,
    );
    expect(await stopOf(a.id)).toMatchObject({ status: "PICKED" });
  });

  it("failed needs a reason (the typed note is kept); with one it records it", async () => {
    const runId = day.run!.id;
    const b = day.run!.stops[1];
    const res = await report(driver, runId, { stopId: b.id, kind: "FAILED", note: "mưa to" });
    expect(statusOf(res)).toBe(400);
    expect(
      (res as unknown as { data: { message: string; typed: { note: string } } }).data,
    ).toMatchObject({
      message: "Chọn lý do không thành.",
      typed: { note: "mưa to" },
    });
    expect(await stopOf(b.id)).toMatchObject({ status: "PENDING" });
  });

  it("a weighing above what was confirmed is refused", async () => {
    const runId = day.run!.id;
    const b = day.run!.stops[1];
    const res = await report(
      driver,
      runId,
      { stopId: b.id, kind: "PICKED", weighedUnits: "99" },
      true,
    );
    expect((res as Response).status).toBe(409);
    expect(((await (res as Response).json()) as { error: string }).error).toBe(
      "Số thùng cân được phải từ 0 đến 8.",
    );
  });

  it("a replayed offline report (same idempotency key) is applied once", async () => {
    const runId = day.run!.id;
    const b = day.run!.stops[1];
    setClock(localAt(DAY, "06:55"));
    const fields = {
      stopId: b.id,
      kind: "PICKED",
      weighedUnits: "7",
      idempotencyKey: "k-short-pick-0001",
    };
    const first = (await report(driver, runId, fields, true)) as Response;
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, replay: false });
    setClock(localAt(DAY, "07:05"));
    const again = (await report(driver, runId, fields, true)) as Response;
    expect(await again.json()).toMatchObject({ ok: true, replay: true });
    const s = await stopOf(b.id);
    expect(near(s.doneAt, localAt(DAY, "06:55"))).toBe(true);
    const corrections = await prisma.pickCorrection.findMany({ where: { pickId: b.pickId! } });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ fromUnits: 8, toUnits: 7, reason: "PICKED_LESS" });
    // somebody else's key is not answered
    const other = await client("0914000004");
    const stolen = (await report(other, runId, fields, true)) as Response;
    expect(stolen.status).toBe(409);
  });

  it("leaving a stop tells the next buyer it is on the way, once; delivered on time: SMS, no compensation", async () => {
    const runId = day.run!.id;
    const [, , lan, minh] = day.run!.stops;
    const onTheWay = await prisma.outbox.findMany({
      where: {
        topic: "notify.sms",
        key: "+84912000001",
        payload: { contains: "delivery.onTheWay" },
      },
    });
    expect(onTheWay.filter((o) => o.payload.includes(day.campaign.title))).toHaveLength(1);

    setClock(localAt(DAY, "07:50"));
    await report(driver, runId, { stopId: lan.id, kind: "DELIVERED" });
    expect(await stopOf(lan.id)).toMatchObject({ status: "DELIVERED" });
    const sms = await prisma.outbox.findMany({
      where: { key: "+84912000001", payload: { contains: "delivery.delivered" } },
    });
    expect(sms.some((o) => o.payload.includes("đã giao 9 thùng"))).toBe(true);
    expect(
      await prisma.lateDeliveryCheck.findFirst({ where: { preOrderId: lan.preOrderId! } }),
    ).toMatchObject({ late: false, compensationVnd: 0 });
    // the next buyer got "on the way" when the driver left Chị Lan
    const minhSms = await prisma.outbox.findMany({
      where: { key: "+84915000002", payload: { contains: "delivery.onTheWay" } },
    });
    expect(minhSms.filter((o) => o.payload.includes(day.campaign.title))).toHaveLength(1);
    const [view] = await buyerDeliveries(minh.preOrderId!, localAt(DAY, "07:52"));
    expect(view?.state).toBe("ON_THE_WAY");
    expect(view?.minutes).toBeGreaterThanOrEqual(5);
  });

  it("delivered after the freshness promise: the campaign's compensation is applied and shown to the buyer", async () => {
    const runId = day.run!.id;
    const minh = day.run!.stops[3];
    // picked 06:30, promise 4 h: 11:00 is late
    setClock(localAt(DAY, "11:00"));
    await report(driver, runId, { stopId: minh.id, kind: "DELIVERED" });
    const check = await prisma.lateDeliveryCheck.findFirstOrThrow({
      where: { preOrderId: minh.preOrderId! },
    });
    // 10 % of 9 boxes at 250.000 đ
    expect(check).toMatchObject({ late: true, compensationVnd: 225_000 });
    const [view] = await buyerDeliveries(minh.preOrderId!, localAt(DAY, "11:05"));
    expect(view).toMatchObject({
      state: "DELIVERED",
      compensation: { compensationVnd: 225_000, late: true },
    });
    expect(await prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "DONE",
    });
  });

  it("the household sees its pick-up window and, once weighed, what it will be paid", async () => {
    const h = day.households[1];
    const lines = await householdPickups(h.household.id, [h.pick.id]);
    expect(lines[h.pick.id]).toMatchObject({
      weighedUnits: 7,
      payVnd: 7 * 250_000,
      window: { from: "06:30", to: "07:30" },
    });
  });

  it("the household's pick page shows the pick-up and the pay; /runs lists the driver's run, not another buyer's", async () => {
    const h = day.households[1];
    const hh = await prisma.user.findUniqueOrThrow({ where: { id: h.userId } });
    const page = (await picksLoader({
      request: get(await client(hh.phone), "/console/picks"),
      params: {},
      context: {},
    })) as { pickups: { pickId: string; payVnd: number | null }[] };
    expect(page.pickups.find((p) => p.pickId === h.pick.id)).toMatchObject({ payVnd: 1_750_000 });
    const list = async (c: Client) =>
      (
        (await runsLoader({ request: get(c, "/runs"), params: {}, context: {} })) as {
          runs: { id: string }[];
        }
      ).runs.map((r) => r.id);
    expect(await list(driver)).toContain(day.run!.id);
    expect(await list(await client("0912000001"))).not.toContain(day.run!.id);
  });

  it("prints the run sheet as a PDF with Vietnamese text", async () => {
    const runId = day.run!.id;
    const res = (await pdfLoader(args(get(driver, `/runs/${runId}.pdf`), runId))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // the embedded TTF subset (pdfkit's own fonts have no ư, đ)
    expect(bytes.includes(Buffer.from("FontFile2"))).toBe(true);
    const other = await client("0912000001");
    expect(
      ((await pdfLoader(args(get(other, `/runs/${runId}.pdf`), runId))) as Response).status,
    ).toBe(403);
  });
});

describe("a re-planned day", () => {
  it("a report for a stop of a superseded run goes to the same stop of the current plan, or is refused", async () => {
    const d = await deliveryDay("2033-08-15", { runs: "manual" });
    const c = await client(d.driver.phone);
    setClock(localAt(d.day, "06:10"));
    // the dispatcher re-plans: version 2 with the first pick only
    await prisma.run.update({ where: { id: d.run!.id }, data: { status: "SUPERSEDED" } });
    await prisma.dayDispatch.update({ where: { id: d.dispatch!.id }, data: { version: 2 } });
    const next = await prisma.run.create({
      data: {
        dispatchId: d.dispatch!.id,
        version: 2,
        vehicleId: d.vehicle.id,
        leg: "DIRECT",
        startsAt: localAt(d.day, "06:00"),
        endsAt: localAt(d.day, "10:00"),
        stops: {
          create: [
            {
              position: 0,
              kind: "PICKUP",
              pickId: d.households[0].pick.id,
              householdId: d.households[0].household.id,
              units: 10,
              name: "A",
            },
          ],
        },
      },
      include: { stops: true },
    });
    const old = d.run!.stops;
    const mapped = (await report(
      c,
      d.run!.id,
      { stopId: old[0].id, kind: "ARRIVED" },
      true,
    )) as Response;
    expect(await mapped.json()).toMatchObject({
      ok: true,
      mapped: true,
      stopId: next.stops[0].id,
      runId: next.id,
    });
    expect(await stopOf(next.stops[0].id)).toMatchObject({ status: "ARRIVED" });
    expect(await stopOf(old[0].id)).toMatchObject({ status: "PENDING" });
    const gone = (await report(
      c,
      d.run!.id,
      { stopId: old[1].id, kind: "ARRIVED" },
      true,
    )) as Response;
    expect(gone.status).toBe(409);
    expect(((await gone.json()) as { error: string }).error).toMatch(/đã được lập lại/);
    const sheet = (await runLoader(args(get(c, `/runs/${d.run!.id}`), d.run!.id))) as {
      sheet: { superseded: boolean; currentRunId: string };
    };
    expect(sheet.sheet).toMatchObject({ superseded: true, currentRunId: next.id });
  });

  it("a short pick re-plans the rest of the day (app/dispatch), the weighing recorded", async () => {
    const d = await deliveryDay("2033-08-16", { runs: "none" });
    setClock(localAt(d.day, "04:00"));
    const mgr = await prisma.user.findFirstOrThrow({ where: { phone: "+84914000004" } });
    const planned = await planDay({
      campaignId: d.campaign.id,
      day: d.day,
      actorId: mgr.id,
      seconds: 0.3,
      iterations: 200,
    });
    expect(planned.ok).toBe(true);
    const v1 = (
      await prisma.dayDispatch.findUniqueOrThrow({
        where: { campaignId_day: { campaignId: d.campaign.id, day: d.day } },
      })
    ).version;
    await publishDay({
      campaignId: d.campaign.id,
      day: d.day,
      actorId: mgr.id,
      expectedVersion: v1,
    });
    const stop = await prisma.runStop.findFirstOrThrow({
      where: {
        kind: "PICKUP",
        pickId: d.households[0].pick.id,
        run: { dispatch: { campaignId: d.campaign.id }, version: v1 },
      },
      include: { run: true },
    });
    // the planner's driver is the vehicle's: the fixture's driver account
    const c = await client(d.driver.phone);
    setClock(localAt(d.day, "06:40"));
    const res = (await report(
      c,
      stop.runId,
      { stopId: stop.id, kind: "PICKED", weighedUnits: "6" },
      true,
    )) as Response;
    expect(await res.json()).toMatchObject({ ok: true });
    const after = await prisma.dayDispatch.findUniqueOrThrow({
      where: { campaignId_day: { campaignId: d.campaign.id, day: d.day } },
    });
    expect(after.version).toBe(v1 + 1);
    expect(
      await prisma.pick.findUniqueOrThrow({ where: { id: d.households[0].pick.id } }),
    ).toMatchObject({ weighedUnits: 6 });
    // the run under way was carried into the new plan with its done stop
    expect(await stopOf(stop.id)).toMatchObject({ status: "PICKED", weighedUnits: 6 });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: stop.runId } })).version).toBe(
      v1 + 1,
    );
  });
});
