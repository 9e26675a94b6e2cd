// Processing-step templates by kind of product, HSD defaults, and the dates in the
// EPCIS export (ILMD bestBeforeDate / itemExpirationDate), valid against GS1's schema.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildEpcisDocument, type EpcisBatch } from "~/domain/epcis";
import { BatchSchema } from "./batch-schema";
import {
  defaultBestBefore,
  isPastDate,
  STEP_KINDS,
  TRACE_TEMPLATES,
  traceKindOf,
  type TraceKind,
} from "./steps";

const TEA_ONLY = ["WITHERING", "FIXING", "ROLLING"];
const dir = path.resolve(import.meta.dirname, "../../tests/fixtures/gs1");
const validate = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(dir, "EPCIS-JSON-Schema.json"), "utf8")));
})();

describe("processing-step templates", () => {
  it("each category gets its own steps: no tea steps for custard apples, honey or rice", () => {
    expect(traceKindOf("trai-cay")).toBe("fruit");
    expect(traceKindOf("mat-ong")).toBe("honey");
    for (const kind of ["honey", "fruit", "rice", "dried", "speciality"] as TraceKind[]) {
      const kinds = TRACE_TEMPLATES[kind].steps.map((s) => s.kind);
      expect(
        kinds.filter((k) => TEA_ONLY.includes(k)),
        kind,
      ).toEqual([]);
    }
    expect(TRACE_TEMPLATES.tea.steps.map((s) => s.kind)).toContain("FIXING");
  });

  it("every template is in order, fits the form and only uses kinds the form accepts", () => {
    for (const t of Object.values(TRACE_TEMPLATES)) {
      expect(t.steps.length).toBeLessThanOrEqual(7);
      const hours = t.steps.map((s) => s.hoursAfter);
      expect([...hours].sort((a, b) => a - b)).toEqual(hours);
      for (const s of t.steps) expect(STEP_KINDS).toContain(s.kind);
    }
  });

  it("the default HSD is after the NSX by the kind's shelf life; past it, the batch is past its date", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TraceKind>("tea", "honey", "fruit", "rice", "dried", "speciality"),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        (kind, packed) => {
          const best = defaultBestBefore(kind, packed);
          expect(best.getTime()).toBeGreaterThan(packed.getTime());
          expect(isPastDate(best, packed)).toBe(false);
          expect(isPastDate(best, new Date(best.getTime() + 1))).toBe(true);
        },
      ),
    );
    expect(isPastDate(null, new Date())).toBe(false);
  });

  it("the batch form reads NSX, HSD and the kind of date", () => {
    const ok = BatchSchema.safeParse({
      productId: "p",
      lot: "L1",
      harvestedAt: "2026-11-01",
      producedAt: "2026-11-02",
      bestBefore: "2027-11-02",
      shelfKind: "EXPIRY",
      quantity: "12,5",
    });
    expect(ok.success && ok.data).toMatchObject({ bestBefore: "2027-11-02", shelfKind: "EXPIRY" });
    expect(
      BatchSchema.safeParse({
        productId: "p",
        lot: "L1",
        harvestedAt: "2026-11-01",
        quantity: "1",
        bestBefore: "2/3/27",
      }).success,
    ).toBe(false);
  });
});

const batch = (over: Partial<EpcisBatch>): EpcisBatch => ({
  id: "b1",
  code: "ABCDEFGH",
  lot: "L1",
  gtin: "08938000100036",
  quantity: 40,
  unit: "kg",
  harvestedAt: new Date("2026-10-01T00:00:00Z"),
  stallId: "stall-1",
  plot: null,
  household: null,
  steps: [
    { kind: "HARVEST", startedAt: new Date("2026-10-01T00:00:00Z"), note: "" },
    { kind: "CHILLING", startedAt: new Date("2026-10-01T05:00:00Z"), note: "" },
  ],
  serials: [],
  shipments: [],
  ...over,
});

describe("EPCIS export of the dates", () => {
  const ilmdOf = (doc: ReturnType<typeof buildEpcisDocument>) =>
    (doc.epcisBody.eventList as { ilmd?: Record<string, string> }[]).flatMap((e) =>
      e.ilmd ? [e.ilmd] : [],
    );

  it("a best-before date is cbvmda:bestBeforeDate, a use-by date cbvmda:itemExpirationDate, in Vietnam's calendar; the document stays valid", () => {
    const bb = buildEpcisDocument(
      "http://localhost:3000",
      batch({
        producedAt: new Date("2026-10-01T20:00:00Z"), // 2 Oct in Vietnam
        bestBefore: new Date("2027-10-01T20:00:00Z"),
        shelfKind: "BEST_BEFORE",
      }),
      { full: true },
    );
    expect(ilmdOf(bb)[0]).toMatchObject({
      "cbvmda:bestBeforeDate": "2027-10-02",
      "xt:productionDate": "2026-10-02",
    });
    expect(validate(bb), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const ex = buildEpcisDocument(
      "http://localhost:3000",
      batch({ bestBefore: new Date("2026-10-08T00:00:00Z"), shelfKind: "EXPIRY" }),
      { full: true },
    );
    expect(ilmdOf(ex)[0]["cbvmda:itemExpirationDate"]).toBe("2026-10-08");
    expect(ilmdOf(ex)[0]["cbvmda:bestBeforeDate"]).toBeUndefined();
    expect(validate(ex)).toBe(true);
  });
});
