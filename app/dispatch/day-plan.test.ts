// The dispatch rules that need no database: vehicles cut into trips, boxes matched to
// buyers, and a small day through both legs (nothing late, every delivery accounted for).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areaTravel } from "~/routing/travel";
import { boxesFor, minutesOf, planDayLegs, trips, tripsOf, type DayInput } from "./day-plan";

describe("trips of a shift", () => {
  it("cover the shift end to end, never overlap, and none is shorter than half a trip unless the shift is", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 1, max: 900 }),
        fc.integer({ min: 30, max: 300 }),
        (start, span, length) => {
          const ts = trips(start, start + span, length);
          expect(ts[0][0]).toBe(start);
          expect(ts.at(-1)![1]).toBe(start + span);
          for (let i = 1; i < ts.length; i++) expect(ts[i][0]).toBe(ts[i - 1][1]);
          for (const [s, e] of ts) {
            expect(e).toBeGreaterThan(s);
            if (ts.length > 1) expect(e - s).toBeGreaterThanOrEqual(length / 2);
          }
        },
      ),
    );
  });

  it("motorbikes collect and trucks deliver; a fleet of one kind does both", () => {
    const depot = { id: "cp", lat: 21.75, lng: 106.05 };
    const v = (id: string, kind: "MOTORBIKE" | "TRUCK") => ({
      id,
      kind,
      capacityUnits: 10,
      capacityKg: 60,
      shiftStart: 300,
      shiftEnd: 1200,
    });
    const mixed = tripsOf([v("m", "MOTORBIKE"), v("t", "TRUCK")], depot);
    expect(mixed.collect.every((x) => x.id.startsWith("m#"))).toBe(true);
    expect(mixed.deliver.every((x) => x.id.startsWith("t#"))).toBe(true);
    const trucks = tripsOf([v("t", "TRUCK")], depot);
    expect(trucks.collect.at(-1)!.shift.end).toBe(trucks.deliver[0].shift.start);
    expect(minutesOf("05:30")).toBe(330);
    expect(minutesOf("24:00")).toBeNull();
  });
});

describe("boxes matched to buyers", () => {
  it("never hands out more boxes than a pick has, and a buyer not short gets all its boxes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            units: fc.integer({ min: 0, max: 9 }),
            back: fc.integer({ min: 0, max: 900 }),
          }),
          { maxLength: 12 },
        ),
        fc.array(
          fc.record({
            units: fc.integer({ min: 1, max: 6 }),
            km: fc.integer({ min: 0, max: 150 }),
          }),
          { maxLength: 15 },
        ),
        (ps, ds) => {
          const picks = ps.map((p, i) => ({ id: `p${i}`, ...p }));
          const buyers = ds.map((d, i) => ({ id: `d${i}`, ...d }));
          const out = boxesFor(picks, buyers);
          const supply = picks.reduce((n, p) => n + p.units, 0);
          const demand = buyers.reduce((n, d) => n + d.units, 0);
          const short = buyers.filter((d) => out.get(d.id)!.short);
          if (demand <= supply) expect(short).toEqual([]);
          else expect(short.length).toBeGreaterThan(0);
          for (const d of buyers) {
            const ids = out.get(d.id)!.pickIds;
            expect(new Set(ids).size).toBe(ids.length);
            for (const id of ids) expect(picks.find((p) => p.id === id)!.units).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});

describe("a small day through both legs", () => {
  const depot = { id: "cp", lat: 21.7552, lng: 106.0481, area: "la-hien" };
  const input = (): DayInput => ({
    depot,
    vehicles: [
      {
        id: "bike",
        kind: "MOTORBIKE",
        capacityUnits: 20,
        capacityKg: 120,
        shiftStart: 300,
        shiftEnd: 840,
      },
      {
        id: "truck",
        kind: "TRUCK",
        capacityUnits: 100,
        capacityKg: 600,
        shiftStart: 390, // its first wave, 06:30-10:30, is back in time from Thái Nguyên
        shiftEnd: 1200,
      },
    ],
    picks: [0, 1, 2, 3].map((i) => ({
      id: `p${i}`,
      place: { id: `p${i}`, lat: 21.74 + i * 0.01, lng: 106.03 + i * 0.005, area: "la-hien" },
      readyAt: 330 + i * 30,
      units: 4,
      kg: 20,
    })),
    deliveries: [
      // Thái Nguyên city, reachable in the morning
      ...[0, 1, 2].map((i) => ({
        id: `d${i}`,
        place: { id: `d${i}`, lat: 21.5942, lng: 105.8482, area: "thai-nguyen" },
        window: { start: 420, end: 1200 },
        units: 4,
        kg: 20,
        serviceMinutes: 5,
      })),
      // Ba Bể, far north: four hours from picking cannot be kept
      {
        id: "far",
        place: { id: "far", lat: 22.4032, lng: 105.7293 },
        window: { start: 420, end: 1200 },
        units: 4,
        kg: 20,
        serviceMinutes: 5,
      },
    ],
    collected: new Map(),
    busy: [],
    from: 0,
    travel: areaTravel(),
    handlingMinutes: 20,
    pickLeadMinutes: 30,
    seed: 7,
    seconds: 2,
    iterations: 300,
  });

  it("plans what keeps the promise, flags the rest with a reason, and nothing is late", () => {
    const out = planDayLegs(input());
    const planned = out.runs
      .filter((r) => r.leg === "DELIVERY")
      .flatMap((r) => r.route.stops.map((s) => s.jobId));
    expect(planned.sort()).toEqual(["d0", "d1", "d2"]);
    expect(out.unassigned).toEqual([
      { id: "far", reason: expect.stringMatching(/^routing\.unassigned\./) },
    ]);
    for (const r of out.runs.filter((x) => x.leg === "DELIVERY"))
      for (const s of r.route.stops)
        expect(s.start).toBeLessThanOrEqual(out.promises.get(s.jobId)!.latestArrival + 1e-9);
    // the same input and seed give the same plan
    expect(JSON.stringify(planDayLegs(input()).runs)).toBe(JSON.stringify(out.runs));
  });

  it("a re-plan counts collected boxes, starts nothing before now and leaves a busy vehicle alone", () => {
    const day = input();
    day.collected = new Map([
      ["p0", { pickedAt: 330, back: 400 }],
      ["p1", { pickedAt: 350, back: 400 }],
    ]);
    day.from = 400;
    day.busy = [{ vehicleId: "truck", from: 380, until: 520 }];
    const out = planDayLegs(day);
    const pickedUp = out.runs
      .filter((r) => r.leg === "PICKUP")
      .flatMap((r) => r.route.stops.map((s) => s.jobId));
    expect(pickedUp).not.toContain("p0");
    expect(pickedUp).not.toContain("p1");
    for (const r of out.runs) expect(r.route.departure).toBeGreaterThanOrEqual(400);
    for (const r of out.runs.filter((x) => x.vehicleId === "truck"))
      expect(r.route.departure).toBeGreaterThanOrEqual(520);
  });
});
