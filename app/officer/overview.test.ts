import { describe, expect, it } from "vitest";
import { communeReport } from "~/province/report.server";
import { loader } from "~/routes/officer.overview";
import { action as sendTraining } from "~/routes/officer.trainings.send";
import { fold } from "~/search/params";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";

// The officer's overview through its real loader; every figure checked against the
// records counted another way (and against the province's CSV figures).
const OFFICER = "0912000004";
const BUYER = "0912000001";
const args = (request: Request) => ({ request, params: {}, context: {} });
type Page = {
  commune: { code: string; name: string };
  overview: {
    funnel: Record<string, number>;
    households: number;
    rows: {
      id: string;
      name: string;
      stage: string;
      progress: { trained: boolean };
      stuck: string[];
    }[];
    matching: number;
  };
};
const open = async (query: string) =>
  (await loader(args(get(await client(OFFICER), `/officer/overview?${query}`)))) as Page;

async function topCommune() {
  const [top] = await prisma.household.groupBy({
    by: ["communeCode"],
    _count: { _all: true },
    orderBy: { _count: { communeCode: "desc" } },
    take: 1,
  });
  return top.communeCode;
}

describe("officer overview by stage", () => {
  it("households trained in a session show as trained; the funnel agrees with the records and the CSV", async () => {
    const communeCode = await topCommune();
    const untrained = await prisma.household.findMany({
      where: { communeCode, onboarding: { none: { kind: "TRAINING" } } },
      take: 5,
    });
    expect(untrained).toHaveLength(5);
    const officer = await client(OFFICER);
    const sent = (await sendTraining(
      args(
        post(officer, "/officer/trainings/send", {
          communeCode,
          topic: "DIGITAL_SKILLS",
          at: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 16),
          place: `Nhà văn hoá ${uid()}`,
          householdIds: untrained.map((h) => h.id),
        }),
      ),
    )) as Response;
    expect(sent.status).toBe(200);

    const page = await open(`commune=${communeCode}`);
    expect(page.commune.code).toBe(communeCode);
    const { overview } = page;
    expect(overview.households).toBe(await prisma.household.count({ where: { communeCode } }));
    for (const h of untrained)
      expect(overview.rows.find((r) => r.id === h.id)?.progress.trained ?? true).toBe(true);

    const trained = await prisma.household.count({
      where: { communeCode, onboarding: { some: { kind: "TRAINING" } } },
    });
    expect(overview.funnel.TRAINED).toBe(trained);
    expect(overview.funnel.STALL_OPENED).toBe(
      await prisma.household.count({ where: { communeCode, stalls: { some: { banned: false } } } }),
    );
    expect(overview.funnel.VERIFIED).toBe(
      await prisma.household.count({
        where: { communeCode, stalls: { some: { banned: false, verification: "VERIFIED" } } },
      }),
    );
    const csv = (await communeReport()).find((r) => r.communeCode === communeCode)!;
    expect(csv.householdsTrained).toBe(overview.funnel.TRAINED);
    expect(csv.households).toBe(overview.households);
  });

  it("filters by stage and finds a household typed without diacritics", async () => {
    const communeCode = await topCommune();
    const all = await open(`commune=${communeCode}`);
    const stage = all.overview.rows[0].stage;
    const byStage = await open(`commune=${communeCode}&stage=${stage}`);
    expect(byStage.overview.rows.length).toBeGreaterThan(0);
    expect(byStage.overview.rows.every((r) => r.stage === stage)).toBe(true);
    expect(byStage.overview.matching).toBe(
      all.overview.rows.filter((r) => r.stage === stage).length,
    );

    const someone = all.overview.rows.find((r) => fold(r.name) !== r.name.toLowerCase())!;
    const found = await open(`commune=${communeCode}&q=${encodeURIComponent(fold(someone.name))}`);
    expect(found.overview.rows.map((r) => r.id)).toContain(someone.id);
  });

  it("a stall open 14 days with no product is stuck", async () => {
    const communeCode = await topCommune();
    const household = await prisma.household.create({
      data: {
        name: `Hộ Thử ${uid()}`,
        communeCode,
        createdAt: new Date(Date.now() - 30 * 86_400_000),
      },
    });
    await prisma.stall.create({
      data: {
        slug: `thu-${uid()}`,
        name: "Quầy thử",
        householdId: household.id,
        communeCode,
        createdAt: new Date(Date.now() - 20 * 86_400_000),
      },
    });
    const page = await open(
      `commune=${communeCode}&attention=1&q=${encodeURIComponent(household.name)}`,
    );
    expect(page.overview.rows.find((r) => r.id === household.id)).toMatchObject({
      stage: "REGISTERED",
      stuck: ["STALL_NO_PRODUCT"],
    });
  });

  it("is refused to buyers; guests go to the login", async () => {
    const buyer = await settle(async () =>
      loader(args(get(await client(BUYER), "/officer/overview"))),
    );
    expect((buyer as Response).status).toBe(403);
    const guest = await settle(() => loader(args(get(null, "/officer/overview"))));
    expect((guest as Response).headers.get("Location")).toMatch(/^\/login/);
  });
});
