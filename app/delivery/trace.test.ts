// A pick's batch on its way: picked up at the farm (shipping) and unloaded at the
// collection point (receiving) reach the EPCIS export, which still validates against
// GS1's EPCIS 2.0 JSON Schema, and the provenance page's steps.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as epcis } from "~/routes/api.batches.$id.epcis";
import { findByShortCode } from "~/trace/lookup.server";
import { loadProvenance } from "~/trace/provenance.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { client, get } from "../../tests/helpers/http";
import { deliveryDay, localAt } from "./fixture";
import { reportStop } from "./runs.server";

const dir = path.resolve(import.meta.dirname, "../../tests/fixtures/gs1");
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(fs.readFileSync(path.join(dir, "EPCIS-JSON-Schema.json"), "utf8")),
);

const DAY = "2033-09-02";
let batchId = "";

beforeAll(async () => {
  setClock(localAt(DAY, "06:00"));
  const d = await deliveryDay(DAY, { runs: "manual" });
  const h = d.households[0];
  // a pick-up leg: the farm, then the collection point
  const run = await prisma.run.create({
    data: {
      dispatchId: d.dispatch!.id,
      version: 1,
      vehicleId: d.vehicle.id,
      leg: "PICKUP",
      startsAt: localAt(DAY, "06:00"),
      endsAt: localAt(DAY, "08:00"),
      stops: {
        create: [
          {
            position: 0,
            kind: "PICKUP",
            pickId: h.pick.id,
            householdId: h.household.id,
            units: 10,
            name: h.household.name,
          },
          { position: 1, kind: "DROP", units: 10, name: "Sân HTX Na La Hiên" },
        ],
      },
    },
    include: { stops: { orderBy: { position: "asc" } } },
  });
  const u = await prisma.user.findUniqueOrThrow({ where: { id: d.driver.id } });
  const driver: SessionUser = {
    id: u.id,
    name: u.name,
    phone: u.phone,
    locale: "vi",
    role: "BUYER",
    householdId: null,
    cooperativeId: null,
  };
  setClock(localAt(DAY, "06:40"));
  expect(
    await reportStop(driver, {
      stopId: run.stops[0].id,
      report: { kind: "PICKED", weighedUnits: 9 },
    }),
  ).toMatchObject({ ok: true });
  setClock(localAt(DAY, "07:30"));
  expect(
    await reportStop(driver, { stopId: run.stops[1].id, report: { kind: "DELIVERED" } }),
  ).toMatchObject({ ok: true });
  batchId = (await prisma.pick.findUniqueOrThrow({ where: { id: h.pick.id } })).batchId!;
});
afterAll(() => resetClock());

describe("a pick's batch in traceability", () => {
  it("the EPCIS export has the pick-up (shipping) and the unloading (receiving) with the run's times, and validates", async () => {
    for (const phone of ["0914000004", null]) {
      const c = phone ? await client(phone) : null;
      const res = (await epcis({
        request: get(c, `/api/batches/${batchId}/epcis`),
        params: { id: batchId },
        context: {},
      })) as Response;
      expect(res.status).toBe(200);
      const doc = await res.json();
      const ok = validate(doc);
      if (!ok) console.error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      expect(ok).toBe(true);
      const events = doc.epcisBody.eventList as {
        bizStep: string;
        eventTime: string;
        quantityList?: { quantity: number }[];
        readPoint: { id: string };
      }[];
      expect(events.map((e) => e.bizStep)).toEqual(["commissioning", "shipping", "receiving"]);
      expect(events[1].eventTime.slice(0, 16)).toBe(`${DAY}T06:40`);
      expect(events[2].eventTime.slice(0, 16)).toBe(`${DAY}T07:30`);
      expect(events[1].quantityList?.[0].quantity).toBe(9);
      expect(events[1].readPoint.id).toMatch(/\/id\/plot\//);
      expect(events[2].readPoint.id).toMatch(/\/id\/collection-point\//);
    }
  });

  it("the provenance page shows the pick-up and the collection point", async () => {
    const b = await prisma.batch.findUniqueOrThrow({ where: { id: batchId } });
    const target = await findByShortCode(b.code);
    const p = await loadProvenance(target!, "vi");
    expect(p.steps.map((s) => s.kind)).toEqual(["HARVEST", "PICKED_UP", "AT_COLLECTION"]);
    expect(p.steps[2].note).toBe("Sân HTX Na La Hiên");
  });
});
