import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loader as consoleHome } from "~/routes/console._index";
import {
  action as editProduct,
  loader as productLoader,
} from "~/routes/console.products.$productId";
import { action as photos } from "~/routes/console.products.$productId_.photos";
import {
  action as newProduct,
  loader as newProductLoader,
} from "~/routes/console.stalls.$stallId.products.new";
import { loader as productList } from "~/routes/console.stalls.$stallId.products._index";
import { auditLabel } from "~/components/audit-history";
import { translator } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { uploadsDir } from "~/utils/env.server";
import { client, get, post, settle } from "../helpers/http";
import { exifHasGps, fixture, uid } from "../helpers/seller";

const HH1 = "0912000002"; // household hh-001, stall-hh-001, member of coop-hao-dat
const HH2 = "0913000002"; // household hh-002, stall-hh-002
const MANAGER = "0912000003"; // manager of coop-hao-dat
const args = (request: Request, params: Record<string, string>) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const body = <T>(r: unknown) => (r as { data: T }).data;

async function outboxFor(productId: string) {
  return prisma.outbox.count({ where: { topic: "search.product", key: productId } });
}

describe("products: create, draft, publish", () => {
  it("saves a draft with only a name, and queues a search sync", async () => {
    const c = await client(HH1);
    const name = `Chè nháp ${uid()}`;
    const res = await settle(() =>
      newProduct(
        args(post(c, "/console/stalls/stall-hh-001/products/new", { name, intent: "draft" }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    expect(res).toBeInstanceOf(Response);
    const p = await prisma.product.findFirstOrThrow({ where: { name } });
    expect((res as Response).headers.get("Location")).toBe(`/console/products/${p.id}?saved=draft`);
    expect(p).toMatchObject({ status: "DRAFT", stallId: "stall-hh-001", householdId: "hh-001" });
    expect(await outboxFor(p.id)).toBe(1);
  });

  it("refuses to publish an incomplete product, with translated keys and nothing written", async () => {
    const c = await client(HH1);
    const name = `Chè thiếu ${uid()}`;
    const res = await settle(() =>
      newProduct(
        args(post(c, "/x", { name, intent: "publish", "variants[0].label": "Túi 200 g" }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    expect(status(res)).toBe(400);
    const errors = body<{ result: { error: Record<string, string[]> } }>(res).result.error;
    expect(errors.categoryId).toEqual(["listing.categoryRequired"]);
    expect(errors.description).toEqual(["listing.descriptionRequired"]);
    expect(errors["variants[0].price"]).toEqual(["listing.priceRequired"]);
    expect(await prisma.product.count({ where: { name } })).toBe(0);
  });

  it("publishes with a phone photo: prices like 250k, GTIN normalised, no EXIF or GPS in any stored file", async () => {
    const c = await client(HH1);
    const name = `Chè búp ${uid()}`;
    const res = await settle(() =>
      newProduct(
        args(
          post(c, "/x", {
            name,
            intent: "publish",
            categoryId: "cat-che",
            description: "Chè búp Tân Cương hái sáng sớm, sao tay.",
            "variants[0].label": "Túi 200 g",
            "variants[0].price": "250k",
            "variants[0].stock": "12",
            "variants[0].gtin": "8938500000011".slice(0, 12) + "",
            "variants[1].label": "Hộp 500 g",
            "variants[1].price": "550.000",
            "variants[1].stock": "3",
            photo: fixture("phone-gps.jpg"),
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    // the GTIN above has no check digit: a translated field error, the product is not written
    expect(status(res)).toBe(400);
    expect(
      body<{ result: { error: Record<string, string[]> } }>(res).result.error["variants[0].gtin"],
    ).toEqual(["listing.gtinInvalid"]);

    const { makeGtin13 } = await import("~/domain/gs1");
    const gtin = makeGtin13(`89385${String(Date.now()).slice(-7)}`);
    const ok = await settle(() =>
      newProduct(
        args(
          post(c, "/x", {
            name,
            intent: "publish",
            categoryId: "cat-che",
            description: "Chè búp Tân Cương hái sáng sớm, sao tay.",
            "variants[0].label": "Túi 200 g",
            "variants[0].price": "250k",
            "variants[0].stock": "12",
            "variants[0].gtin": gtin,
            "variants[1].label": "Hộp 500 g",
            "variants[1].price": "550.000",
            "variants[1].stock": "3",
            photo: fixture("phone-gps.jpg"),
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    expect(status(ok)).toBe(302);
    const p = await prisma.product.findFirstOrThrow({
      where: { name },
      include: { variants: { orderBy: { position: "asc" } }, photos: true },
    });
    expect(p.status).toBe("ACTIVE");
    expect(p.publishedAt).not.toBeNull();
    expect(p.variants.map((v) => [v.label, v.priceVnd, v.stock, v.gtin])).toEqual([
      ["Túi 200 g", 250000, 12, "0" + gtin],
      ["Hộp 500 g", 550000, 3, null],
    ]);
    expect(p.photos).toHaveLength(1);
    // the phone held it sideways (EXIF orientation 6): stored upright
    expect([p.photos[0].width, p.photos[0].height]).toEqual([900, 1200]);
    const dir = path.join(uploadsDir, p.photos[0].hash);
    const files = await fs.readdir(dir);
    expect(files).toHaveLength(12);
    for (const f of files) {
      const meta = await sharp(path.join(dir, f)).metadata();
      expect(meta.exif, f).toBeUndefined();
      expect(exifHasGps(meta.exif)).toBe(false);
      expect(meta.orientation ?? 1).toBe(1);
    }
    // sanity: the fixture itself does carry GPS
    expect(
      exifHasGps(
        (await sharp(Buffer.from(await fixture("phone-gps.jpg").arrayBuffer())).metadata()).exif,
      ),
    ).toBe(true);
    expect(await outboxFor(p.id)).toBe(1);
  });

  it("lists the stall's products and edits one: variant removed stays for history but stops selling", async () => {
    const c = await client(HH1);
    const list = (await productList(
      args(get(c, "/console/stalls/stall-hh-001/products"), { stallId: "stall-hh-001" }),
    )) as { products: { id: string }[] };
    expect(list.products.length).toBeGreaterThan(0);
    const name = `Mật ong ${uid()}`;
    await settle(() =>
      newProduct(
        args(
          post(c, "/x", {
            name,
            intent: "draft",
            "variants[0].label": "Chai 500 ml",
            "variants[0].price": "180000",
            "variants[1].label": "Chai 1 l",
            "variants[1].price": "320000",
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    const p = await prisma.product.findFirstOrThrow({
      where: { name },
      include: { variants: true },
    });
    const keep = p.variants.find((v) => v.label === "Chai 500 ml")!;
    const before = await outboxFor(p.id);
    const res = await settle(() =>
      editProduct(
        args(
          post(c, `/console/products/${p.id}`, {
            name: `${name} rừng`,
            intent: "draft",
            "variants[0].id": keep.id,
            "variants[0].label": "Chai 500 ml",
            "variants[0].price": "190.000",
            "variants[0].stock": "7",
          }),
          { productId: p.id },
        ),
      ),
    );
    expect(status(res)).toBe(302);
    const after = await prisma.variant.findMany({
      where: { productId: p.id },
      orderBy: { position: "asc" },
    });
    expect(after.find((v) => v.id === keep.id)).toMatchObject({
      priceVnd: 190000,
      stock: 7,
      active: true,
    });
    expect(after.find((v) => v.label === "Chai 1 l")).toMatchObject({ active: false });
    expect(await outboxFor(p.id)).toBe(before + 1);
    const data = (await productLoader(
      args(get(c, `/console/products/${p.id}`), { productId: p.id }),
    )) as { defaults: { name: string; variants: { price: string }[] } };
    expect(data.defaults.name).toBe(`${name} rừng`);
    expect(data.defaults.variants.map((v) => v.price)).toEqual(["190.000"]);
  });

  it("saving the form does not undo sales made while it was open (stock is kept, or moved by what the seller changed)", async () => {
    const c = await client(HH1);
    const name = `Chè tồn kho ${uid()}`;
    await settle(() =>
      newProduct(
        args(
          post(c, "/x", {
            name,
            intent: "draft",
            "variants[0].label": "Túi 100 g",
            "variants[0].price": "90000",
            "variants[0].stock": "10",
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    const p = await prisma.product.findFirstOrThrow({
      where: { name },
      include: { variants: true },
    });
    const v = p.variants[0];
    expect(v.stock).toBe(10);
    // the seller opens the form...
    const form = (await productLoader(
      args(get(c, `/console/products/${p.id}`), { productId: p.id }),
    )) as { defaults: { variants: Record<string, string>[] } };
    const row = form.defaults.variants[0];
    expect(row).toMatchObject({ stock: "10", stockBase: "10" });
    // ...two bags sell meanwhile...
    await prisma.variant.update({ where: { id: v.id }, data: { stock: { decrement: 2 } } });
    // ...and the seller only fixes the description
    const fields = (stock: string) => ({
      name,
      intent: "draft",
      description: "Sửa mô tả",
      "variants[0].id": row.id,
      "variants[0].label": row.label,
      "variants[0].price": row.price,
      "variants[0].stock": stock,
      "variants[0].stockBase": row.stockBase,
    });
    await settle(() => editProduct(args(post(c, "/x", fields("10")), { productId: p.id })));
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: v.id } })).stock).toBe(8);
    // counting in five more bags from the same (stale) form adds five to what is left
    await settle(() => editProduct(args(post(c, "/x", fields("15")), { productId: p.id })));
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: v.id } })).stock).toBe(13);
  });

  it("hides, refuses to re-publish without a photo, and soft deletes (kept for order history)", async () => {
    const c = await client(HH1);
    const name = `Na ${uid()}`;
    await settle(() =>
      newProduct(args(post(c, "/x", { name, intent: "draft" }), { stallId: "stall-hh-001" })),
    );
    const p = await prisma.product.findFirstOrThrow({ where: { name } });
    const show = await settle(() =>
      editProduct(args(post(c, "/x", { _action: "show" }), { productId: p.id })),
    );
    expect(status(show)).toBe(400);
    expect(body<{ problems: string[] }>(show).problems).toContain("listing.photoRequired");
    const del = await settle(() =>
      editProduct(args(post(c, "/x", { _action: "delete" }), { productId: p.id })),
    );
    expect(status(del)).toBe(302);
    expect(
      (await prisma.product.findUniqueOrThrow({ where: { id: p.id } })).deletedAt,
    ).not.toBeNull();
    // a deleted product is gone from the console
    expect(status(await settle(() => productLoader(args(get(c, "/x"), { productId: p.id }))))).toBe(
      404,
    );
  });
});

describe("certificates attached to a product", () => {
  it("attaches the stall's own certificates (search is told), detaches them, and ignores another stall's", async () => {
    const c = await client(HH1);
    const cert = (stallId: string) =>
      prisma.certification.create({
        data: {
          kind: "VIETGAP",
          issuer: "Trung tâm (test)",
          number: `VG-${uid()}`,
          issuedAt: new Date(Date.now() - 86_400_000),
          expiresAt: new Date(Date.now() + 300 * 86_400_000),
          stallId,
        },
      });
    const mine = await cert("stall-hh-001");
    const theirs = await cert("stall-hh-002");
    const name = `Chè có chứng nhận ${uid()}`;
    await settle(() =>
      newProduct(
        args(post(c, "/x", { name, intent: "draft", certificationIds: [mine.id, theirs.id] }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    const p = await prisma.product.findFirstOrThrow({ where: { name } });
    expect(
      (await prisma.certification.findUniqueOrThrow({ where: { id: mine.id } })).productId,
    ).toBe(p.id);
    expect(
      (await prisma.certification.findUniqueOrThrow({ where: { id: theirs.id } })).productId,
    ).toBeNull();
    const page = (await productLoader(
      args(get(c, `/console/products/${p.id}`), { productId: p.id }),
    )) as { defaults: { certificationIds: string[] }; options: { certificates: { id: string }[] } };
    expect(page.defaults.certificationIds).toEqual([mine.id]);
    expect(page.options.certificates.map((x) => x.id)).not.toContain(theirs.id);
    const before = await outboxFor(p.id);
    await settle(() =>
      editProduct(args(post(c, "/x", { name, intent: "draft" }), { productId: p.id })),
    );
    expect(
      (await prisma.certification.findUniqueOrThrow({ where: { id: mine.id } })).productId,
    ).toBeNull();
    expect(await outboxFor(p.id)).toBe(before + 1);
  });
});

describe("ownership: a household cannot touch another household's goods", () => {
  it("403 on another household's product page, edit, hide, delete and photos; nothing changes", async () => {
    const other = await client(HH2);
    const snapshot = async (id: string) =>
      JSON.stringify(
        await prisma.product.findUniqueOrThrow({
          where: { id },
          include: { variants: { orderBy: { id: "asc" } }, photos: true },
        }),
      );
    const p = await prisma.product.findFirstOrThrow({
      where: { stallId: "stall-hh-001", deletedAt: null, status: "ACTIVE" },
    });
    const before = await snapshot(p.id);
    const outbox = await outboxFor(p.id);
    expect(
      status(
        await settle(() =>
          productLoader(args(get(other, `/console/products/${p.id}`), { productId: p.id })),
        ),
      ),
    ).toBe(403);
    const attempts: Record<string, string>[] = [
      { name: "Hàng giả", intent: "draft" },
      {
        name: "Hàng giả",
        intent: "publish",
        categoryId: "cat-che",
        description: "mô tả đủ dài để đăng",
        "variants[0].label": "x",
        "variants[0].price": "1000",
      },
      { _action: "hide" },
      { _action: "delete" },
    ];
    for (const fields of attempts) {
      expect(
        status(
          await settle(() =>
            editProduct(
              args(post(other, `/console/products/${p.id}`, fields), { productId: p.id }),
            ),
          ),
        ),
      ).toBe(403);
    }
    expect(
      status(
        await settle(() =>
          photos(args(post(other, `/x`, { photo: fixture("phone-gps.jpg") }), { productId: p.id })),
        ),
      ),
    ).toBe(403);
    const ph = await prisma.photo.findFirst({ where: { productId: p.id } });
    if (ph)
      expect(
        status(
          await settle(() =>
            photos(
              args(post(other, `/x`, { _action: "remove", photoId: ph.id }), { productId: p.id }),
            ),
          ),
        ),
      ).toBe(403);
    expect(await snapshot(p.id)).toBe(before);
    expect(await outboxFor(p.id)).toBe(outbox);
  });

  it("403 creating a product on another household's stall, and for buyers and officers", async () => {
    for (const phone of [HH2, "0912000001", "0912000004"]) {
      const c = await client(phone);
      const name = `Xâm nhập ${uid()}`;
      expect(
        status(
          await settle(() =>
            newProduct(args(post(c, "/x", { name, intent: "draft" }), { stallId: "stall-hh-001" })),
          ),
        ),
      ).toBe(403);
      expect(
        status(
          await settle(() => newProductLoader(args(get(c, "/x"), { stallId: "stall-hh-001" }))),
        ),
      ).toBe(403);
      expect(await prisma.product.count({ where: { name } })).toBe(0);
    }
  });

  it("a manager cannot touch another cooperative's stall; without a session it is a login redirect", async () => {
    const m = await client(MANAGER);
    expect(
      status(
        await settle(() =>
          newProduct(
            args(post(m, "/x", { name: "x", intent: "draft" }), { stallId: "stall-coop-la-bang" }),
          ),
        ),
      ),
    ).toBe(403);
    expect(
      status(
        await settle(() =>
          newProduct(
            args(post(m, "/x", { name: "x", intent: "draft" }), { stallId: "stall-hh-001" }),
          ),
        ),
      ),
    ).toBe(403);
    const anon = await client();
    const r = await settle(() =>
      newProductLoader(
        args(get(anon, "/console/stalls/stall-hh-001/products/new"), { stallId: "stall-hh-001" }),
      ),
    );
    expect(status(r)).toBe(302);
  });

  it("a form without the CSRF token is refused", async () => {
    const c = await client(HH1);
    const name = `CSRF ${uid()}`;
    const res = await settle(() =>
      newProduct(
        args(post(c, "/x", { name, intent: "draft" }, { csrf: false }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    expect(status(res)).toBe(403);
    expect(await prisma.product.count({ where: { name } })).toBe(0);
  });
});

describe("cooperative manager acting for a member household", () => {
  it("creates on the coop stall for a member, audited as 'by manager X for household Y'", async () => {
    const m = await client(MANAGER);
    const name = `Chè HTX ${uid()}`;
    const res = await settle(() =>
      newProduct(
        args(post(m, "/x", { name, intent: "draft", householdId: "hh-003" }), {
          stallId: "stall-coop-hao-dat",
        }),
      ),
    );
    expect(status(res)).toBe(302);
    const p = await prisma.product.findFirstOrThrow({ where: { name } });
    expect(p.householdId).toBe("hh-003");
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { entity: "Product", entityId: p.id, action: "product.create" },
    });
    expect(log).toMatchObject({ actorId: m.userId, onBehalfOfId: "hh-003" });
  });

  it("the product's history shows 'by manager X for household Y', and the household's own edit without it", async () => {
    const m = await client(MANAGER);
    const name = `Chè HTX lịch sử ${uid()}`;
    await settle(() =>
      newProduct(
        args(post(m, "/x", { name, intent: "draft", householdId: "hh-001" }), {
          stallId: "stall-coop-hao-dat",
        }),
      ),
    );
    const p = await prisma.product.findFirstOrThrow({ where: { name } });
    await settle(() =>
      editProduct(
        args(
          post(m, "/x", { name, intent: "draft", householdId: "hh-001", description: "Sửa mô tả" }),
          { productId: p.id },
        ),
      ),
    );
    const manager = await prisma.user.findUniqueOrThrow({ where: { id: m.userId! } });
    const household = await prisma.household.findUniqueOrThrow({ where: { id: "hh-001" } });
    const page = (await productLoader(
      args(get(m, `/console/products/${p.id}`), { productId: p.id }),
    )) as { history: { action: string; actor: string; onBehalfOf: string | null }[] };
    expect(page.history.map((h) => h.action)).toEqual(["product.create", "product.update"]);
    for (const h of page.history)
      expect(h).toMatchObject({ actor: manager.name, onBehalfOf: household.name });
    // what the page prints, in Vietnamese
    const t = translator("vi");
    expect(t("history.onBehalf", { actor: manager.name, household: household.name })).toBe(
      `bởi ${manager.name} thay mặt ${household.name}`,
    );
    expect(auditLabel(t, "product.update")).toBe("Sửa sản phẩm");
    expect(auditLabel(t, "something.new")).toBe("something.new");

    // a household editing its own product: no "on behalf of"
    const own = await client(HH1);
    const mine = `Chè nhà ${uid()}`;
    await settle(() =>
      newProduct(
        args(post(own, "/x", { name: mine, intent: "draft" }), { stallId: "stall-hh-001" }),
      ),
    );
    const q = await prisma.product.findFirstOrThrow({ where: { name: mine } });
    const ownPage = (await productLoader(
      args(get(own, `/console/products/${q.id}`), { productId: q.id }),
    )) as { history: { onBehalfOf: string | null }[] };
    expect(ownPage.history).toHaveLength(1);
    expect(ownPage.history[0].onBehalfOf).toBeNull();
  });

  it("the member household sees, on its console home, the products its cooperative sells for it and what the manager changed", async () => {
    const m = await client(MANAGER);
    const name = `Chè HTX bán giúp ${uid()}`;
    await settle(() =>
      newProduct(
        args(post(m, "/x", { name, intent: "draft", householdId: "hh-001" }), {
          stallId: "stall-coop-hao-dat",
        }),
      ),
    );
    const own = await client(HH1);
    const home = (await consoleHome(args(get(own, "/console"), {}))) as {
      coopProducts: { name: string; stall: string }[];
      doneForUs: { action: string; subject: string | null; onBehalfOf: string | null }[];
    };
    expect(home.coopProducts.map((p) => p.name)).toContain(name);
    expect(home.doneForUs).toContainEqual(
      expect.objectContaining({ action: "product.create", subject: name }),
    );
    // another household sees none of it
    const other = await client(HH2);
    const theirs = (await consoleHome(args(get(other, "/console"), {}))) as {
      coopProducts: { name: string }[];
      doneForUs: { subject: string | null }[];
    };
    expect(theirs.coopProducts.map((p) => p.name)).not.toContain(name);
    expect(theirs.doneForUs.map((h) => h.subject)).not.toContain(name);
  });

  it("the cooperative's product list filters by name and by producing household", async () => {
    const m = await client(MANAGER);
    const tag = uid("loc");
    for (const householdId of ["hh-002", "hh-003"])
      await settle(() =>
        newProduct(
          args(post(m, "/x", { name: `Chè ${tag} ${householdId}`, intent: "draft", householdId }), {
            stallId: "stall-coop-hao-dat",
          }),
        ),
      );
    type List = {
      products: { name: string; producer: string | null }[];
      producers: { id: string }[];
    };
    const list = (query: string) =>
      productList(
        args(get(m, `/console/stalls/stall-coop-hao-dat/products?${query}`), {
          stallId: "stall-coop-hao-dat",
        }),
      ) as Promise<List>;
    expect((await list(`q=${tag}`)).products.map((p) => p.name).sort()).toEqual([
      `Chè ${tag} hh-002`,
      `Chè ${tag} hh-003`,
    ]);
    const one = await list(`q=${tag}&producer=hh-003`);
    expect(one.products.map((p) => p.name)).toEqual([`Chè ${tag} hh-003`]);
    expect(one.producers.map((h) => h.id)).toEqual(expect.arrayContaining(["hh-002", "hh-003"]));
    expect((await list(`q=${tag}&status=ACTIVE`)).products).toHaveLength(0);
  });

  it("refuses a household that is not an active member", async () => {
    const m = await client(MANAGER);
    for (const householdId of ["hh-040", "", "hh-nope"]) {
      const name = `Chè HTX sai ${uid()}`;
      const res = await settle(() =>
        newProduct(
          args(post(m, "/x", { name, intent: "draft", householdId }), {
            stallId: "stall-coop-hao-dat",
          }),
        ),
      );
      expect(status(res)).toBe(400);
      expect(
        body<{ result: { error: Record<string, string[]> } }>(res).result.error.householdId,
      ).toEqual(["listing.producerInvalid"]);
      expect(await prisma.product.count({ where: { name } })).toBe(0);
    }
  });
});

describe("stall details", () => {
  it("saves contact, shipping and payout details, queues a stall search sync; bad input keeps what was typed", async () => {
    const { action: settings, loader: settingsLoader } =
      await import("~/routes/console.stalls.$stallId.settings");
    const c = await client("0913000004");
    const stall = await prisma.stall.findUniqueOrThrow({ where: { id: "stall-hh-004" } });
    const bad = await settle(() =>
      settings(
        args(
          post(c, "/x", {
            name: "Nhà Tư",
            communeCode: stall.communeCode,
            status: "OPEN",
            bankBin: "97040",
            bankAccount: "12ab",
          }),
          { stallId: stall.id },
        ),
      ),
    );
    expect(status(bad)).toBe(400);
    const reply = body<{
      result: { error: Record<string, string[]>; initialValue: Record<string, string> };
    }>(bad).result;
    expect(reply.error.bankBin).toEqual(["stall.bankBinInvalid"]);
    // a 6-digit code that is no NAPAS bank would save and then never show buyers a VietQR
    const notABank = await settle(() =>
      settings(
        args(
          post(c, "/x", {
            name: "Nhà Tư",
            communeCode: stall.communeCode,
            status: "OPEN",
            bankBin: "123456",
            bankAccount: "1500123456789",
          }),
          { stallId: stall.id },
        ),
      ),
    );
    expect(
      body<{ result: { error: Record<string, string[]> } }>(notABank).result.error.bankBin,
    ).toEqual(["stall.bankBinInvalid"]);
    // half a payout (bank without account) is refused too
    const half = await settle(() =>
      settings(
        args(
          post(c, "/x", {
            name: "Nhà Tư",
            communeCode: stall.communeCode,
            status: "OPEN",
            bankBin: "970405",
          }),
          { stallId: stall.id },
        ),
      ),
    );
    expect(
      body<{ result: { error: Record<string, string[]> } }>(half).result.error.bankAccount,
    ).toEqual(["stall.bankIncomplete"]);
    expect(reply.error.bankAccount).toEqual(["stall.bankAccountInvalid"]);
    expect(reply.initialValue.name).toBe("Nhà Tư");
    const before = await prisma.outbox.count({ where: { topic: "search.stall", key: stall.id } });
    const ok = await settle(() =>
      settings(
        args(
          post(c, "/x", {
            name: "Nhà Tư Tân Cương",
            story: "Ba đời làm chè.",
            communeCode: stall.communeCode,
            phone: "0913 000 004",
            status: "VACATION",
            offersPickup: "on",
            shippingFee: "25k",
            freeShippingFrom: "400.000",
            bankBin: "970405",
            bankAccount: "1500123456789",
            bankAccountName: "Nguyen Van Tu",
          }),
          { stallId: stall.id },
        ),
      ),
    );
    expect(status(ok)).toBe(302);
    expect(await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).toMatchObject({
      name: "Nhà Tư Tân Cương",
      status: "VACATION",
      phone: "+84913000004",
      shippingFeeVnd: 25000,
      freeShippingFromVnd: 400000,
      bankAccountName: "NGUYEN VAN TU",
      offersPickup: true,
    });
    expect(await prisma.outbox.count({ where: { topic: "search.stall", key: stall.id } })).toBe(
      before + 1,
    );
    // someone else's stall: 403 on read and write
    const other = await client(HH1);
    expect(
      status(await settle(() => settingsLoader(args(get(other, "/x"), { stallId: stall.id })))),
    ).toBe(403);
    expect(
      status(
        await settle(() =>
          settings(
            args(
              post(other, "/x", {
                name: "Chiếm quầy",
                communeCode: stall.communeCode,
                status: "CLOSED",
              }),
              { stallId: stall.id },
            ),
          ),
        ),
      ),
    ).toBe(403);
    expect((await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).name).toBe(
      "Nhà Tư Tân Cương",
    );
  });
});

describe("ownership matrix: every stall screen refuses people from outside the stall", () => {
  it("another household, a member household (the cooperative's stall is not its own) and another cooperative's manager get 403 everywhere; nothing changes", async () => {
    const { createOrder } = await import("../helpers/seller");
    const routes = {
      stall: await import("~/routes/console.stalls.$stallId"),
      orders: await import("~/routes/console.stalls.$stallId.orders"),
      order: await import("~/routes/console.orders.$orderId"),
      slip: await import("~/routes/console.orders.$orderId_.slip"),
      slips: await import("~/routes/console.orders.slips"),
      certs: await import("~/routes/console.stalls.$stallId.certificates"),
      settings: await import("~/routes/console.stalls.$stallId.settings"),
      stallPhotos: await import("~/routes/console.stalls.$stallId.photos"),
      csv: await import("~/routes/console.stalls.$stallId.csv"),
      csvExport: await import("~/routes/console.stalls.$stallId.products[.]csv"),
      sales: await import("~/routes/console.stalls.$stallId.sales"),
      upload: await import("~/routes/console.stalls.$stallId.products.new_.upload"),
    };
    const stallId = "stall-coop-hao-dat";
    const product = await prisma.product.findFirstOrThrow({
      where: {
        stallId,
        deletedAt: null,
        status: "ACTIVE",
        variants: { some: { active: true, stock: { gt: 3 } } },
      },
      include: { variants: { where: { active: true, stock: { gt: 3 } } } },
    });
    const order = await createOrder({ stallId, variantId: product.variants[0].id });
    const before = JSON.stringify(await prisma.stall.findUniqueOrThrow({ where: { id: stallId } }));
    const s = { stallId };
    const o = { orderId: order.id };
    for (const phone of [HH2, HH1, "0914000001" /* manager of coop-la-bang */]) {
      const c = await client(phone);
      const tries: [string, () => Promise<unknown>][] = [
        ["stall layout", () => routes.stall.loader(args(get(c, "/x"), s))],
        ["orders inbox", () => routes.orders.loader(args(get(c, "/x"), s))],
        ["order page", () => routes.order.loader(args(get(c, "/x"), o))],
        [
          "order move",
          () => routes.order.action(args(post(c, "/x", { _action: "move", to: "ACCEPTED" }), o)),
        ],
        [
          "order cash",
          () => routes.order.action(args(post(c, "/x", { _action: "confirmPayment" }), o)),
        ],
        ["slip", () => routes.slip.loader(args(get(c, "/x"), o))],
        ["certificates", () => routes.certs.loader(args(get(c, "/x"), s))],
        [
          "certificate upload",
          () => routes.certs.action(args(post(c, "/x", { kind: "VIETGAP" }), s)),
        ],
        ["settings", () => routes.settings.loader(args(get(c, "/x"), s))],
        [
          "settings save",
          () =>
            routes.settings.action(
              args(
                post(c, "/x", {
                  name: "Chiếm quầy",
                  communeCode: "05503",
                  status: "CLOSED",
                }),
                s,
              ),
            ),
        ],
        [
          "stall photo",
          () =>
            routes.stallPhotos.action(args(post(c, "/x", { photo: fixture("phone-gps.jpg") }), s)),
        ],
        ["csv page", () => routes.csv.loader(args(get(c, "/x"), s))],
        [
          "csv import",
          () =>
            routes.csv.action(
              args(
                post(c, "/x", { intent: "commit", csv: "name,variant_label,price_vnd\nx,y,1000" }),
                s,
              ),
            ),
        ],
        ["csv export", () => routes.csvExport.loader(args(get(c, "/x"), s))],
        ["sales", () => routes.sales.loader(args(get(c, "/x"), s))],
        ["product page", () => productLoader(args(get(c, "/x"), { productId: product.id }))],
        [
          "product edit",
          () =>
            editProduct(
              args(post(c, "/x", { name: "Của tôi", intent: "draft" }), { productId: product.id }),
            ),
        ],
        [
          "product hide",
          () => editProduct(args(post(c, "/x", { _action: "hide" }), { productId: product.id })),
        ],
        [
          "product photo",
          () =>
            photos(
              args(post(c, "/x", { photo: fixture("phone-gps.jpg") }), { productId: product.id }),
            ),
        ],
        [
          "new product",
          () =>
            newProduct(
              args(post(c, "/x", { name: "x", intent: "draft", householdId: "hh-003" }), s),
            ),
        ],
        [
          "new product (upload)",
          () =>
            routes.upload.action(
              args(post(c, "/x", { name: "x", intent: "draft", householdId: "hh-003" }), s),
            ),
        ],
      ];
      for (const [what, run] of tries)
        expect(status(await settle(run)), `${phone}: ${what}`).toBe(403);
      // bulk slips simply leave out what is not theirs
      expect(
        (
          (await routes.slips.loader(
            args(get(c, `/console/orders/slips?ids=${order.id}`), {}),
          )) as { slips: unknown[] }
        ).slips,
      ).toHaveLength(0);
    }
    expect(JSON.stringify(await prisma.stall.findUniqueOrThrow({ where: { id: stallId } }))).toBe(
      before,
    );
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "NEW",
      paymentStatus: "UNPAID",
    });
    expect(await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      name: product.name,
      status: "ACTIVE",
    });
    // and its own manager does get in
    const own = await client(MANAGER);
    expect(status(await settle(() => routes.settings.loader(args(get(own, "/x"), s))))).toBe(200);
  });
});
