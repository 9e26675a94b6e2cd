import { describe, expect, it } from "vitest";
import {
  buildEpcisDocument,
  canonicalJson,
  eventId,
  uomOf,
  vnTime,
  type EpcisBatch,
} from "~/domain/epcis";

const batch: EpcisBatch = {
  id: "b1",
  code: "ABCDEFGH",
  lot: "L1/A",
  gtin: "08938000100036",
  quantity: 40,
  unit: "kg",
  harvestedAt: new Date("2026-10-01T00:00:00Z"),
  stallId: "stall-1",
  plot: { id: "plot-1", name: "Đồi chè", communeCode: "05503" },
  household: { id: "hh-1", name: "Hộ ông An" },
  steps: [
    { kind: "HARVEST", startedAt: new Date("2026-10-01T00:00:00Z"), note: "" },
    { kind: "FIXING", startedAt: new Date("2026-10-01T05:00:00Z"), note: "chảo gang" },
    { kind: "DRYING", startedAt: new Date("2026-10-01T08:00:00Z"), note: "" },
    { kind: "PACKING", startedAt: new Date("2026-10-02T01:00:00Z"), note: "" },
  ],
  serials: ["U00001", "U00002"],
  shipments: [
    {
      order: "XT-1",
      quantity: 2,
      handedAt: new Date("2026-10-03T02:00:00Z"),
      deliveredAt: new Date("2026-10-04T02:00:00Z"),
      destinationCommune: "HN-BA-DINH",
    },
  ],
};

describe("EPCIS 2.0 document", () => {
  it("uses Vietnam time with the +07:00 offset", () => {
    expect(vnTime(new Date("2026-10-01T00:00:00Z"))).toBe("2026-10-01T07:00:00.000+07:00");
  });
  it("hashes a canonical form: key order does not matter, content does", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(eventId({ a: 1, b: 2 })).toBe(eventId({ b: 2, a: 1 }));
    expect(eventId({ a: 1 })).not.toBe(eventId({ a: 2 }));
    expect(eventId({ a: 1 })).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });
  it("tells harvest, processing, packing, shipping and receiving with Digital Link identifiers", () => {
    const doc = buildEpcisDocument("https://xutra.vn", batch, {
      full: true,
      now: new Date("2026-11-01T00:00:00Z"),
    });
    expect(doc["@context"][0]).toBe(
      "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    );
    const events = doc.epcisBody.eventList as Record<string, unknown>[];
    expect(events.map((e) => `${e.type}:${e.bizStep}`)).toEqual([
      "ObjectEvent:commissioning",
      "TransformationEvent:creating_class_instance",
      "AggregationEvent:packing",
      "ObjectEvent:shipping",
      "ObjectEvent:receiving",
    ]);
    const [harvest, transform, pack] = events;
    expect(harvest.action).toBe("ADD");
    expect(harvest.ilmd).toMatchObject({
      "cbvmda:lotNumber": "L1/A",
      "cbvmda:harvestStartDate": "2026-10-01",
      "xt:household": "Hộ ông An",
      "xt:plot": "Đồi chè",
    });
    expect((transform.outputQuantityList as { epcClass: string }[])[0].epcClass).toBe(
      "https://xutra.vn/01/08938000100036/10/L1%2FA",
    );
    expect(pack.childEPCs).toEqual([
      "https://xutra.vn/01/08938000100036/10/L1%2FA/21/U00001",
      "https://xutra.vn/01/08938000100036/10/L1%2FA/21/U00002",
    ]);
    expect(new Set(events.map((e) => e.eventID)).size).toBe(5);
    // stable across exports
    const again = buildEpcisDocument("https://xutra.vn", batch, { full: true });
    expect((again.epcisBody.eventList as { eventID: string }[]).map((e) => e.eventID)).toEqual(
      events.map((e) => e.eventID),
    );
  });
  it("leaves order history out of the public view", () => {
    const doc = buildEpcisDocument("https://xutra.vn", batch, { full: false });
    expect(JSON.stringify(doc)).not.toContain("XT-1");
    // serials would let a counterfeiter print valid labels: only their count is public
    expect(JSON.stringify(doc)).not.toContain("/21/");
    const pack = (
      doc.epcisBody.eventList as unknown as {
        type: string;
        childQuantityList?: { quantity: number }[];
      }[]
    ).find((e) => e.type === "AggregationEvent")!;
    expect(pack.childQuantityList![0].quantity).toBe(2);
    expect(
      (doc.epcisBody.eventList as unknown as { bizStep: string }[]).map((e) => e.bizStep),
    ).not.toContain("shipping");
  });
  it("maps units to UN/CEFACT codes", () => {
    expect(uomOf("kg")).toBe("KGM");
    expect(uomOf("hộp")).toBeUndefined();
  });
});
