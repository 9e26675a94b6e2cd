import { describe, expect, it } from "vitest";
import { loader as productLoader, meta as productMeta } from "~/routes/products.$slug";
import { loader as stallLoader } from "~/routes/stalls.$slug";
import { loader as coopLoader } from "~/routes/cooperatives.$slug";
import { loader as categoryLoader } from "~/routes/categories.$slug";
import { loader as mailboxLoader } from "~/routes/dev.mailbox";
import { indexName, meili } from "~/search/meili.server";
import { PRODUCTS, reindexProducts } from "~/search/products.server";
import { parseSearchParams } from "~/search/params";
import { searchProducts } from "~/search/query.server";
import { prisma } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";
import { get, settle } from "../helpers/http";

const T = `sf${Date.now().toString(36)}`;
const ctx = { context: {} };

describe("product page", () => {
  it("shows variants, OCOP stars with certificate validity, origin, producer, stall and batch links; schema.org + Open Graph", async () => {
    const cert = await prisma.certification.findFirstOrThrow({ where: { kind: "OCOP", status: "VERIFIED", expiresAt: { gt: new Date() }, productId: { not: null }, product: { status: "ACTIVE" } }, include: { product: true } });
    const slug = cert.product!.slug;
    const data = (await productLoader({ ...ctx, params: { slug }, request: get(null, `/products/${slug}`) })) as Exclude<Awaited<ReturnType<typeof productLoader>>, Response>;
    expect(data.product.ocopStars).toBe(cert.stars);
    expect(data.product.certificates.find((c) => c.id === cert.id)).toMatchObject({ number: cert.number, issuer: cert.issuer });
    expect(data.product.variants.length).toBeGreaterThan(0);
    expect(data.product.origin).toMatch(/, Thái Nguyên$/);
    expect(data.product.household?.name).toMatch(/^Hộ /);
    const ld = JSON.parse(data.jsonLd);
    expect(ld).toMatchObject({ "@type": "Product", offers: { "@type": "AggregateOffer", priceCurrency: "VND" } });
    expect(data.jsonLd).not.toContain("<");
    const meta = productMeta({ data, params: { slug }, location: { pathname: "/", search: "", hash: "", state: null, key: "" }, matches: [] } as never);
    const props = Object.fromEntries(meta.map((m) => [("property" in m ? m.property : "name" in m ? m.name : "title" in m ? "title" : "x") as string, m]));
    expect(props["og:title"]).toBeTruthy();
    expect(props["og:image"]).toBeTruthy();
    expect((props.description as { content: string }).content.length).toBeLessThanOrEqual(160);
    // expired certificates never show
    const expired = await prisma.certification.findFirst({ where: { kind: "OCOP", expiresAt: { lt: new Date() }, product: { status: "ACTIVE" } }, include: { product: true } });
    if (expired) {
      const d = (await productLoader({ ...ctx, params: { slug: expired.product!.slug }, request: get(null, "/") })) as typeof data;
      expect(d.product.certificates.map((c) => c.id)).not.toContain(expired.id);
    }
  });

  it("links each batch to its provenance page /t/{code}", async () => {
    const batch = await prisma.batch.findFirstOrThrow({ where: { product: { status: "ACTIVE", stall: { banned: false } } }, include: { product: true } });
    const data = (await productLoader({ ...ctx, params: { slug: batch.product.slug }, request: get(null, "/") })) as Exclude<Awaited<ReturnType<typeof productLoader>>, Response>;
    expect(data.product.batches.map((b) => b.code)).toContain(batch.code);
  });

  it("404 for drafts, hidden products and banned stalls", async () => {
    await makeStall(T);
    await makeProduct(`stall-${T}`, `${T}-d`, { status: "DRAFT" });
    await makeProduct(`stall-${T}`, `${T}-ok`);
    const status = async (slug: string) => ((await settle(() => productLoader({ ...ctx, params: { slug }, request: get(null, "/") }))) as Response).status;
    expect(await status(`prod-${T}-d`)).toBe(404);
    await prisma.stall.update({ where: { id: `stall-${T}` }, data: { banned: true } });
    expect(await status(`prod-${T}-ok`)).toBe(404);
    expect(((await settle(() => stallLoader({ ...ctx, params: { slug: `stall-${T}` }, request: get(null, "/") }))) as Response).status).toBe(404);
  });
});

describe("stall, cooperative and category pages", () => {
  it("list only products for sale", async () => {
    const coop = (await coopLoader({ ...ctx, params: { slug: "htx-che-hao-dat" }, request: get(null, "/") })) as Exclude<Awaited<ReturnType<typeof coopLoader>>, Response>;
    expect(coop.coop.members.length).toBeGreaterThan(0);
    expect(coop.products.length).toBeGreaterThan(0);
    const cat = (await categoryLoader({ ...ctx, params: { slug: "mat-ong" }, request: get(null, "/") })) as Exclude<Awaited<ReturnType<typeof categoryLoader>>, Response>;
    const slugs = cat.products.map((p) => p.slug);
    const drafts = await prisma.product.findMany({ where: { status: { not: "ACTIVE" }, categoryId: "cat-mat-ong" }, select: { slug: true } });
    for (const d of drafts) expect(slugs).not.toContain(d.slug);
  });
});

describe("dev mailbox", () => {
  it("lists notifications outside production", async () => {
    await prisma.notification.create({ data: { channel: "SMS", to: `+8490${T}`, body: "xin chào" } });
    const data = (await mailboxLoader({ ...ctx, params: {}, request: get(null, `/dev/mailbox?to=${T}`) })) as Awaited<ReturnType<typeof mailboxLoader>>;
    expect(data.messages.map((m) => m.body)).toEqual(["xin chào"]);
  });
});

describe("search:reindex", () => {
  it("rebuilds into a new index and swaps it in while searches keep answering", async () => {
    const searching = (async () => {
      const seen: number[] = [];
      for (let i = 0; i < 15; i++) {
        seen.push((await searchProducts(parseSearchParams(new URLSearchParams("q=che")))).total);
        await new Promise((r) => setTimeout(r, 100));
      }
      return seen;
    })();
    const count = await reindexProducts();
    const totals = await searching;
    expect(totals.every((n) => n > 0)).toBe(true); // never an empty or half-built index
    expect((await meili()!.index(indexName(PRODUCTS)).getStats()).numberOfDocuments).toBeGreaterThanOrEqual(count - 5);
  });
});
