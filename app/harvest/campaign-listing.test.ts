// Where open campaigns show up for buyers, and where they leave when closed:
// GET /api/campaigns, the home page, /campaigns, and search (the real Meilisearch).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignSearchJob, reindexCampaigns, searchCampaigns } from "~/harvest/search.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as apiLoader } from "~/routes/api.campaigns";
import { loader as listLoader } from "~/routes/campaigns._index";
import { loader as searchLoader } from "~/routes/search";
import { enqueueCampaignSync } from "~/search/outbox.server";
import { drainOutbox } from "~/search/worker.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { makeProduct, makeStall } from "../../tests/helpers/buyer";
import { get } from "../../tests/helpers/http";

const T = `cl${Date.now().toString(36)}`;
const WORD = `vuon${T}`; // a word only these campaigns carry, for search
const ctx = { context: {}, params: {} };
const at = (iso: string) => new Date(`${iso}+07:00`);

async function makeCampaign(tag: string, over: Record<string, unknown> = {}) {
  const stall = await makeStall(`${T}-${tag}`);
  const product = await makeProduct(stall.id, `${T}-${tag}`, { name: `Na La Hiên ${tag}` });
  return prisma.harvestCampaign.create({
    data: {
      slug: `na-${T}-${tag}`,
      title: `Na ${WORD} ${tag}`,
      stallId: stall.id,
      productId: product.id,
      priceVnd: 240000,
      unitLabel: "Thùng 5 kg",
      expectedUnits: 100,
      maxPerBuyer: 2,
      preorderOpensAt: at("2030-08-01T08:00:00"),
      preorderClosesAt: at("2030-08-17T20:00:00"),
      firstDay: "2030-08-14",
      lastDay: "2030-08-18",
      harvestFrom: at("2030-08-14T00:00:00"),
      harvestTo: at("2030-08-18T00:00:00"),
      cutoffTime: "20:00",
      status: "OPEN",
      ...over,
    },
  });
}

let open: Awaited<ReturnType<typeof makeCampaign>>;
let upcoming: Awaited<ReturnType<typeof makeCampaign>>;
beforeAll(async () => {
  setClock(at("2030-08-13T09:00:00"));
  open = await makeCampaign("open");
  upcoming = await makeCampaign("soon", { preorderOpensAt: at("2030-08-13T18:00:00") });
  await makeCampaign("draft", { status: "DRAFT" });
  await makeCampaign("cancelled", { status: "CANCELLED" });
  await prisma.pick.create({
    data: {
      campaignId: open.id,
      householdId: "hh-025",
      day: "2030-08-14",
      units: 50,
      readyAt: at("2030-08-14T06:00:00"),
    },
  });
  await prisma.harvestCampaign.update({ where: { id: open.id }, data: { gradingReservePct: 10 } });
});
afterAll(() => resetClock());

describe("GET /api/campaigns", () => {
  it("lists open and upcoming campaigns with window, cut-off, price, unit and supply per day; never drafts or cancelled ones", async () => {
    const res = (await apiLoader({ ...ctx, request: get(null, "/api/campaigns") })) as Response;
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await res.json()) as {
      campaigns: {
        slug: string;
        status: string;
        url: string;
        priceVnd: number;
        unit: { label: string };
        window: { firstDay: string; lastDay: string };
        cutoff: { time: string; nextDay: string | null };
        supply: { day: string; supply: number | null; demand: number; remaining: number | null }[];
      }[];
    };
    const mine = body.campaigns.filter((c) => c.slug.startsWith(`na-${T}-`));
    expect(mine.map((c) => [c.slug.replace(`na-${T}-`, ""), c.status]).sort()).toEqual([
      ["open", "OPEN"],
      ["soon", "UPCOMING"],
    ]);
    const o = mine.find((c) => c.slug === open.slug)!;
    expect(o).toMatchObject({
      url: `http://localhost:3000/campaigns/${open.slug}`,
      priceVnd: 240000,
      unit: { label: "Thùng 5 kg" },
      window: { firstDay: "2030-08-14", lastDay: "2030-08-18" },
      cutoff: { time: "20:00", nextDay: "2030-08-14" },
    });
    expect(o.supply).toHaveLength(5);
    // 50 confirmed, 10% grading reserve held back
    expect(o.supply[0]).toEqual({
      day: "2030-08-14",
      supply: 45,
      demand: 0,
      remaining: 45,
      allocated: false,
    });
    expect(o.supply[1]).toMatchObject({ supply: null, remaining: null });
  });
});

describe("home page and /campaigns", () => {
  it("show open and upcoming campaigns", async () => {
    const home = (await homeLoader({ ...ctx, request: get(null, "/") })) as Awaited<
      ReturnType<typeof homeLoader>
    >;
    expect(home.campaigns.length).toBeLessThanOrEqual(4);
    const list = (await listLoader({ ...ctx, request: get(null, "/campaigns") })) as Awaited<
      ReturnType<typeof listLoader>
    >;
    const mine = list.campaigns.filter((c) => c.slug.startsWith(`na-${T}-`));
    expect(mine.map((c) => [c.slug, c.state])).toEqual(
      [
        [open.slug, "OPEN"],
        [upcoming.slug, "UPCOMING"],
      ].sort(),
    );
    expect(mine[0]).toMatchObject({ daysLeft: 5, nextDay: "2030-08-14", priceVnd: 240000 });
  });
});

describe("search", () => {
  it("finds open campaigns, and drops one when it closes (outbox) or its window ends (job)", async () => {
    await reindexCampaigns();
    const found = await searchCampaigns(WORD, 10);
    expect(found.map((h) => h.slug).sort()).toEqual([open.slug, upcoming.slug].sort());
    // the search page shows them above the products
    const page = (await searchLoader({
      ...ctx,
      request: get(null, `/search?q=${WORD}`),
    })) as Awaited<ReturnType<typeof searchLoader>>;
    expect(page.campaigns.map((h) => h.slug).sort()).toEqual([open.slug, upcoming.slug].sort());
    // closing writes its outbox row in the same transaction; the worker takes it out
    await prisma.$transaction(async (tx) => {
      await tx.harvestCampaign.update({
        where: { id: upcoming.id },
        data: { status: "CLOSED", closedAt: new Date() },
      });
      await enqueueCampaignSync(tx, upcoming.id);
    });
    await drainOutbox();
    expect((await searchCampaigns(WORD, 10)).map((h) => h.slug)).toEqual([open.slug]);
    // the window ends: nothing is written, the job notices
    setClock(at("2030-08-19T00:10:00"));
    expect(await campaignSearchJob()).toBeGreaterThanOrEqual(0);
    expect(await searchCampaigns(WORD, 10)).toEqual([]);
    setClock(at("2030-08-13T09:00:00"));
    await reindexCampaigns();
    expect((await searchCampaigns(WORD, 10)).map((h) => h.slug)).toEqual([open.slug]);
  }, 180_000); // the worker drains every file's outbox rows, not only ours
});
