import { Meilisearch } from "meilisearch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loader as apiSearch } from "~/routes/api.search";
import { loader as searchPage } from "~/routes/search";
import { indexName, meili } from "~/search/meili.server";
import { parseSearchParams } from "~/search/params";
import { PRODUCTS, rebuildIndexName, reindexProducts } from "~/search/products.server";
import { resetSearchBreaker, searchProducts } from "~/search/query.server";
import { enqueueProductSync, enqueueStallSync } from "~/search/outbox.server";
import { drainOutbox, processOutbox } from "~/search/worker.server";
import { resetClock, shiftClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";
import { get } from "../helpers/http";

const T = `se${Date.now().toString(36)}`;
const ctx = { context: {}, params: {} };
const api = async (qs: string) =>
  (await apiSearch({ ...ctx, request: get(null, `/api/search?${qs}`) })).json();
const search = (qs: string) => searchProducts(parseSearchParams(new URLSearchParams(qs)));
const g = globalThis as unknown as { __meili?: Meilisearch | null };
let live: Meilisearch | null;

beforeAll(async () => {
  live = meili();
  await makeStall(T);
});
afterAll(() => {
  g.__meili = live;
});
afterEach(() => resetClock());

describe("search (Meilisearch)", () => {
  it("finds Chè Tân Cương for 'tra tan cuong' (no diacritics, trà = chè)", async () => {
    const res = await api("q=tra+tan+cuong");
    expect(res.engine).toBe("meilisearch");
    expect(res.hits.some((h: { name: string }) => /^Chè .*Tân Cương/.test(h.name))).toBe(true);
    expect(res.hits[0].url).toMatch(/\/products\//);
  });

  it("matches synonyms and typos: 'mang cau' finds Na, 'tan cuog' still finds Tân Cương", async () => {
    expect((await search("q=mang+cau")).hits.some((h) => /^Na /.test(h.name))).toBe(true);
    expect((await search("q=che+tan+cuog")).hits.some((h) => /Tân Cương/.test(h.name))).toBe(true);
  });

  it("filters by OCOP stars, category, in stock; facets count; price sort; pagination in the URL", async () => {
    const res = await search("stars=4&category=che&inStock=1&sort=price_asc&perPage=10");
    expect(res.total).toBeGreaterThan(0);
    expect(
      res.hits.every((h) => (h.ocopStars ?? 0) >= 4 && h.categorySlug === "che" && h.inStock),
    ).toBe(true);
    const prices = res.hits.map((h) => h.priceMin);
    expect(prices).toEqual([...prices].sort((x, y) => x - y));
    // disjunctive: the stars facet still shows 3 and 5 while 4+ is selected
    expect(Object.keys(res.facets.ocopStars ?? {})).toEqual(
      expect.arrayContaining(["3", "4", "5"]),
    );
    const page2 = await search("stars=4&category=che&inStock=1&sort=price_asc&perPage=10&page=2");
    expect(page2.page).toBe(2);
    if (res.totalPages > 1) expect(page2.hits[0].id).not.toBe(res.hits[0].id);
  });

  it("sorts by newest and by price descending; more synonyms than chè/trà (lạc = đậu phộng, ngô = bắp, nấm hương = nấm đông cô)", async () => {
    const newest = await search("q=che&sort=newest&perPage=20");
    const { prisma: db } = await import("~/utils/db.server");
    const published = await db.product.findMany({
      where: { id: { in: newest.hits.map((h) => h.id) } },
      select: { id: true, publishedAt: true },
    });
    const at = new Map(published.map((r) => [r.id, r.publishedAt!.getTime()]));
    const times = newest.hits.map((h) => at.get(h.id)!);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const desc = (await search("q=mat+ong&sort=price_desc")).hits.map((h) => h.priceMin);
    expect(desc).toEqual([...desc].sort((x, y) => y - x));
    await makeProduct(`stall-${T}`, `${T}-lac`, { name: `Lạc đỏ Định Hóa syn${T}` });
    await makeProduct(`stall-${T}`, `${T}-ngo`, { name: `Ngô nếp nương syn${T}` });
    await makeProduct(`stall-${T}`, `${T}-nam`, { name: `Nấm hương rừng syn${T}` });
    await drainOutbox();
    // (Meilisearch drops trailing words when nothing matches them all: the match is ranked first)
    expect((await search(`q=dau+phong+syn${T}`)).hits[0].id).toBe(`prod-${T}-lac`);
    expect((await search(`q=bap+syn${T}`)).hits[0].id).toBe(`prod-${T}-ngo`);
    expect((await search(`q=nam+dong+co+syn${T}`)).hits[0].id).toBe(`prod-${T}-nam`);
  });

  it("computes each facet once per request: selected facets only in their own disjunctive query, all six in the answer", async () => {
    const { FACETS, multiSearchBody } = await import("~/search/query.server");
    const p = parseSearchParams(new URLSearchParams("q=che&stars=4&category=che"));
    const { others, queries } = multiSearchBody(p);
    expect(others).toEqual(["categorySlug", "ocopStars"]);
    const asked = queries.flatMap((q) => q.facets);
    for (const f of FACETS) expect(asked.filter((x) => x === f)).toHaveLength(1);
    expect(queries[0].facets).not.toContain("ocopStars");
    const res = await searchProducts(p);
    expect(Object.keys(res.facets).sort()).toEqual([...FACETS].sort());
    // the in-stock counts (main query) agree with a plain count of the filtered results
    const inStock = await search("q=che&stars=4&category=che&inStock=1");
    expect(res.facets.inStock?.true ?? 0).toBe(inStock.total);
  });

  it("ranks in-stock and verified stalls first when relevance ties", async () => {
    const rules = (await meili()!.index(indexName(PRODUCTS)).getSettings()).rankingRules!;
    expect(rules.indexOf("inStock:desc")).toBeGreaterThan(rules.indexOf("exactness"));
    expect(rules.indexOf("inStock:desc")).toBeLessThan(rules.indexOf("stallVerified:desc"));
    await makeProduct(`stall-${T}`, `${T}-tie-out`, { name: `Trà tie${T}`, stock: 0 });
    await makeProduct(`stall-${T}`, `${T}-tie-in`, { name: `Trà tie${T}`, stock: 5 });
    await drainOutbox();
    const res = await search(`q=tie${T}`);
    expect(res.hits.map((h) => h.id)).toEqual([`prod-${T}-tie-in`, `prod-${T}-tie-out`]);
  });

  it("the API validates input: bad filters are ignored, perPage capped", async () => {
    const res = await api("q=mat+ong&stars=9&sort=evil&perPage=5000&cert=FAKE");
    expect(res.query).toMatchObject({ stars: null, sort: "relevance", perPage: 24, cert: [] });
  });
});

describe("outbox -> index", () => {
  it("a new product becomes searchable; hidden, banned stall and deleted never are", async () => {
    await makeProduct(`stall-${T}`, `${T}-new`, { name: `Chè nõn tôm zx${T}` });
    expect((await search(`q=zx${T}`)).total).toBe(0); // not until the worker runs
    await drainOutbox();
    expect((await search(`q=zx${T}`)).hits.map((h) => h.id)).toEqual([`prod-${T}-new`]);
    // hide it
    await prisma.$transaction(async (tx) => {
      await tx.product.update({ where: { id: `prod-${T}-new` }, data: { status: "HIDDEN" } });
      await enqueueProductSync(tx, `prod-${T}-new`);
    });
    await drainOutbox();
    expect((await search(`q=zx${T}`)).total).toBe(0);
    // show it again, then ban the stall
    await prisma.$transaction(async (tx) => {
      await tx.product.update({ where: { id: `prod-${T}-new` }, data: { status: "ACTIVE" } });
      await enqueueProductSync(tx, `prod-${T}-new`);
    });
    await drainOutbox();
    expect((await search(`q=zx${T}`)).total).toBe(1);
    await prisma.$transaction(async (tx) => {
      await tx.stall.update({ where: { id: `stall-${T}` }, data: { banned: true } });
      await enqueueStallSync(tx, `stall-${T}`);
    });
    await drainOutbox();
    expect((await search(`q=zx${T}`)).total).toBe(0);
    await prisma.$transaction(async (tx) => {
      await tx.stall.update({ where: { id: `stall-${T}` }, data: { banned: false } });
      await enqueueStallSync(tx, `stall-${T}`);
    });
    await drainOutbox();
  });

  it("a stall on a break drops out of search (Meilisearch and the fallback) and comes back when it reopens", async () => {
    await makeStall(`${T}-br`);
    await makeProduct(`stall-${T}-br`, `${T}-br`, { name: `Chè búp br${T}` });
    await drainOutbox();
    expect((await search(`q=br${T}`)).total).toBe(1);
    const setStatus = (status: string) =>
      prisma.$transaction(async (tx) => {
        await tx.stall.update({ where: { id: `stall-${T}-br` }, data: { status } });
        await enqueueStallSync(tx, `stall-${T}-br`); // what the stall settings form does
      });
    await setStatus("VACATION");
    await drainOutbox();
    expect((await search(`q=br${T}`)).total).toBe(0);
    const { ftsSearch } = await import("~/search/fts.server");
    expect((await ftsSearch(`br${T}`)).map((d) => d.id)).toEqual([]);
    await setStatus("OPEN");
    await drainOutbox();
    expect((await search(`q=br${T}`)).hits.map((h) => h.id)).toEqual([`prod-${T}-br`]);
    expect((await ftsSearch(`br${T}`)).map((d) => d.id)).toEqual([`prod-${T}-br`]);
  });

  it("the last units going into a checkout mark the product out of stock in the index; released units bring it back", async () => {
    const { startCheckout, releaseCheckout } = await import("~/checkout/checkout.server");
    const { randomUUID } = await import("node:crypto");
    await makeProduct(`stall-${T}`, `${T}-last`, { name: `Mật ong last${T}`, stock: 2 });
    await drainOutbox();
    expect((await search(`q=last${T}&inStock=1`)).total).toBe(1);
    const cart = await prisma.cart.create({
      data: { items: { create: { variantId: `var-${T}-last`, quantity: 2 } } },
    });
    const { checkoutId } = await startCheckout({
      cartId: cart.id,
      buyerId: null,
      idempotencyKey: randomUUID(),
      paymentMethod: "CARD",
      address: {
        recipient: "Người mua",
        phone: "+84987654321",
        line: "Xóm 1",
        provinceCode: "19",
        communeCode: "05503",
        note: "",
      },
    });
    await drainOutbox();
    expect((await search(`q=last${T}&inStock=1`)).total).toBe(0);
    expect((await search(`q=last${T}`)).hits[0].inStock).toBe(false);
    await releaseCheckout(checkoutId, "CANCELLED");
    await drainOutbox();
    expect((await search(`q=last${T}&inStock=1`)).total).toBe(1);
  });

  it("an OCOP rating that runs out by the clock leaves the index (stars and the 4-star filter) through the expiry job", async () => {
    const { certificateExpiryJob } = await import("~/search/expiry.server");
    await makeProduct(`stall-${T}`, `${T}-exp`, { name: `Chè đinh exp${T}` });
    const expiresAt = new Date(Date.now() + 1500);
    await prisma.certification.create({
      data: {
        kind: "OCOP",
        stars: 4,
        issuer: "UBND tỉnh Thái Nguyên",
        number: `OCOP-${T}`,
        issuedAt: new Date(Date.now() - 86_400_000),
        expiresAt,
        status: "VERIFIED",
        stallId: `stall-${T}`,
        productId: `prod-${T}-exp`,
      },
    });
    await drainOutbox();
    expect((await search(`q=exp${T}&stars=4`)).hits.map((h) => [h.id, h.ocopStars])).toEqual([
      [`prod-${T}-exp`, 4],
    ]);
    shiftClock(2000); // past expiresAt on the app's clock (the job and the index read it)
    await certificateExpiryJob(); // first run after a start looks a week back
    await drainOutbox();
    expect((await search(`q=exp${T}&stars=4`)).total).toBe(0);
    expect((await search(`q=exp${T}`)).hits[0]).toMatchObject({
      id: `prod-${T}-exp`,
      ocopStars: null,
      certifications: [],
    });
    // the next run looks only at what expired since: nothing queued twice
    const before = await prisma.outbox.count({ where: { key: `prod-${T}-exp` } });
    await certificateExpiryJob();
    expect(await prisma.outbox.count({ where: { key: `prod-${T}-exp` } })).toBe(before);
  });

  it("repeated changes to one product coalesce into one update", async () => {
    await makeProduct(`stall-${T}`, `${T}-co`, { name: `Mật ong co${T}` });
    await prisma.$transaction(async (tx) => {
      for (const price of [110000, 120000, 130000]) {
        await tx.variant.update({ where: { id: `var-${T}-co` }, data: { priceVnd: price } });
        await enqueueProductSync(tx, `prod-${T}-co`);
      }
    });
    await drainOutbox();
    const res = await search(`q=co${T}`);
    expect(res.hits[0].priceMin).toBe(130000);
    expect(await prisma.outbox.count({ where: { key: `prod-${T}-co`, processedAt: null } })).toBe(
      0,
    );
  });

  it("Meilisearch down: search falls back to the database with a notice, changes queue; back up: the outbox catches up", async () => {
    await makeProduct(`stall-${T}`, `${T}-down`, { name: `Chè Đinh đặc biệt dn${T}` });
    await drainOutbox();
    // Meilisearch becomes unreachable
    g.__meili = new Meilisearch({ host: "http://127.0.0.1:9", timeout: 500 });
    resetSearchBreaker();
    const fallback = await search(`q=che+dinh+dac+biet+dn${T}`); // no diacritics, đ -> d
    expect(fallback.engine).toBe("database");
    expect(fallback.hits.map((h) => h.id)).toEqual([`prod-${T}-down`]);
    expect(
      (await search("q=tra+tan+cuong")).hits.some((h) => /^Chè .*Tân Cương/.test(h.name)),
    ).toBe(true); // synonyms too
    const page = (await searchPage({ ...ctx, request: get(null, `/search?q=dn${T}`) })) as Awaited<
      ReturnType<typeof searchPage>
    >;
    expect(page.result.engine).toBe("database"); // the page shows search.fallback

    // a change while it is down: renamed, and a second product hidden
    await prisma.$transaction(async (tx) => {
      await tx.product.update({
        where: { id: `prod-${T}-down` },
        data: { name: `Chè Đinh thượng hạng up${T}` },
      });
      await enqueueProductSync(tx, `prod-${T}-down`);
    });
    const failed = await processOutbox();
    expect(failed.failed).toBeGreaterThan(0);
    const row = await prisma.outbox.findFirstOrThrow({
      where: { key: `prod-${T}-down`, processedAt: null },
    });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeTruthy();
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    // the fallback already sees the change
    expect((await search(`q=thuong+hang+up${T}`)).hits.map((h) => h.id)).toEqual([
      `prod-${T}-down`,
    ]);

    // back up: the retry pushes it; nothing lost
    g.__meili = live;
    resetSearchBreaker();
    let processed = 0;
    for (
      let i = 0;
      i < 10 &&
      (await prisma.outbox.count({ where: { key: `prod-${T}-down`, processedAt: null } }));
      i++
    )
      processed += (await processOutbox({ now: new Date(Date.now() + 10 * 60_000) })).processed;
    expect(processed).toBeGreaterThan(0);
    const back = await search(`q=up${T}`);
    expect(back.engine).toBe("meilisearch");
    expect(back.hits.map((h) => [h.id, h.name])).toEqual([
      [`prod-${T}-down`, `Chè Đinh thượng hạng up${T}`],
    ]);
    expect((await search(`q=dn${T}`)).total).toBe(0);
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
    expect((await meili()!.index(indexName(PRODUCTS)).getStats()).numberOfDocuments).toBe(count);
  });

  it("two instances rebuilding at once each build their own index: both finish, the index is whole, nothing is left behind", async () => {
    const client = meili()!;
    const live = indexName(PRODUCTS);
    // what a killed rebuild left: an old one goes, a recent one (maybe another instance's, running) stays
    const old = rebuildIndexName(live, Date.now() - 7 * 3600_000);
    const recent = rebuildIndexName(live, Date.now() - 60_000);
    for (const uid of [old, recent]) await client.createIndex(uid).waitTask();
    const [a, b] = await Promise.all([reindexProducts(), reindexProducts()]);
    expect(a).toBe(b);
    expect((await client.index(live).getStats()).numberOfDocuments).toBe(a);
    const { results } = await client.getIndexes({ limit: 1000 });
    expect(results.map((ix) => ix.uid).filter((uid) => uid.startsWith(`${live}_next`))).toEqual([
      recent,
    ]);
    await client.deleteIndex(recent).waitTask();
    expect((await search("q=che")).total).toBeGreaterThan(0);
  });

  it("a change the worker applies while the new index is being built is not lost in the swap", async () => {
    const { outboxMark, productsChangedSince } = await import("~/search/products.server");
    const { drainOutbox } = await import("~/search/worker.server");
    const { enqueueProductSync, enqueueStallSync } = await import("~/search/outbox.server");
    const tag = `${T}-swap`;
    await makeStall(tag);
    await makeProduct(`stall-${tag}`, tag, { name: `Chè swap${T}` });
    await makeProduct(`stall-${tag}`, `${tag}2`, { name: `Chè swap${T} hai` });
    await drainOutbox();
    // what counts as "changed during the rebuild": product rows, and a stall's row for all its products
    const mark = await outboxMark();
    await prisma.$transaction((tx) => enqueueStallSync(tx, `stall-${tag}`));
    expect((await productsChangedSince(mark)).sort()).toEqual([`prod-${tag}`, `prod-${tag}2`]);
    await drainOutbox();
    // hide one while the rebuild runs: as soon as the new index holds it (read before the hide), hide and sync
    const client = meili()!;
    const rebuild = reindexProducts();
    for (let i = 0; i < 200; i++) {
      // the rebuild's own new index (its name is unique: rebuildIndexName)
      const { results } = await client.getIndexes({ limit: 1000 });
      const next = results.find((ix) => ix.uid.startsWith(`${indexName(PRODUCTS)}_next_`));
      if (
        next &&
        (await next.getDocument(`prod-${tag}`).then(
          () => true,
          () => false,
        ))
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await prisma.$transaction(async (tx) => {
      await tx.product.update({ where: { id: `prod-${tag}` }, data: { status: "HIDDEN" } });
      await enqueueProductSync(tx, `prod-${tag}`);
    });
    await drainOutbox();
    await rebuild;
    const hits = (
      await searchProducts(parseSearchParams(new URLSearchParams(`q=swap${T}`)))
    ).hits.map((h) => h.id);
    expect(hits).toEqual([`prod-${tag}2`]);
  });
});

describe("the Meilisearch client's HTTP (node:http, kept-alive connections)", () => {
  it("answers parsed JSON, rejects Meilisearch's errors with their message, and honours an aborted signal", async () => {
    const { meiliHttp } = await import("~/search/meili.server");
    const auth = { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` };
    const base = process.env.MEILI_URL!;
    expect(await meiliHttp(`${base}/health`)).toEqual({ status: "available" });
    const stats = (await meiliHttp(`${base}/indexes/${indexName(PRODUCTS)}/stats`, {
      headers: auth,
    })) as { numberOfDocuments: number };
    expect(stats.numberOfDocuments).toBeGreaterThan(250);
    const body = JSON.stringify({
      queries: [{ indexUid: indexName(PRODUCTS), q: "che tan cuong", limit: 3 }],
    });
    const found = (await meiliHttp(`${base}/multi-search`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body,
    })) as { results: { hits: unknown[] }[] };
    expect(found.results[0].hits).toHaveLength(3);
    await expect(
      meiliHttp(`${base}/indexes/no_such_index_${T}/documents/x`, { headers: auth }),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining("not found") });
    const aborted = AbortSignal.abort();
    await expect(meiliHttp(`${base}/health`, { signal: aborted })).rejects.toThrow("aborted");
    // through the client too: an unknown document is an error, a known one comes back
    await expect(meili()!.index(indexName(PRODUCTS)).getDocument(`missing-${T}`)).rejects.toThrow();
    expect((await meili()!.index(indexName(PRODUCTS)).getDocument("prod-001")).id).toBe("prod-001");
  });
});
