// A pack size's GTIN is part of every printed Digital Link (/01/{gtin}/10/{lot}):
// once labels are out, the product form and the CSV import must keep it.
import { describe, expect, it } from "vitest";
import { planImport } from "~/catalog/csv.server";
import { action as editProduct, loader as productPage } from "~/routes/console.products.$productId";
import { loader as labels } from "~/routes/console.stalls.$stallId.batches.$batchId.labels";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../helpers/http";
import { makeBatch, randomGtin14 } from "./trace-fixture";

const COOP = "stall-coop-hao-dat";
const MANAGER = "0912000003";
const ctx = (request: Request, params: Record<string, string>) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const fieldErrors = (r: unknown) =>
  (r as { data: { result: { error: Record<string, string[]> } } }).data.result.error;

describe("a GTIN on printed labels stays fixed", () => {
  it("can change before printing; after, the form and the CSV import refuse to change or clear it, other edits still save", async () => {
    const c = await client(MANAGER);
    const { batch, product, variant } = await makeBatch({ stallId: COOP });
    const edit = (gtin: string, price = "120.000") =>
      settle(() =>
        editProduct(
          ctx(
            post(c, `/console/products/${product.id}`, {
              name: product.name,
              intent: "draft",
              householdId: "hh-001",
              "variants[0].id": variant.id,
              "variants[0].label": "Túi 200 g",
              "variants[0].price": price,
              "variants[0].stock": "10",
              "variants[0].stockBase": "10",
              "variants[0].gtin": gtin,
            }),
            { productId: product.id },
          ),
        ),
      );
    const gtinNow = async () =>
      (await prisma.variant.findUniqueOrThrow({ where: { id: variant.id } })).gtin;

    // nothing printed yet: a typo in the GTIN can still be fixed
    const fixed = randomGtin14();
    expect(status(await edit(fixed))).toBe(302);
    expect(await gtinNow()).toBe(fixed);
    let page = (await productPage(
      ctx(get(c, `/console/products/${product.id}`), { productId: product.id }),
    )) as { lockedGtins: string[] };
    expect(page.lockedGtins).toEqual([]);

    // the cooperative prints a label sheet for the batch
    const sheet = (await labels(
      ctx(
        get(c, `/console/stalls/${COOP}/batches/${batch.id}/labels?format=svg&size=50x30&count=1`),
        { stallId: COOP, batchId: batch.id },
      ),
    )) as Response;
    expect(sheet.status).toBe(200);

    page = (await productPage(
      ctx(get(c, `/console/products/${product.id}`), { productId: product.id }),
    )) as { lockedGtins: string[] };
    expect(page.lockedGtins).toEqual([variant.id]);
    for (const attempt of [randomGtin14(), ""]) {
      const refused = await edit(attempt);
      expect(status(refused)).toBe(400);
      expect(fieldErrors(refused)["variants[0].gtin"]).toEqual(["listing.gtinLocked"]);
      expect(await gtinNow()).toBe(fixed);
    }
    // the rest of the product is still the seller's to edit
    expect(status(await edit(fixed, "135.000"))).toBe(302);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: variant.id } })).priceVnd).toBe(
      135000,
    );

    // the CSV import reports the row and writes nothing (an empty cell would have cleared it)
    const stall = await prisma.stall.findUniqueOrThrow({ where: { id: COOP } });
    for (const cell of [randomGtin14(), ""]) {
      const csv = `product_slug,name,variant_label,price_vnd,stock,gtin,producer_household_id\n${product.slug},${product.name},Túi 200 g,135000,10,${cell},hh-001\n`;
      const plan = await planImport(stall, csv);
      expect(plan.rows[0].problems.map((p) => p.key)).toContain("listing.gtinLocked");
      expect(plan.summary.problems).toBe(1);
    }
    const same = await planImport(
      stall,
      `product_slug,name,variant_label,price_vnd,stock,gtin,producer_household_id\n${product.slug},${product.name},Túi 200 g,135000,10,${fixed},hh-001\n`,
    );
    expect(same.rows[0].problems).toEqual([]);
  });

  it("a variant whose batches were only created (not printed, scanned or serialised) keeps an editable GTIN", async () => {
    const c = await client(MANAGER);
    const { batch, product, variant } = await makeBatch({ stallId: COOP });
    const page = (await productPage(
      ctx(get(c, `/console/products/${product.id}`), { productId: product.id }),
    )) as { lockedGtins: string[] };
    expect(page.lockedGtins).not.toContain(variant.id);
    // a scan puts the code in circulation as much as printing does
    await prisma.scanEvent.create({ data: { batchId: batch.id, deviceHash: "d1", place: "VN" } });
    const after = (await productPage(
      ctx(get(c, `/console/products/${product.id}`), { productId: product.id }),
    )) as { lockedGtins: string[] };
    expect(after.lockedGtins).toEqual([variant.id]);
  });
});
