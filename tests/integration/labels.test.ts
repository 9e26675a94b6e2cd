// Batch console (create with steps, ownership) and label sheets whose QR codes
// are decoded back from the rendered sheet with a real QR decoder.
import jsQR from "jsqr";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  loader as batchPage,
  action as batchAction,
} from "~/routes/console.stalls.$stallId.batches.$batchId._index";
import { loader as labels } from "~/routes/console.stalls.$stallId.batches.$batchId.labels";
import { loader as batchList } from "~/routes/console.stalls.$stallId.batches._index";
import {
  action as createBatch,
  loader as newBatch,
} from "~/routes/console.stalls.$stallId.batches.new";
import { encodeAiValue } from "~/domain/digital-link";
import { action as batchPhotos } from "~/routes/console.stalls.$stallId.batches.$batchId.photos";
import { loader as tracePage } from "~/routes/t.$";
import { loader as qrImage } from "~/routes/console.stalls.$stallId.batches.$batchId.qr";
import { action as codesAction, loader as codes } from "~/routes/console.stalls.$stallId.codes";
import { labelSheetSvg, qrBox, qrPng, sheetLayout, type LabelSize } from "~/trace/labels.server";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../helpers/http";
import { makeBatch, uniq } from "./trace-fixture";

const COOP = "stall-coop-hao-dat";
const MANAGER = "0912000003";
const HOUSEHOLD = "0912000002"; // member of the coop, but not its manager
const ctx = (request: Request, params: Record<string, string>) => ({
  request,
  params,
  context: {},
});

async function decodeFromSheet(svg: string, size: LabelSize, index: number, scuff = 0) {
  const L = sheetLayout(size);
  const cell = L.cell(index);
  const q = qrBox(size);
  // librsvg renders mm units at the given density; measure the scale from the A4 width
  const image = sharp(Buffer.from(svg), { density: 150 }).flatten({ background: "#ffffff" });
  const meta = await image.metadata();
  const perMm = meta.width! / 210;
  expect(perMm).toBeGreaterThan(8); // at least ~200 dpi: several pixels per QR module
  const px = (mm: number) => Math.round(mm * perMm);
  const region = {
    left: px(cell.x + q.x - 0.5),
    top: px(cell.y + q.y),
    width: px(q.s + 1),
    height: px(q.s + 0.5),
  };
  let sticker = sharp(await image.extract(region).png().toBuffer());
  if (scuff) {
    // a scratch across the middle of the code: a white band `scuff` of its height, half its width
    const h = Math.round(region.height * scuff);
    const band = await sharp({
      create: { width: Math.round(region.width / 2), height: h, channels: 3, background: "#fff" },
    })
      .png()
      .toBuffer();
    sticker = sticker.composite([
      {
        input: band,
        left: Math.round(region.width * 0.3),
        top: Math.round(region.height / 2 - h / 2),
      },
    ]);
  }
  const { data, info } = await sticker.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return (
    jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)
      ?.data ?? null
  );
}

/**
 * The QR modules a PDF sheet really draws: inflate each page's content stream and
 * read its filled rectangles (pdfkit draws every module as "x y w h re" under a
 * top-down page transform), then redraw them as an A4 SVG in the same units so the
 * sticker can be rasterised and decoded like the SVG sheet.
 */
function pdfPagesAsSvg(pdf: Buffer): string[] {
  const raw = pdf.toString("latin1");
  const pages: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = zlib.inflateSync(Buffer.from(m[1], "latin1")).toString("latin1");
    } catch {
      continue; // not a Flate stream
    }
    if (!content.startsWith("1 0 0 -1 0 841.89 cm")) continue; // fonts, cmaps: not page content
    const rects = [...content.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)].map(
      ([, x, y, w, h]) => `<rect x="${x}" y="${y}" width="${w}" height="${h}"/>`,
    );
    pages.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 595.28 841.89"><rect width="100%" height="100%" fill="#fff"/><g fill="#000" shape-rendering="crispEdges">${rects.join("")}</g></svg>`,
    );
  }
  return pages;
}

describe("label sheets", () => {
  it("QR codes decode back to the batch's Digital Link (SVG sheet rasterised)", async () => {
    const { batch, gtin } = await makeBatch();
    const c = await client(MANAGER);
    for (const size of ["30x30", "50x30"] as const) {
      const res = (await labels(
        ctx(
          get(
            c,
            `/console/stalls/${COOP}/batches/${batch.id}/labels?format=svg&size=${size}&count=3`,
          ),
          { stallId: COOP, batchId: batch.id },
        ),
      )) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toContain("image/svg+xml");
      const svg = await res.text();
      expect(svg).toContain(batch.lot);
      expect(svg).toContain("Hộ"); // producer with Vietnamese text
      const decoded = await decodeFromSheet(svg, size, 2);
      expect(decoded).toBe(`http://localhost:3000/01/${gtin}/10/${encodeAiValue(batch.lot)}`);
    }
  });

  it("numbers unit labels: each sticker carries its own serial URI", async () => {
    const { batch } = await makeBatch({ gtin: false, serials: 3 });
    const c = await client(MANAGER);
    const res = (await labels(
      ctx(
        get(
          c,
          `/console/stalls/${COOP}/batches/${batch.id}/labels?format=svg&size=50x30&kind=serial`,
        ),
        { stallId: COOP, batchId: batch.id },
      ),
    )) as Response;
    const svg = await res.text();
    expect(await decodeFromSheet(svg, "50x30", 0)).toBe(
      `http://localhost:3000/t/${batch.code}/U00001`,
    );
    expect(await decodeFromSheet(svg, "50x30", 2)).toBe(
      `http://localhost:3000/t/${batch.code}/U00003`,
    );
    expect(svg).toContain("U00002");
  });

  it("makes an A4 PDF with an embedded Vietnamese font, several pages when needed", async () => {
    const { batch, gtin } = await makeBatch();
    const c = await client(MANAGER);
    const per = sheetLayout("30x30").perPage;
    const res = (await labels(
      ctx(
        get(
          c,
          `/console/stalls/${COOP}/batches/${batch.id}/labels?format=pdf&size=30x30&count=${per + 1}`,
        ),
        { stallId: COOP, batchId: batch.id },
      ),
    )) as Response;
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdf.toString("latin1");
    expect(text.match(/\/Type \/Page\b/g)?.length).toBe(2);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/FontFile2/); // TrueType embedded (subset), so ư, ơ, đ print
    // the QR codes printed in the PDF decode back, on both pages
    const pages = pdfPagesAsSvg(pdf);
    expect(pages).toHaveLength(2);
    expect(await decodeFromSheet(pages[0], "30x30", 0)).toBe(
      `http://localhost:3000/01/${gtin}/10/${encodeAiValue(batch.lot)}`,
    );
    expect(await decodeFromSheet(pages[0], "30x30", per - 1)).toBe(
      `http://localhost:3000/01/${gtin}/10/${encodeAiValue(batch.lot)}`,
    );
    expect(await decodeFromSheet(pages[1], "30x30", 0)).toBe(
      `http://localhost:3000/01/${gtin}/10/${encodeAiValue(batch.lot)}`,
    );
  });

  it("numbers unit labels in the PDF too: each sticker decodes to its own serial", async () => {
    const { batch } = await makeBatch({ gtin: false, serials: 3 });
    const c = await client(MANAGER);
    const res = (await labels(
      ctx(
        get(
          c,
          `/console/stalls/${COOP}/batches/${batch.id}/labels?format=pdf&size=50x30&kind=serial`,
        ),
        { stallId: COOP, batchId: batch.id },
      ),
    )) as Response;
    const [sheet] = pdfPagesAsSvg(Buffer.from(await res.arrayBuffer()));
    for (const n of [1, 2, 3])
      expect(await decodeFromSheet(sheet, "50x30", n - 1)).toBe(
        `http://localhost:3000/t/${batch.code}/U0000${n}`,
      );
  });

  it("printed codes survive a scratch (error correction fit for print: a band that defeats level M still reads)", async () => {
    const { batch, gtin } = await makeBatch({ serials: 1 });
    const c = await client(MANAGER);
    for (const size of ["30x30", "50x30"] as const) {
      const res = (await labels(
        ctx(get(c, `/x?format=svg&size=${size}&kind=serial`), { stallId: COOP, batchId: batch.id }),
      )) as Response;
      expect(await decodeFromSheet(await res.text(), size, 0, 0.16)).toBe(
        `http://localhost:3000/01/${gtin}/10/${encodeAiValue(batch.lot)}/21/U00001`,
      );
    }
  });

  it("the QR PNG and the sheet's QR come from the same matrix", async () => {
    const uri = "http://localhost:3000/t/ABCDEFGH/U00001";
    const png = await qrPng(uri, 6);
    const { data, info } = await sharp(png)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(
      jsQR(
        new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
        info.width,
        info.height,
      )?.data,
    ).toBe(uri);
    const svg = labelSheetSvg(
      [{ uri, product: "Chè", lot: "L1", producer: "Hộ ông An", serial: "U00001" }],
      "30x30",
      { lot: "Lô", producer: "SX", serial: "Số" },
    );
    expect(await decodeFromSheet(svg, "30x30", 0)).toBe(uri);
  });

  it("refuses other stalls' sellers and bad parameters", async () => {
    const { batch } = await makeBatch();
    const hh = await client(HOUSEHOLD);
    const res = await settle(() =>
      labels(
        ctx(get(hh, `/console/stalls/${COOP}/batches/${batch.id}/labels`), {
          stallId: COOP,
          batchId: batch.id,
        }),
      ),
    );
    expect((res as Response).status).toBe(403);
    // a batch of the coop requested through the household's own stall: still refused
    const viaOwn = await settle(() =>
      labels(
        ctx(get(hh, `/console/stalls/stall-hh-001/batches/${batch.id}/labels`), {
          stallId: "stall-hh-001",
          batchId: batch.id,
        }),
      ),
    );
    expect((viaOwn as Response).status).toBe(403);
    const anon = await settle(() =>
      labels(
        ctx(get(null, `/console/stalls/${COOP}/batches/${batch.id}/labels`), {
          stallId: COOP,
          batchId: batch.id,
        }),
      ),
    );
    expect((anon as Response).status).toBe(302);
    const c = await client(MANAGER);
    const bad = (await labels(
      ctx(get(c, `/console/stalls/${COOP}/batches/${batch.id}/labels?size=99x99`), {
        stallId: COOP,
        batchId: batch.id,
      }),
    )) as Response;
    expect(bad.status).toBe(400);
  });
});

describe("batch console", () => {
  it("a cooperative manager creates a batch with processing steps; the story is stored", async () => {
    const c = await client(MANAGER);
    const form = (await newBatch(
      ctx(get(c, `/console/stalls/${COOP}/batches/new`), { stallId: COOP }),
    )) as { options: { products: { id: string; variants: { id: string }[] }[] } };
    const product = form.options.products.find((p) => p.id === "prod-001")!;
    const lot = uniq("L");
    const res = await settle(() =>
      createBatch(
        ctx(
          post(c, `/console/stalls/${COOP}/batches/new`, {
            productId: product.id,
            variantId: product.variants[0].id,
            lot,
            householdId: "hh-001",
            plotId: "hh-001-plot-1",
            harvestedAt: "2026-10-02",
            quantity: "35.5",
            unit: "kg",
            notes: "Chè xuân",
            "steps[0].kind": "HARVEST",
            "steps[0].at": "2026-10-02T06:00",
            "steps[0].note": "Hái một tôm hai lá",
            "steps[1].kind": "FIXING",
            "steps[1].at": "2026-10-02T14:00",
            "steps[2].kind": "DRYING",
            "steps[2].at": "",
          }),
          { stallId: COOP },
        ),
      ),
    );
    expect((res as Response).status).toBe(302);
    const batch = await prisma.batch.findFirstOrThrow({
      where: { productId: product.id, lot },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    expect((res as Response).headers.get("Location")).toBe(
      `/console/stalls/${COOP}/batches/${batch.id}?saved=1`,
    );
    expect(batch.steps.map((s) => s.kind)).toEqual(["HARVEST", "FIXING"]);
    expect(batch.steps[0].startedAt.toISOString()).toBe("2026-10-01T23:00:00.000Z"); // 06:00 in Vietnam
    expect(batch.householdId).toBe("hh-001");
    expect(batch.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(
      await prisma.auditLog.count({
        where: {
          entity: "Batch",
          entityId: batch.id,
          action: "batch.create",
          onBehalfOfId: "hh-001",
        },
      }),
    ).toBe(1);
    const list = (await batchList(
      ctx(get(c, `/console/stalls/${COOP}/batches`), { stallId: COOP }),
    )) as { batches: { id: string }[] };
    expect(list.batches.some((b) => b.id === batch.id)).toBe(true);
  });

  it("keeps what was typed and reports translated errors", async () => {
    const c = await client(MANAGER);
    const res = (await createBatch(
      ctx(
        post(c, `/console/stalls/${COOP}/batches/new`, {
          productId: "prod-001",
          lot: "chè lô 1",
          harvestedAt: "2099-01-01",
          quantity: "0",
        }),
        { stallId: COOP },
      ),
    )) as unknown as {
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      init: { status: number };
    };
    expect(res.init.status).toBe(400);
    expect(res.data.result.error.lot).toEqual(["batches.error.lot"]);
    expect(res.data.result.error.quantity).toEqual(["batches.error.quantity"]);
    expect(res.data.result.initialValue.lot).toBe("chè lô 1");
    const future = (await createBatch(
      ctx(
        post(c, `/console/stalls/${COOP}/batches/new`, {
          productId: "prod-001",
          lot: uniq("F"),
          harvestedAt: "2099-01-01",
          quantity: "3",
          householdId: "hh-059",
        }),
        { stallId: COOP },
      ),
    )) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(future.data.result.error.harvestedAt).toEqual(["batches.error.future"]);
    // another stall's product
    const foreign = (await createBatch(
      ctx(
        post(c, `/console/stalls/${COOP}/batches/new`, {
          productId: "prod-300",
          lot: uniq("F"),
          harvestedAt: "2026-01-01",
          quantity: "3",
        }),
        { stallId: COOP },
      ),
    )) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(foreign.data.result.error.productId).toEqual(["batches.error.product"]);
  });

  it("reads lot sizes the Vietnamese way: decimal comma and dot thousands", async () => {
    const { product } = await makeBatch();
    const c = await client(MANAGER);
    for (const [typed, stored] of [
      ["12,5", 12.5],
      ["1.250", 1250],
      ["1.250,5", 1250.5],
      ["7.5", 7.5],
    ] as const) {
      const lot = uniq("Q");
      const res = await settle(() =>
        createBatch(
          ctx(
            post(c, `/x`, {
              productId: product.id,
              lot,
              householdId: "hh-001",
              harvestedAt: "2026-10-02",
              quantity: typed,
              unit: "kg",
            }),
            { stallId: COOP },
          ),
        ),
      );
      expect((res as Response).status).toBe(302);
      expect(
        (await prisma.batch.findFirstOrThrow({ where: { productId: product.id, lot } })).quantity,
      ).toBe(stored);
    }
    const bad = (await createBatch(
      ctx(
        post(c, `/x`, {
          productId: product.id,
          lot: uniq("Q"),
          householdId: "hh-001",
          harvestedAt: "2026-10-02",
          quantity: "12,5,1",
        }),
        { stallId: COOP },
      ),
    )) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(bad.data.result.error.quantity).toEqual(["batches.error.quantity"]);
  });

  it("refuses a duplicate lot for the same product", async () => {
    const { batch, product } = await makeBatch();
    const c = await client(MANAGER);
    const res = (await createBatch(
      ctx(
        post(c, `/console/stalls/${COOP}/batches/new`, {
          productId: product.id,
          lot: batch.lot,
          harvestedAt: "2026-10-01",
          quantity: "3",
          householdId: "hh-001",
        }),
        { stallId: COOP },
      ),
    )) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(res.data.result.error.lot).toEqual(["batches.error.lotTaken"]);
  });

  it("issues numbered unit serials for cooperatives, and marks delivery", async () => {
    const { batch } = await makeBatch({ serials: 2 });
    const c = await client(MANAGER);
    const res = await settle(() =>
      batchAction(
        ctx(post(c, `/x`, { _action: "issue", count: "3" }), { stallId: COOP, batchId: batch.id }),
      ),
    );
    expect((res as Response).status).toBe(302);
    const serials = (
      await prisma.serialUnit.findMany({ where: { batchId: batch.id }, orderBy: { serial: "asc" } })
    ).map((s) => s.serial);
    // numbered after the existing ones, each with an unguessable random tail
    expect(serials.slice(0, 2)).toEqual(["U00001", "U00002"]);
    expect(serials.slice(2)).toEqual([
      expect.stringMatching(/^U00003-[2-9A-HJ-NP-Z]{6}$/),
      expect.stringMatching(/^U00004-/),
      expect.stringMatching(/^U00005-/),
    ]);
    expect(new Set(serials.slice(2).map((s) => s.slice(-6))).size).toBe(3);
    // the seller may type just the printed running number
    await settle(() =>
      batchAction(
        ctx(post(c, `/x`, { _action: "deliver", serial: "u00004" }), {
          stallId: COOP,
          batchId: batch.id,
        }),
      ),
    );
    const unit = await prisma.serialUnit.findFirstOrThrow({
      where: { batchId: batch.id, serial: serials[3] },
    });
    expect(unit.status).toBe("DELIVERED");
    expect(unit.deliveredAt).toBeTruthy();
    const page = (await batchPage(ctx(get(c, `/x`), { stallId: COOP, batchId: batch.id }))) as {
      serials: Record<string, number>;
      uri: string;
    };
    expect(page.serials.DELIVERED).toBe(1);
    expect(page.uri).toContain(`/10/`);
  });

  it("marks a whole delivery of unit serials by running numbers, leaving voided and already delivered ones alone", async () => {
    const { batch } = await makeBatch({ serials: 6 });
    const c = await client(MANAGER);
    const early = new Date("2026-10-01T00:00:00Z");
    await prisma.serialUnit.updateMany({
      where: { batchId: batch.id, serial: "U00002" },
      data: { status: "DELIVERED", deliveredAt: early },
    });
    await prisma.serialUnit.updateMany({
      where: { batchId: batch.id, serial: "U00003" },
      data: { status: "VOID" },
    });
    const res = (await settle(() =>
      batchAction(
        ctx(post(c, `/x`, { _action: "deliverRange", from: "2", to: "5" }), {
          stallId: COOP,
          batchId: batch.id,
        }),
      ),
    )) as Response;
    expect(res.headers.get("Location")).toContain("deliveredCount=2");
    const units = Object.fromEntries(
      (await prisma.serialUnit.findMany({ where: { batchId: batch.id } })).map((u) => [
        u.serial,
        u,
      ]),
    );
    expect(units.U00001.status).toBe("LABELLED");
    expect(units.U00002.deliveredAt).toEqual(early); // its delivery clock is not reset
    expect(units.U00003.status).toBe("VOID");
    expect([units.U00004.status, units.U00005.status, units.U00006.status]).toEqual([
      "DELIVERED",
      "DELIVERED",
      "LABELLED",
    ]);
    for (const [from, to] of [
      ["5", "2"],
      ["0", "3"],
      ["1", "900"],
    ]) {
      const bad = (await settle(() =>
        batchAction(
          ctx(post(c, `/x`, { _action: "deliverRange", from, to }), {
            stallId: COOP,
            batchId: batch.id,
          }),
        ),
      )) as unknown as { data: { error: string }; init: { status: number } };
      expect([from, to, bad.init.status, bad.data.error]).toEqual([
        from,
        to,
        400,
        "batches.error.range",
      ]);
    }
  });

  it("keeps the printed codes working: /t/ code never changes, product/pack/lot lock once labels are printed", async () => {
    const { batch, gtin, product, variant } = await makeBatch();
    const c = await client(MANAGER);
    const edit = (lot: string, notes: string) =>
      settle(() =>
        batchAction(
          ctx(
            post(c, `/x`, {
              productId: product.id,
              variantId: variant.id,
              lot,
              householdId: "hh-001",
              plotId: "hh-001-plot-1",
              harvestedAt: "2026-10-01",
              quantity: "42",
              unit: "kg",
              notes,
            }),
            { stallId: COOP, batchId: batch.id },
          ),
        ),
      ) as Promise<Response & { data?: { result: { error: Record<string, string[]> } } }>;
    // before any label exists a typo in the lot can still be fixed
    const fixedLot = `${batch.lot.replace("/", "-")}B`;
    expect((await edit(fixedLot, "sửa số lô")).status).toBe(302);
    const before = (await batchPage(ctx(get(c, `/x`), { stallId: COOP, batchId: batch.id }))) as {
      uri: string;
      locked: boolean;
      batch: { code: string };
    };
    expect(before.locked).toBe(false);
    expect(before.batch.code).toBe(batch.code); // the short code survives edits
    expect(before.uri).toBe(`http://localhost:3000/01/${gtin}/10/${fixedLot}`);
    // print a sheet: the Digital Link on it is now out in the world
    await labels(
      ctx(get(c, `/x?format=svg&size=30x30&count=1`), { stallId: COOP, batchId: batch.id }),
    );
    expect(
      await prisma.auditLog.count({
        where: { entity: "Batch", entityId: batch.id, action: "batch.labels" },
      }),
    ).toBe(1);
    const after = (await batchPage(ctx(get(c, `/x`), { stallId: COOP, batchId: batch.id }))) as {
      locked: boolean;
    };
    expect(after.locked).toBe(true);
    const refused = (await edit("OTHER-LOT", "đổi lô")) as unknown as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error.lot).toEqual(["batches.error.locked"]);
    expect((await prisma.batch.findUniqueOrThrow({ where: { id: batch.id } })).lot).toBe(fixedLot);
    // the rest of the story stays editable
    expect((await edit(fixedLot, "thêm ghi chú")).status).toBe(302);
    const saved = await prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(saved).toMatchObject({ notes: "thêm ghi chú", lot: fixedLot, code: batch.code });
  });

  it("prints unit labels from a given running number (batches with more units than one run)", async () => {
    const { batch } = await makeBatch({ gtin: false, serials: 4 });
    const c = await client(MANAGER);
    const res = (await labels(
      ctx(get(c, `/x?format=svg&size=50x30&kind=serial&from=3&count=5`), {
        stallId: COOP,
        batchId: batch.id,
      }),
    )) as Response;
    const svg = await res.text();
    expect(await decodeFromSheet(svg, "50x30", 0)).toBe(
      `http://localhost:3000/t/${batch.code}/U00003`,
    );
    expect(await decodeFromSheet(svg, "50x30", 1)).toBe(
      `http://localhost:3000/t/${batch.code}/U00004`,
    );
    expect(svg).not.toContain("U00002");
    expect(
      (
        (await labels(
          ctx(get(c, `/x?format=svg&kind=serial&from=0`), { stallId: COOP, batchId: batch.id }),
        )) as Response
      ).status,
    ).toBe(400);
  });

  it("every batch, label, QR, photo and codes route refuses strangers (anonymous, buyer, member household, officer) and forged forms", async () => {
    const { batch } = await makeBatch({ serials: 1 });
    const unit = await prisma.serialUnit.findFirstOrThrow({ where: { batchId: batch.id } });
    const p = { stallId: COOP, batchId: batch.id };
    const routes: [string, (r: Request) => Promise<unknown>][] = [
      ["list", (r) => batchList(ctx(r, p))],
      ["new form", (r) => newBatch(ctx(r, p))],
      ["batch page", (r) => batchPage(ctx(r, p))],
      ["labels", (r) => labels(ctx(r, p))],
      ["qr", (r) => qrImage(ctx(r, p))],
      ["codes", (r) => codes(ctx(r, p))],
    ];
    const actions: [string, (r: Request) => Promise<unknown>, Record<string, string>][] = [
      [
        "create",
        (r) => createBatch(ctx(r, p)),
        {
          productId: "prod-001",
          lot: uniq("X"),
          harvestedAt: "2026-01-01",
          quantity: "1",
          householdId: "hh-001",
        },
      ],
      ["issue", (r) => batchAction(ctx(r, p)), { _action: "issue", count: "2" }],
      ["deliver", (r) => batchAction(ctx(r, p)), { _action: "deliver", serial: unit.serial }],
      [
        "deliver range",
        (r) => batchAction(ctx(r, p)),
        { _action: "deliverRange", from: "1", to: "5" },
      ],
      ["photo remove", (r) => batchPhotos(ctx(r, p)), { _action: "remove", photoId: "x" }],
      ["void", (r) => codesAction(ctx(r, p)), { serialId: unit.id }],
    ];
    const strangers = [
      null,
      await client("0912000001"),
      await client(HOUSEHOLD),
      await client("0912000004"),
    ];
    for (const who of strangers) {
      const expected = who ? 403 : 302; // anonymous people are sent to log in
      for (const [name, run] of routes)
        expect([name, ((await settle(() => run(get(who, `/x`)))) as Response).status]).toEqual([
          name,
          expected,
        ]);
      for (const [name, run, fields] of actions)
        expect([
          name,
          ((await settle(() => run(post(who, `/x`, fields)))) as Response).status,
        ]).toEqual([name, expected]);
    }
    // the manager without a CSRF token (a forged cross-site form) is refused too
    const manager = await client(MANAGER);
    for (const [name, run, fields] of actions) {
      const res = (await settle(() =>
        run(post(manager, `/x`, fields, { csrf: false })),
      )) as unknown as { init?: { status: number }; status?: number; headers?: Headers };
      const status = res.init?.status ?? res.status;
      // the multipart photo route answers with a redirect carrying the error
      if (name === "photo remove")
        expect((res as Response).headers.get("Location")).toContain("photoError=form.csrf");
      else expect([name, status]).toEqual([name, 403]);
    }
    expect(await prisma.serialUnit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({
      status: "LABELLED",
      deliveredAt: null,
    });
    expect(await prisma.serialUnit.count({ where: { batchId: batch.id } })).toBe(1);
  });

  it("refuses other sellers on every batch loader and action", async () => {
    const { batch } = await makeBatch();
    const hh = await client(HOUSEHOLD);
    const officer = await client("0912000004");
    for (const c of [hh, officer]) {
      const a = await settle(() =>
        batchPage(ctx(get(c, `/x`), { stallId: COOP, batchId: batch.id })),
      );
      expect([403]).toContain((a as Response).status);
      const b = await settle(() =>
        batchAction(
          ctx(post(c, `/x`, { _action: "issue", count: "3" }), {
            stallId: COOP,
            batchId: batch.id,
          }),
        ),
      );
      expect((b as Response).status).toBe(403);
      const d = await settle(() =>
        createBatch(
          ctx(
            post(c, `/x`, {
              productId: "prod-001",
              lot: "X1",
              harvestedAt: "2026-01-01",
              quantity: "1",
            }),
            { stallId: COOP },
          ),
        ),
      );
      expect((d as Response).status).toBe(403);
    }
    // the household's own stall cannot reach the coop's batch either
    const own = await settle(() =>
      batchPage(ctx(get(hh, `/x`), { stallId: "stall-hh-001", batchId: batch.id })),
    );
    expect((own as Response).status).toBe(403);
    expect(await prisma.serialUnit.count({ where: { batchId: batch.id } })).toBe(0);
  });

  it("adds lot photos that the provenance page shows first; refuses non-images and strangers", async () => {
    const { batch } = await makeBatch();
    const c = await client(MANAGER);
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: "#3f7a2c" },
    })
      .png()
      .toBuffer();
    const res = (await settle(() =>
      batchPhotos(
        ctx(
          post(c, `/x`, {
            photo: new File([new Uint8Array(png)], "hai-che.png", { type: "image/png" }),
          }),
          { stallId: COOP, batchId: batch.id },
        ),
      ),
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("?photo=1");
    const photo = await prisma.photo.findFirstOrThrow({ where: { batchId: batch.id } });
    const page = (await tracePage(
      ctx(
        get(null, `/t/${batch.code}`, {
          "User-Agent": "Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile",
        }),
        { "*": batch.code },
      ),
    )) as unknown as { data: { p: { photos: { hash: string }[] } } };
    expect(page.data.p.photos[0].hash).toBe(photo.hash);
    const bad = (await settle(() =>
      batchPhotos(
        ctx(
          post(c, `/x`, {
            photo: new File([new TextEncoder().encode("not an image")], "x.jpg", {
              type: "image/jpeg",
            }),
          }),
          { stallId: COOP, batchId: batch.id },
        ),
      ),
    )) as Response;
    expect(bad.headers.get("Location")).toContain("photoError=photo.notImage");
    const hh = await client(HOUSEHOLD);
    const foreign = (await settle(() =>
      batchPhotos(
        ctx(
          post(hh, `/x`, {
            photo: new File([new Uint8Array(png)], "x.png", { type: "image/png" }),
          }),
          { stallId: COOP, batchId: batch.id },
        ),
      ),
    )) as Response;
    expect(foreign.status).toBe(403);
    expect(await prisma.photo.count({ where: { batchId: batch.id } })).toBe(1);
  });

  it("serves the batch's QR alone as PNG and SVG, decoding to its URI", async () => {
    const { batch, gtin } = await makeBatch({ serials: 1 });
    const c = await client(MANAGER);
    const png = (await qrImage(
      ctx(get(c, `/x?format=png&serial=U00001`), { stallId: COOP, batchId: batch.id }),
    )) as Response;
    expect(png.headers.get("Content-Type")).toBe("image/png");
    const { data, info } = await sharp(Buffer.from(await png.arrayBuffer()))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(
      jsQR(
        new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
        info.width,
        info.height,
      )?.data,
    ).toBe(`http://localhost:3000/01/${gtin}/10/${encodeAiValue(batch.lot)}/21/U00001`);
    const svg = (await qrImage(
      ctx(get(c, `/x?format=svg`), { stallId: COOP, batchId: batch.id }),
    )) as Response;
    expect(await svg.text()).toContain("<svg");
    const hh = await client(HOUSEHOLD);
    expect(
      (
        (await settle(() =>
          qrImage(ctx(get(hh, `/x`), { stallId: COOP, batchId: batch.id })),
        )) as Response
      ).status,
    ).toBe(403);
  });

  it("a household's own stall: the producer is always the household, short links, no unit serials", async () => {
    const hh = await client(HOUSEHOLD);
    const lot = uniq("H");
    const res = await settle(() =>
      createBatch(
        ctx(
          post(hh, `/x`, {
            productId: "prod-141",
            lot,
            householdId: "hh-002",
            harvestedAt: "2026-09-01",
            quantity: "12",
            "steps[0].kind": "HARVEST",
            "steps[0].at": "2026-09-01T07:00",
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    expect((res as Response).status).toBe(302);
    const batch = await prisma.batch.findFirstOrThrow({ where: { productId: "prod-141", lot } });
    expect(batch.householdId).toBe("hh-001"); // a household cannot claim another's harvest
    const page = (await batchPage(
      ctx(get(hh, `/x`), { stallId: "stall-hh-001", batchId: batch.id }),
    )) as { uri: string; coop: boolean };
    expect(page.uri).toBe(`http://localhost:3000/t/${batch.code}`);
    expect(page.coop).toBe(false);
    const issue = (await settle(() =>
      batchAction(
        ctx(post(hh, `/x`, { _action: "issue", count: "2" }), {
          stallId: "stall-hh-001",
          batchId: batch.id,
        }),
      ),
    )) as unknown as { init: { status: number } };
    expect(issue.init.status).toBe(403);
    expect(await prisma.serialUnit.count({ where: { batchId: batch.id } })).toBe(0);
  });
});
