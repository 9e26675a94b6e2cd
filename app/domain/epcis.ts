// EPCIS 2.0 JSON-LD for a production batch: commissioning at harvest (ObjectEvent
// with ILMD), processing (TransformationEvent fresh leaf -> finished tea), packing
// (AggregationEvent), and shipping/receiving (ObjectEvents) from orders.
// Identifiers are GS1 Digital Link URIs on our domain where a GS1 key exists, and
// plain HTTP URIs under {base}/id/... for things without one (plots, stalls, cases).
import { createHash } from "node:crypto";
import { digitalLink, encodeAiValue } from "./digital-link";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
export const VN_OFFSET = "+07:00";

export type EpcisBatch = {
  id: string;
  code: string;
  lot: string;
  gtin: string | null;
  quantity: number;
  unit: string;
  harvestedAt: Date;
  /** NSX and HSD; a use-by (EXPIRY) date is cbvmda:itemExpirationDate, else cbvmda:bestBeforeDate */
  producedAt?: Date | null;
  bestBefore?: Date | null;
  shelfKind?: string;
  stallId: string;
  plot: { id: string; name: string; communeCode: string } | null;
  household: { id: string; name: string } | null;
  steps: { kind: string; startedAt: Date; note: string }[];
  serials: string[];
  shipments: {
    order: string;
    quantity: number;
    handedAt: Date | null;
    deliveredAt: Date | null;
    destinationCommune: string | null;
  }[];
};

/** "kg" -> UN/CEFACT KGM; unknown units carry no uom (counts). */
export function uomOf(unit: string): string | undefined {
  return ({ kg: "KGM", g: "GRM", t: "TNE", l: "LTR" } as Record<string, string>)[
    unit.toLowerCase()
  ];
}

/** ISO 8601 in Vietnam time, as EPCIS eventTime with eventTimeZoneOffset +07:00. */
export function vnTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600e3).toISOString().replace("Z", VN_OFFSET);
}

/** Sorted-key JSON: a stable form to hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** eventID as a named-information URI over the event's canonical form (without its id). */
export function eventId(event: Record<string, unknown>): string {
  const { eventID: _omit, ...rest } = event;
  return `ni:///sha-256;${createHash("sha256").update(canonicalJson(rest)).digest("hex")}?ver=CBV2.0`;
}

type Event = Record<string, unknown>;

export function buildEpcisDocument(
  base: string,
  b: EpcisBatch,
  opts: { full: boolean; now?: Date },
) {
  const root = base.replace(/\/+$/, "");
  const id = (kind: string, value: string) => `${root}/id/${kind}/${encodeAiValue(value)}`;
  // the finished lot: a GS1 LGTIN as Digital Link, or our short-form URI
  const lotClass = b.gtin ? digitalLink(root, { gtin: b.gtin, lot: b.lot }) : `${root}/t/${b.code}`;
  const freshLeaf = id("fresh-leaf", b.code);
  const uom = uomOf(b.unit);
  const qty = (epcClass: string, quantity?: number, unit?: string) => ({
    epcClass,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(unit ? { uom: unit } : {}),
  });
  const farm = b.plot ? id("plot", b.plot.id) : id("stall", b.stallId);
  const packHouse = id("stall", b.stallId);
  const step = (kind: string) => b.steps.find((s) => s.kind === kind);
  const processing = b.steps.filter((s) => s.kind !== "HARVEST" && s.kind !== "PACKING");
  const events: Event[] = [];

  // the lot's dates, as GS1 CBV master data (xsd:date in Vietnam's calendar)
  const shelf = {
    ...(b.producedAt ? { "xt:productionDate": vnTime(b.producedAt).slice(0, 10) } : {}),
    ...(b.bestBefore
      ? {
          [b.shelfKind === "EXPIRY" ? "cbvmda:itemExpirationDate" : "cbvmda:bestBeforeDate"]:
            vnTime(b.bestBefore).slice(0, 10),
        }
      : {}),
  };
  const harvestAt = step("HARVEST")?.startedAt ?? b.harvestedAt;
  events.push({
    type: "ObjectEvent",
    eventTime: vnTime(harvestAt),
    eventTimeZoneOffset: VN_OFFSET,
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    quantityList: [qty(freshLeaf, b.quantity, uom)],
    readPoint: { id: farm },
    bizLocation: { id: farm },
    ilmd: {
      "cbvmda:lotNumber": b.lot,
      "cbvmda:harvestStartDate": vnTime(b.harvestedAt).slice(0, 10),
      ...(b.plot ? { "xt:plot": b.plot.name, "xt:commune": b.plot.communeCode } : {}),
      ...(b.household ? { "xt:household": b.household.name } : {}),
      ...shelf,
    },
  });

  const last = processing.at(-1);
  if (processing.length) {
    events.push({
      type: "TransformationEvent",
      eventTime: vnTime(last!.startedAt),
      eventTimeZoneOffset: VN_OFFSET,
      inputQuantityList: [qty(freshLeaf, b.quantity, uom)],
      outputQuantityList: [qty(lotClass)],
      bizStep: "creating_class_instance",
      disposition: "active",
      readPoint: { id: packHouse },
      bizLocation: { id: packHouse },
      ilmd: { "cbvmda:lotNumber": b.lot, ...shelf },
      "xt:processingSteps": processing.map((s) => ({
        "xt:kind": s.kind,
        "xt:startedAt": vnTime(s.startedAt),
        ...(s.note ? { "xt:note": s.note } : {}),
      })),
    });
  }

  const packing = step("PACKING");
  if (packing || b.serials.length) {
    const units = b.serials.map((serial) =>
      b.gtin
        ? digitalLink(root, { gtin: b.gtin, lot: b.lot, serial })
        : `${root}/t/${b.code}/${encodeAiValue(serial)}`,
    );
    events.push({
      type: "AggregationEvent",
      eventTime: vnTime(packing?.startedAt ?? last?.startedAt ?? b.harvestedAt),
      eventTimeZoneOffset: VN_OFFSET,
      parentID: id("case", b.code),
      // Unit serials are anti-counterfeit secrets until a buyer scans one: the public
      // view gives only how many units were packed, never the list.
      ...(units.length && opts.full
        ? { childEPCs: units }
        : { childQuantityList: [qty(lotClass, units.length || undefined)] }),
      action: "ADD",
      bizStep: "packing",
      disposition: "container_closed",
      readPoint: { id: packHouse },
      bizLocation: { id: packHouse },
    });
  }

  // Orders are not on the public page: only the stall's people and officers see them.
  if (opts.full) {
    for (const s of b.shipments) {
      const tx = [{ type: "po", bizTransaction: id("order", s.order) }];
      if (s.handedAt)
        events.push({
          type: "ObjectEvent",
          eventTime: vnTime(s.handedAt),
          eventTimeZoneOffset: VN_OFFSET,
          action: "OBSERVE",
          quantityList: [qty(lotClass, s.quantity)],
          bizStep: "shipping",
          disposition: "in_transit",
          readPoint: { id: packHouse },
          bizTransactionList: tx,
        });
      if (s.deliveredAt)
        events.push({
          type: "ObjectEvent",
          eventTime: vnTime(s.deliveredAt),
          eventTimeZoneOffset: VN_OFFSET,
          action: "OBSERVE",
          quantityList: [qty(lotClass, s.quantity)],
          bizStep: "receiving",
          disposition: "in_progress",
          readPoint: {
            id: s.destinationCommune ? id("commune", s.destinationCommune) : id("order", s.order),
          },
          bizTransactionList: tx,
        });
    }
  }

  const eventList = events.map((e) => ({ eventID: eventId(e), ...e }));
  return {
    "@context": [EPCIS_CONTEXT, { xt: `${root}/voc/` }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: (opts.now ?? new Date()).toISOString(),
    epcisBody: { eventList },
  };
}
