import { describe, expect, it } from "vitest";
import { loader as productLoader, meta as productMeta } from "~/routes/products.$slug";
import { loader as stallLoader } from "~/routes/stalls.$slug";
import { loader as coopLoader } from "~/routes/cooperatives.$slug";
import { loader as categoryLoader } from "~/routes/categories.$slug";
import { loader as mailboxLoader } from "~/routes/dev.mailbox";
import { loader as homeLoader, meta as homeMeta } from "~/routes/_index";
import { meta as searchMeta } from "~/routes/search";
import { meta as cartMeta, action as cartAction } from "~/routes/cart";
import { prisma } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";
import { client, get, post, settle } from "../helpers/http";

type MetaArgs = Parameters<typeof homeMeta>[0];
const metaArgs = (data: unknown, locale: "vi" | "en") =>
  ({
    data,
    params: {},
    location: { pathname: "/", search: "", hash: "", state: null, key: "" },
    matches: [{ id: "root", data: { locale } }],
  }) as unknown as MetaArgs;
const metaMap = (meta: ReturnType<typeof homeMeta>) =>
  Object.fromEntries(
    meta.map((m) => [
      ("property" in m
        ? m.property
        : "name" in m
          ? m.name
          : "title" in m
            ? "title"
            : "rel" in m
              ? m.rel
              : "x") as string,
      ("content" in m ? m.content : "title" in m ? m.title : "href" in m ? m.href : "") as string,
    ]),
  );

const T = `sf${Date.now().toString(36)}`;
const ctx = { context: {} };

describe("product page", () => {
  it("shows variants, OCOP stars with certificate validity, origin, producer, stall and batch links; schema.org + Open Graph", async () => {
    // a seeded rating
    const cert = await prisma.certification.findFirstOrThrow({
      where: {
        id: { startsWith: "cert-ocop-prod-" },
        status: "VERIFIED",
        expiresAt: { gt: new Date() },
        product: { status: "ACTIVE" },
      },
      include: { product: true },
      orderBy: { id: "asc" },
    });
    const slug = cert.product!.slug;
    const data = (await productLoader({
      ...ctx,
      params: { slug },
      request: get(null, `/products/${slug}`),
    })) as Exclude<Awaited<ReturnType<typeof productLoader>>, Response>;
    expect(data.product.ocopStars).toBe(cert.stars);
    expect(data.product.certificates.find((c) => c.id === cert.id)).toMatchObject({
      number: cert.number,
      issuer: cert.issuer,
    });
    expect(data.product.variants.length).toBeGreaterThan(0);
    expect(data.product.origin).toMatch(/, Thái Nguyên$/);
    expect(data.product.household?.name).toMatch(/^Hộ /);
    const ld = JSON.parse(data.jsonLd);
    expect(ld).toMatchObject({
      "@type": "Product",
      offers: { "@type": "AggregateOffer", priceCurrency: "VND" },
    });
    expect(data.jsonLd).not.toContain("<");
    const meta = productMeta({
      data,
      params: { slug },
      location: { pathname: "/", search: "", hash: "", state: null, key: "" },
      matches: [],
    } as never);
    const props = Object.fromEntries(
      meta.map((m) => [
        ("property" in m
          ? m.property
          : "name" in m
            ? m.name
            : "title" in m
              ? "title"
              : "x") as string,
        m,
      ]),
    );
    expect(props["og:title"]).toBeTruthy();
    expect(props["og:image"]).toBeTruthy();
    expect((props.description as { content: string }).content.length).toBeLessThanOrEqual(160);
    // expired certificates never show
    const expired = await prisma.certification.findFirst({
      where: { kind: "OCOP", expiresAt: { lt: new Date() }, product: { status: "ACTIVE" } },
      include: { product: true },
    });
    if (expired) {
      const d = (await productLoader({
        ...ctx,
        params: { slug: expired.product!.slug },
        request: get(null, "/"),
      })) as typeof data;
      expect(d.product.certificates.map((c) => c.id)).not.toContain(expired.id);
    }
  });

  it("links each batch to its provenance page /t/{code}", async () => {
    const batch = await prisma.batch.findFirstOrThrow({
      where: { product: { status: "ACTIVE", stall: { banned: false } } },
      include: { product: true },
    });
    const data = (await productLoader({
      ...ctx,
      params: { slug: batch.product.slug },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof productLoader>>, Response>;
    expect(data.product.batches.map((b) => b.code)).toContain(batch.code);
  });

  it("404 for drafts, hidden products and banned stalls", async () => {
    await makeStall(T);
    await makeProduct(`stall-${T}`, `${T}-d`, { status: "DRAFT" });
    await makeProduct(`stall-${T}`, `${T}-ok`);
    const status = async (slug: string) =>
      (
        (await settle(() =>
          productLoader({ ...ctx, params: { slug }, request: get(null, "/") }),
        )) as Response
      ).status;
    expect(await status(`prod-${T}-d`)).toBe(404);
    await prisma.stall.update({ where: { id: `stall-${T}` }, data: { banned: true } });
    expect(await status(`prod-${T}-ok`)).toBe(404);
    expect(
      (
        (await settle(() =>
          stallLoader({ ...ctx, params: { slug: `stall-${T}` }, request: get(null, "/") }),
        )) as Response
      ).status,
    ).toBe(404);
  });
});

describe("stall, cooperative and category pages", () => {
  it("list only products for sale", async () => {
    const coop = (await coopLoader({
      ...ctx,
      params: { slug: "htx-che-hao-dat" },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof coopLoader>>, Response>;
    expect(coop.coop.members.length).toBeGreaterThan(0);
    expect(coop.products.length).toBeGreaterThan(0);
    const cat = (await categoryLoader({
      ...ctx,
      params: { slug: "mat-ong" },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof categoryLoader>>, Response>;
    const slugs = cat.products.map((p) => p.slug);
    const drafts = await prisma.product.findMany({
      where: { status: { not: "ACTIVE" }, categoryId: "cat-mat-ong" },
      select: { slug: true },
    });
    for (const d of drafts) expect(slugs).not.toContain(d.slug);
  });
});

describe("a stall on a break (VACATION)", () => {
  it("keeps its stall and product pages with a notice, sells nothing, and leaves the shop-wide lists", async () => {
    const tag = `${T}-vac`;
    await makeStall(tag);
    await makeProduct(`stall-${tag}`, tag, { stock: 7 });
    await prisma.stall.update({ where: { id: `stall-${tag}` }, data: { status: "VACATION" } });
    const page = (await productLoader({
      ...ctx,
      params: { slug: `prod-${tag}` },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof productLoader>>, Response>;
    expect(page.product.forSale).toBe(false);
    expect(page.product.variants.every((v) => v.stock === 0)).toBe(true); // the add button is disabled
    expect(JSON.parse(page.jsonLd).offers.availability).toBe("https://schema.org/OutOfStock");
    // a cart POST anyway is refused with its own message
    const guest = await client();
    const res = (await settle(() =>
      cartAction({
        ...ctx,
        params: {},
        request: post(guest, "/cart", {
          intent: "add",
          variantId: `var-${tag}`,
          quantity: "1",
          returnTo: `/products/prod-${tag}`,
        }),
      }),
    )) as Response;
    expect(res.headers.get("Location")).toBe(`/products/prod-${tag}?error=cart.stallOnBreak`);
    const stall = (await stallLoader({
      ...ctx,
      params: { slug: `stall-${tag}` },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof stallLoader>>, Response>;
    expect(stall.stall.onBreak).toBe(true);
    expect(stall.products.map((p) => [p.slug, p.inStock])).toEqual([[`prod-${tag}`, false]]);
    const cat = (await categoryLoader({
      ...ctx,
      params: { slug: "che" },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof categoryLoader>>, Response>;
    expect(cat.products.map((p) => p.slug)).not.toContain(`prod-${tag}`);
    // closed for good: no pages at all
    await prisma.stall.update({ where: { id: `stall-${tag}` }, data: { status: "CLOSED" } });
    expect(
      (
        (await settle(() =>
          productLoader({ ...ctx, params: { slug: `prod-${tag}` }, request: get(null, "/") }),
        )) as Response
      ).status,
    ).toBe(404);
    expect(
      (
        (await settle(() =>
          stallLoader({ ...ctx, params: { slug: `stall-${tag}` }, request: get(null, "/") }),
        )) as Response
      ).status,
    ).toBe(404);
  });
});

describe("page metadata", () => {
  it("titles, descriptions and Open Graph follow the language switch; private pages are noindex", async () => {
    const home = await homeLoader({ ...ctx, params: {}, request: get(null, "/") });
    const vi = metaMap(homeMeta(metaArgs(home, "vi")));
    const en = metaMap(homeMeta(metaArgs(home, "en")));
    expect(vi.title).toBe("Xứ Trà · Chợ nông sản số Thái Nguyên");
    expect(en.title).toBe("Xứ Trà · Thái Nguyên's farm market online");
    expect(en.description).toMatch(/^Tân Cương tea, honey/);
    expect([vi["og:locale"], en["og:locale"]]).toEqual(["vi_VN", "en_US"]);
    expect(vi["og:url"]).toMatch(/\/$/);
    expect(vi.canonical).toBe(vi["og:url"]);
    const search = metaMap(
      searchMeta(
        metaArgs(
          { params: { q: "chè", page: 1, category: [] }, url: "http://x/search?q=ch%C3%A8" },
          "en",
        ) as never,
      ),
    );
    expect(search.title).toBe("Search “chè” · Xứ Trà");
    const cart = cartMeta(metaArgs(null, "en") as never);
    expect(cart).toEqual([{ title: "Cart · Xứ Trà" }, { name: "robots", content: "noindex" }]);
  });

  it("schema.org on every storefront page: WebSite + search action on home, lists on category/stall/cooperative pages", async () => {
    const home = await homeLoader({ ...ctx, params: {}, request: get(null, "/") });
    const graph = JSON.parse(home.jsonLd)["@graph"];
    expect(graph[0]).toMatchObject({
      "@type": "WebSite",
      potentialAction: { "@type": "SearchAction" },
    });
    expect(graph[1].itemListElement.length).toBe(home.featured.length);
    const cat = (await categoryLoader({
      ...ctx,
      params: { slug: "mat-ong" },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof categoryLoader>>, Response>;
    expect(JSON.parse(cat.jsonLd)).toMatchObject({
      "@type": "CollectionPage",
      mainEntity: { "@type": "ItemList", numberOfItems: cat.products.length },
    });
    const coop = (await coopLoader({
      ...ctx,
      params: { slug: "htx-che-hao-dat" },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof coopLoader>>, Response>;
    expect(JSON.parse(coop.jsonLd)).toMatchObject({
      "@type": "Organization",
      address: { addressRegion: "Thái Nguyên", addressCountry: "VN" },
    });
    const stallRow = await prisma.stall.findFirstOrThrow({
      where: { banned: false, status: "OPEN", cooperativeId: { not: null } },
    });
    const stall = (await stallLoader({
      ...ctx,
      params: { slug: stallRow.slug },
      request: get(null, "/"),
    })) as Exclude<Awaited<ReturnType<typeof stallLoader>>, Response>;
    expect(JSON.parse(stall.jsonLd)).toMatchObject({
      "@type": "Store",
      name: stallRow.name,
      parentOrganization: { "@type": "Organization" },
    });
    for (const json of [home.jsonLd, cat.jsonLd, coop.jsonLd, stall.jsonLd])
      expect(json).not.toMatch(/[<>]/);
  });
});

describe("dev mailbox", () => {
  it("lists notifications outside production", async () => {
    await prisma.notification.create({
      data: { channel: "SMS", to: `+8490${T}`, body: "xin chào" },
    });
    const data = (await mailboxLoader({
      ...ctx,
      params: {},
      request: get(null, `/dev/mailbox?to=${T}`),
    })) as Awaited<ReturnType<typeof mailboxLoader>>;
    expect(data.messages.map((m) => m.body)).toEqual(["xin chào"]);
  });
});
