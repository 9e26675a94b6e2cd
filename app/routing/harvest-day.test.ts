import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planHarvestDay, type HarvestDay } from "./harvest-day";
import { voNhaiDay, COLLECTION_POINT } from "./vo-nhai-day";
import { checkResult } from "./feasibility-check";
import { keptPromise, latestArrival, promiseMinutes } from "./freshness";
import { areaTravel } from "./travel";

describe("freshness promise", () => {
  it("is 4 hours under 100 km and 6 hours from 100 km", () => {
    expect(promiseMinutes(0)).toBe(240);
    expect(promiseMinutes(99.99)).toBe(240);
    expect(promiseMinutes(100)).toBe(360);
    expect(latestArrival(6 * 60, 40)).toBe(10 * 60);
    expect(latestArrival(6 * 60, 140)).toBe(12 * 60);
    expect(keptPromise(360, 40, 600)).toBe(true);
    expect(keptPromise(360, 40, 601)).toBe(false);
  });

  it("is monotone: more road never shortens the promise", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          expect(promiseMinutes(lo)).toBeLessThanOrEqual(promiseMinutes(hi));
        },
      ),
    );
  });
});

describe("a harvest day in two legs", () => {
  const day = voNhaiDay(30, 3, 7);
  const plan = planHarvestDay(day, { seed: 5, iterations: 300 });

  it("both legs are feasible under the independent checker", () => {
    expect(
      checkResult(
        { vehicles: day.pickupVehicles, jobs: plan.pickupJobs, travel: day.travel },
        plan.pickups,
      ),
    ).toEqual([]);
    expect(
      checkResult(
        { vehicles: day.deliveryVehicles, jobs: plan.deliveryJobs, travel: day.travel },
        plan.deliveries,
      ),
    ).toEqual([]);
    expect(plan.pickups.routes.length).toBeGreaterThan(0);
    expect(plan.deliveries.routes.length).toBeGreaterThan(0);
  });

  it("leg 2 leaves only after its boxes are back and sorted, and keeps the promise for what it plans", () => {
    const returned = new Map<string, number>();
    for (const r of plan.pickups.routes) for (const s of r.stops) returned.set(s.jobId, r.returnAt);
    const orderToPick = new Map(day.deliveries.map((d) => [d.id, d.pickIds[0]]));
    for (const r of plan.deliveries.routes) {
      for (const s of r.stops) {
        const back = returned.get(orderToPick.get(s.jobId) as string) as number;
        expect(r.departure).toBeGreaterThanOrEqual(back + day.handlingMinutes);
        const promise = plan.promises.find((p) => p.deliveryId === s.jobId);
        expect(promise?.kept).toBe(true);
        expect(s.start).toBeLessThanOrEqual((promise?.latestArrival as number) + 1e-9);
      }
    }
  });

  it("every delivery is either kept or comes with a reason, and nothing late is planned", () => {
    expect(plan.promises).toHaveLength(day.deliveries.length);
    for (const p of plan.promises) {
      if (p.kept) expect(p.deliveredAt).toBeLessThanOrEqual(p.latestArrival);
      else expect(p.reason).toMatch(/^routing\.unassigned\./);
    }
  });

  it("counts the clock from the picking: told-to-pick households start it 30 minutes before collection", () => {
    for (const p of plan.promises) {
      const d = day.deliveries.find((x) => x.id === p.deliveryId);
      const pick = day.picks.find((x) => x.id === d?.pickIds[0]);
      if (!pick || p.reason === "routing.unassigned.notCollected") continue;
      const stop = plan.pickups.routes.flatMap((r) => r.stops).find((s) => s.jobId === pick.id);
      const picked = pick.pickedAt ?? (stop?.start as number) - 30;
      expect(p.pickedAt).toBe(picked);
      expect(p.latestArrival).toBe(picked + promiseMinutes(p.roadKm));
    }
  });

  it("a pick nobody can collect makes its delivery 'not collected', never a silent drop", () => {
    const small: HarvestDay = {
      ...voNhaiDay(3, 1, 2),
      travel: areaTravel(),
    };
    // a household 60 km away cannot be reached in a 2.5 h trip
    small.picks[0] = {
      ...small.picks[0],
      place: { id: "far", lat: 22.2, lng: 106.3, area: "sang-moc" },
    };
    const p = planHarvestDay(small, { seed: 1, iterations: 50 });
    const first = p.promises.find((x) => x.deliveryId === small.deliveries[0].id);
    expect(first?.kept).toBe(false);
    expect(first?.reason).toBe("routing.unassigned.notCollected");
    expect(p.pickups.unassigned.map((u) => u.jobId)).toContain(small.picks[0].id);
  });

  it("the synthetic day is seeded: same seed, same day", () => {
    expect(JSON.stringify(voNhaiDay(20, 3, 9).picks)).toBe(
      JSON.stringify(voNhaiDay(20, 3, 9).picks),
    );
    for (const pick of voNhaiDay(50, 3, 1).picks) {
      expect(pick.place.lat).toBeGreaterThanOrEqual(21.7);
      expect(pick.place.lat).toBeLessThanOrEqual(21.8);
      expect(pick.place.lng).toBeGreaterThanOrEqual(105.9);
      expect(pick.place.lng).toBeLessThanOrEqual(106.1);
    }
    expect(COLLECTION_POINT.area).toBe("la-hien");
  });
});
