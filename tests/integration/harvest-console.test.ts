// The seller side's routes driven with real requests (cookies, CSRF): the offline
// queue's JSON door for picks, the campaign form's refusals, who may see a day board,
// and the test clock that does not exist unless TEST_CLOCK is on.
import { describe, expect, it } from "vitest";
import { action as newCampaign } from "~/routes/console.stalls.$stallId.campaigns.new";
import { loader as boardLoader } from "~/routes/console.campaigns.$campaignId.board";
import { action as sendPick } from "~/routes/console.picks.send";
import { loader as clockLoader } from "~/routes/dev.clock";
import { prisma } from "~/utils/db.server";
import { HARVEST_SEED as S } from "../../scripts/seed/harvest";
import { client, get, post, settle } from "../helpers/http";

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const MANAGER = "0914000004"; // HTX Na La Hiên
const OTHER_MANAGER = "0912000003"; // HTX Chè Hảo Đạt
const HOUSEHOLD = "0916000007"; // hh-nlh-007, seeded member of the na campaign
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

describe("the offline queue's door for picks", () => {
  // 2027-08-15 is in the seeded window and its cut-off is ahead of the real clock
  const fields = async () => {
    const hh = await prisma.household.findUniqueOrThrow({ where: { id: "hh-nlh-007" } });
    return {
      campaignId: S.campaignId,
      householdId: hh.id,
      day: "2027-08-15",
      units: "4",
      readyTime: "06:00",
      idempotencyKey: `e2e-${Math.random().toString(36).slice(2)}`,
    };
  };

  it("answers JSON, records once per key, and refuses forged or foreign posts", async () => {
    const hh = await client(HOUSEHOLD);
    const f = await fields();
    const first = (await sendPick(args(post(hh, "/console/picks/send", f)))) as Response;
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(await first.json()).toMatchObject({ ok: true, replay: false });
    const again = (await sendPick(
      args(post(hh, "/console/picks/send", { ...f, units: "9" })),
    )) as Response;
    expect(await again.json()).toMatchObject({ ok: true, replay: true });
    const pick = await prisma.pick.findUniqueOrThrow({
      where: {
        campaignId_householdId_day: {
          campaignId: S.campaignId,
          householdId: f.householdId,
          day: f.day,
        },
      },
    });
    expect(pick.units).toBe(4);

    const forged = (await sendPick(
      args(
        post(hh, "/console/picks/send", { ...f, idempotencyKey: "k-forged-0001" }, { csrf: false }),
      ),
    )) as Response;
    expect(forged.status).toBe(403);
    expect((await forged.json()).ok).toBe(false);

    const other = await prisma.campaignHousehold.findFirstOrThrow({
      where: { campaignId: S.campaignId, householdId: { not: f.householdId } },
    });
    const foreign = (await sendPick(
      args(
        post(hh, "/console/picks/send", {
          ...f,
          householdId: other.householdId,
          idempotencyKey: "k-foreign-001",
        }),
      ),
    )) as Response;
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({
      ok: false,
      error: "Bạn không báo hái thay được cho hộ này.",
    });

    const absurd = (await sendPick(
      args(post(hh, "/console/picks/send", { ...f, units: "-3", idempotencyKey: "k-negative-01" })),
    )) as Response;
    expect(absurd.status).toBe(400);
    expect(await absurd.json()).toEqual({
      ok: false,
      error: "Số thùng phải là số nguyên từ 0 trở lên.",
    });
  });
});

describe("campaign form and board access", () => {
  it("a window ending before it starts is refused with the values kept", async () => {
    const m = await client(MANAGER);
    const r = await settle(() =>
      newCampaign(
        args(
          post(m, "/console/stalls/stall-coop-na-la-hien/campaigns/new", {
            title: "Na sớm",
            firstDay: "2027-09-10",
            lastDay: "2027-09-01",
            unitKind: "BOX",
            boxKg: "5",
            price: "200000",
            cutoffTime: "20:00",
            maxPerBuyer: "5",
            freshNearHours: "4",
            freshFarKm: "100",
            freshFarHours: "6",
            vietqrMode: "NONE",
            payCod: "on",
            deliveryCommunes: "05740",
            productId: "x",
            "households[0].householdId": "hh-nlh-007",
            "households[0].expectedUnits": "20",
          }),
          { stallId: "stall-coop-na-la-hien" },
        ),
      ),
    );
    expect(status(r)).toBe(400);
    const reply = (
      r as {
        data: {
          result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
        };
      }
    ).data.result;
    expect(reply.error.lastDay).toEqual(["harvest.error.windowEndsBeforeStart"]);
    expect(reply.initialValue.title).toBe("Na sớm");
  });

  it("another cooperative's manager cannot open the day board", async () => {
    const other = await client(OTHER_MANAGER);
    const r = await settle(() =>
      boardLoader(
        args(get(other, `/console/campaigns/${S.campaignId}/board`), { campaignId: S.campaignId }),
      ),
    );
    expect(status(r)).toBe(403);
    const mine = await client(MANAGER);
    const ok = (await boardLoader(
      args(get(mine, `/console/campaigns/${S.campaignId}/board?day=${S.allocatedDay}`), {
        campaignId: S.campaignId,
      }),
    )) as Awaited<ReturnType<typeof boardLoader>>;
    expect(ok.board.dayState).toBe("allocated");
    expect(ok.board.ledger[0]).toMatchObject({
      sequence: 1,
      kind: "ALLOCATE",
      seed: `na-la-hien-${S.allocatedDay}`,
    });
    expect(ok.board.missing.length).toBeGreaterThan(0);
  });
});

describe("the test clock", () => {
  it("does not exist without TEST_CLOCK, even for an administrator", async () => {
    const admin = await client("0912000005");
    const r = await settle(() => clockLoader(args(get(admin, "/dev/clock"))));
    expect(status(r)).toBe(404);
  });
});
