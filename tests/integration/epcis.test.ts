// Every exported EPCIS document validates against GS1's EPCIS 2.0 JSON Schema (draft-07).
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { loader as epcis } from "~/routes/api.batches.$id.epcis";
import { assignOrderBatches } from "~/trace/order-batches.server";
import { prisma } from "~/utils/db.server";
import { client, get } from "../helpers/http";
import { makeBatch, uniq } from "./trace-fixture";

const dir = path.resolve(import.meta.dirname, "../fixtures/gs1");
const schema = JSON.parse(fs.readFileSync(path.join(dir, "EPCIS-JSON-Schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

async function exportOf(batchId: string, phone?: string) {
  const c = phone ? await client(phone) : null;
  const res = (await epcis({
    request: get(c, `/api/batches/${batchId}/epcis`),
    params: { id: batchId },
    context: {},
  })) as Response;
  return { res, doc: res.status === 200 ? await res.json() : null };
}

function expectValid(doc: unknown) {
  const ok = validate(doc);
  if (!ok) console.error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  expect(ok).toBe(true);
}

describe("EPCIS export", () => {
  it("the schema validator is wired: GS1's own examples pass, a broken document fails", () => {
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonld"))) {
      // the examples name the document with a JSON-LD blank node ("_:document1"), which
      // ajv-formats' strict "uri" format rejects; everything else must pass as is
      const { id: _blank, ...example } = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      expectValid(example);
    }
    expect(
      validate({
        type: "EPCISDocument",
        schemaVersion: "2.0",
        creationDate: "x",
        epcisBody: { eventList: [{ type: "ObjectEvent" }] },
      }),
    ).toBe(false);
  });

  it("exports harvest, processing, packing, shipping and receiving for the stall's manager, all valid", async () => {
    const { batch } = await makeBatch({ serials: 3 });
    const id = uniq();
    const checkout = await prisma.checkout.create({
      data: {
        id: `co-${id}`,
        idempotencyKey: `idem-${id}`,
        recipient: "Chị Lan",
        phone: "+84912000001",
        line: "12 Phố Huế",
        communeCode: "05503",
        provinceCode: "19",
        paymentMethod: "COD",
        totalVnd: 240000,
        expiresAt: new Date(Date.now() + 864e5),
        status: "PLACED",
      },
    });
    await prisma.order.create({
      data: {
        id: `o-${id}`,
        number: `XT-T-${id}`,
        checkoutId: checkout.id,
        stallId: batch.stallId,
        status: "DELIVERED",
        subtotalVnd: 240000,
        shippingVnd: 0,
        totalVnd: 240000,
        items: {
          create: [
            {
              variantId: batch.variantId!,
              batchId: batch.id,
              productName: "Chè",
              variantLabel: "Túi 200 g",
              unitPriceVnd: 120000,
              quantity: 2,
            },
          ],
        },
        shipments: {
          create: [
            {
              carrier: "VNPOST",
              status: "DELIVERED",
              handedAt: new Date("2026-10-05T02:00:00Z"),
              deliveredAt: new Date("2026-10-06T03:00:00Z"),
            },
          ],
        },
      },
    });
    const { res, doc } = await exportOf(batch.id, "0912000003");
    expect(res.headers.get("Content-Type")).toContain("application/ld+json");
    expect(res.headers.get("X-EPCIS-View")).toBe("full");
    expectValid(doc);
    expect(doc["@context"][0]).toBe(
      "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    );
    expect(doc.schemaVersion).toBe("2.0");
    const steps = doc.epcisBody.eventList.map(
      (e: { type: string; bizStep: string }) => `${e.type}:${e.bizStep}`,
    );
    expect(steps).toEqual([
      "ObjectEvent:commissioning",
      "TransformationEvent:creating_class_instance",
      "AggregationEvent:packing",
      "ObjectEvent:shipping",
      "ObjectEvent:receiving",
    ]);
    for (const e of doc.epcisBody.eventList) expect(e.eventTimeZoneOffset).toBe("+07:00");
    expect(JSON.stringify(doc)).toContain(`XT-T-${id}`);
    expect(doc.epcisBody.eventList[2].childEPCs[0]).toMatch(
      /^http:\/\/localhost:3000\/01\/\d{14}\/10\/.+\/21\/U00001$/,
    );
  });

  it("leaves cancelled orders out (linked to the lot, then cancelled), still valid", async () => {
    const { batch } = await makeBatch({ serials: 2 });
    const order = async (status: string, handed: boolean) => {
      const id = uniq();
      const checkout = await prisma.checkout.create({
        data: {
          id: `co-${id}`,
          idempotencyKey: `idem-${id}`,
          recipient: "Bác Tư",
          phone: "+84912000001",
          line: "Xóm Chè",
          communeCode: "05503",
          provinceCode: "19",
          paymentMethod: "COD",
          totalVnd: 120000,
          expiresAt: new Date(Date.now() + 864e5),
          status: "PLACED",
        },
      });
      await prisma.order.create({
        data: {
          id: `o-${id}`,
          number: `XT-C-${id}`,
          checkoutId: checkout.id,
          stallId: batch.stallId,
          status,
          subtotalVnd: 120000,
          shippingVnd: 0,
          totalVnd: 120000,
          items: {
            create: [
              {
                variantId: batch.variantId!,
                batchId: batch.id,
                productName: "Chè",
                variantLabel: "Túi 200 g",
                unitPriceVnd: 120000,
                quantity: 1,
              },
            ],
          },
          shipments: {
            create: [
              {
                carrier: "GHN",
                status: handed ? "DELIVERED" : "READY",
                handedAt: handed ? new Date("2026-10-07T02:00:00Z") : null,
                deliveredAt: handed ? new Date("2026-10-08T02:00:00Z") : null,
              },
            ],
          },
        },
      });
      return `XT-C-${id}`;
    };
    // even when the carrier had already scanned the parcel before the cancellation
    const cancelled = await order("CANCELLED", true);
    const delivered = await order("DELIVERED", true);
    const { doc } = await exportOf(batch.id, "0912000003");
    expectValid(doc);
    const text = JSON.stringify(doc);
    expect(text).not.toContain(cancelled);
    expect(text).toContain(delivered);
    const shipping = doc.epcisBody.eventList.filter(
      (e: { bizStep: string }) => e.bizStep === "shipping" || e.bizStep === "receiving",
    );
    expect(shipping).toHaveLength(2); // the delivered order's shipping and receiving, nothing from the cancelled one
    expectValid((await exportOf(batch.id)).doc); // the public view of the same batch
  });

  it("gives the public and other sellers only what the provenance page shows; officers see all", async () => {
    const { batch } = await makeBatch();
    const anon = await exportOf(batch.id);
    expect(anon.res.headers.get("X-EPCIS-View")).toBe("public");
    expectValid(anon.doc);
    const other = await exportOf(batch.id, "0912000002");
    expect(other.res.headers.get("X-EPCIS-View")).toBe("public");
    const officer = await exportOf(batch.id, "0912000004");
    expect(officer.res.headers.get("X-EPCIS-View")).toBe("full");
    expect((await exportOf("no-such-batch")).res.status).toBe(404);
  });

  it("every seeded batch exports a valid document", async () => {
    const batches = await prisma.batch.findMany({
      select: { id: true },
      where: { id: { startsWith: "batch-" } },
      take: 400,
    });
    expect(batches.length).toBeGreaterThan(100);
    for (const b of batches) expectValid((await exportOf(b.id, "0912000005")).doc);
  }, 120_000); // 320 exports: 7 s at load 7, 40 s at load 20

  it("links packed order items to the lot they came from, so shipping shows in EPCIS", async () => {
    const { batch, product, variant } = await makeBatch();
    // a later lot of the same product, harvested after the order: not the one shipped
    await prisma.batch.create({
      data: {
        id: `b2-${batch.id}`,
        code: `${batch.code}Z`.slice(0, 20),
        lot: "LATER",
        stallId: batch.stallId,
        productId: product.id,
        variantId: variant.id,
        harvestedAt: new Date("2099-01-01T00:00:00Z"),
        quantity: 5,
      },
    });
    const id = uniq();
    const checkout = await prisma.checkout.create({
      data: {
        id: `co-${id}`,
        idempotencyKey: `idem-${id}`,
        recipient: "Anh Minh",
        phone: "+84912000001",
        line: "Xóm 1",
        communeCode: "05503",
        provinceCode: "19",
        paymentMethod: "COD",
        totalVnd: 120000,
        expiresAt: new Date(Date.now() + 864e5),
        status: "PLACED",
      },
    });
    const order = await prisma.order.create({
      data: {
        id: `o-${id}`,
        number: `XT-J-${id}`,
        checkoutId: checkout.id,
        stallId: batch.stallId,
        status: "SHIPPED",
        subtotalVnd: 120000,
        shippingVnd: 0,
        totalVnd: 120000,
        items: {
          create: [
            {
              variantId: variant.id,
              productName: "Chè",
              variantLabel: "Túi 200 g",
              unitPriceVnd: 120000,
              quantity: 1,
            },
          ],
        },
        shipments: {
          create: [{ carrier: "VIETTEL_POST", status: "HANDED_OVER", handedAt: new Date() }],
        },
      },
      include: { items: true },
    });
    expect(await assignOrderBatches()).toBe(1);
    expect(
      (await prisma.orderItem.findUniqueOrThrow({ where: { id: order.items[0].id } })).batchId,
    ).toBe(batch.id);
    await assignOrderBatches(); // idempotent: a linked item keeps its lot
    expect(
      (await prisma.orderItem.findUniqueOrThrow({ where: { id: order.items[0].id } })).batchId,
    ).toBe(batch.id);
    const { doc } = await exportOf(batch.id, "0912000003");
    expectValid(doc);
    expect(doc.epcisBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toContain(
      "shipping",
    );
  });
});
