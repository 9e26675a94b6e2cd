import { describe, expect, it } from "vitest";
import { communeReport } from "~/province/report.server";
import { loader as pdfLoader } from "~/routes/officer.trainings.$sessionId[.pdf]";
import { loader as listLoader } from "~/routes/officer.trainings._index";
import { action as newAction, loader as newLoader } from "~/routes/officer.trainings.new";
import { action as sendAction } from "~/routes/officer.trainings.send";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";

// An officer records a group training through the real form and the offline queue's
// door (real requests, sessions and CSRF); the province's figures count the attendees.
const OFFICER = "0912000004";
const ADMIN = "0912000005";
const BUYER = "0912000001";
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const local = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);

/** The commune with the most households and five of them not trained yet (codes from the data). */
async function fiveUntrained() {
  const [top] = await prisma.household.groupBy({
    by: ["communeCode"],
    _count: { _all: true },
    orderBy: { _count: { communeCode: "desc" } },
    take: 1,
  });
  const households = await prisma.household.findMany({
    where: { communeCode: top.communeCode, onboarding: { none: { kind: "TRAINING" } } },
    select: { id: true },
    take: 5,
  });
  expect(households).toHaveLength(5);
  return { communeCode: top.communeCode, ids: households.map((h) => h.id) };
}

/** Trained households of a commune counted another way: one count per household. */
const trainedIn = (communeCode: string) =>
  prisma.household.count({ where: { communeCode, onboarding: { some: { kind: "TRAINING" } } } });

describe("group training sessions", () => {
  it("records a backdated session for five households: one session, five training records, counted as trained", async () => {
    const officer = await client(OFFICER);
    const { communeCode, ids } = await fiveUntrained();
    const before = (await communeReport()).find((r) => r.communeCode === communeCode)!;
    const page = (await newLoader(
      args(get(officer, `/officer/trainings/new?commune=${communeCode}`)),
    )) as { commune: { code: string }; households: { id: string }[] };
    expect(page.commune.code).toBe(communeCode);
    expect(page.households.map((h) => h.id)).toEqual(expect.arrayContaining(ids));

    const at = local(new Date(Date.now() - 3 * 86_400_000));
    const place = `Nhà văn hoá ${uid()}`;
    const res = await settle(() =>
      newAction(
        args(
          post(officer, "/officer/trainings/new", {
            communeCode,
            topic: "PACK_HANDOVER_SHIP",
            at,
            place,
            householdIds: ids,
            idempotencyKey: uid("tr"),
          }),
        ),
      ),
    );
    expect(status(res)).toBe(302);
    expect((res as Response).headers.get("Location")).toBe("/officer/trainings?saved=5");
    const session = await prisma.trainingSession.findFirstOrThrow({
      where: { place },
      include: { attendees: true },
    });
    expect(session).toMatchObject({ communeCode, topic: "PACK_HANDOVER_SHIP" });
    expect(session.at.toISOString()).toBe(new Date(`${at}:00+07:00`).toISOString());
    expect(session.attendees.map((a) => a.householdId).sort()).toEqual([...ids].sort());
    expect(session.attendees.every((a) => a.kind === "TRAINING")).toBe(true);
    // one audit entry for the session, not one per household
    expect(
      await prisma.auditLog.count({
        where: { action: "training.session.record", entityId: session.id },
      }),
    ).toBe(1);

    const after = (await communeReport()).find((r) => r.communeCode === communeCode)!;
    expect(after.householdsTrained).toBe(before.householdsTrained + 5);
    expect(after.householdsTrained).toBe(await trainedIn(communeCode));

    const list = (await listLoader(args(get(officer, "/officer/trainings")))) as {
      sessions: { id: string; attendees: number }[];
    };
    expect(list.sessions.find((s) => s.id === session.id)?.attendees).toBe(5);
  });

  it("a session resent by the phone's queue (same key) is recorded once", async () => {
    const officer = await client(OFFICER);
    const { communeCode, ids } = await fiveUntrained();
    const fields = {
      communeCode,
      topic: "DIGITAL_SKILLS",
      at: local(new Date()),
      place: `Hội trường ${uid()}`,
      householdIds: ids.slice(0, 2),
      idempotencyKey: uid("queue"),
    };
    const first = (await sendAction(
      args(post(officer, "/officer/trainings/send", fields)),
    )) as Response;
    expect(first.status).toBe(200);
    const a = (await first.json()) as { ok: boolean; sessionId: string; replay: boolean };
    expect(a).toMatchObject({ ok: true, replay: false });
    const again = (await sendAction(
      args(post(officer, "/officer/trainings/send", fields)),
    )) as Response;
    expect(await again.json()).toMatchObject({ ok: true, sessionId: a.sessionId, replay: true });
    expect(await prisma.trainingSession.count({ where: { place: fields.place } })).toBe(1);
    expect(await prisma.onboardingRecord.count({ where: { sessionId: a.sessionId } })).toBe(2);
  });

  it("refuses a household of another commune, a session in the future and none ticked, keeping what was typed", async () => {
    const officer = await client(OFFICER);
    const { communeCode, ids } = await fiveUntrained();
    const elsewhere = await prisma.household.findFirstOrThrow({
      where: { communeCode: { not: communeCode } },
    });
    const base = { communeCode, topic: "PRICING", at: local(new Date()), place: `Sân ${uid()}` };
    const cases: [Record<string, string | string[]>, string][] = [
      [{ ...base, householdIds: [ids[0], elsewhere.id] }, "training.error.notInCommune"],
      [
        { ...base, at: local(new Date(Date.now() + 86_400_000)), householdIds: [ids[0]] },
        "training.error.future",
      ],
      [{ ...base }, "training.error.noAttendees"],
    ];
    for (const [fields, error] of cases) {
      const res = (await settle(() =>
        newAction(args(post(officer, "/officer/trainings/new", fields))),
      )) as { data: { error: string; values: { place: string } } };
      expect(status(res)).toBe(400);
      expect(res.data.error).toBe(error);
      expect(res.data.values.place).toBe(base.place);
    }
    expect(await prisma.trainingSession.count({ where: { place: base.place } })).toBe(0);
    // the queue's door answers in the page's words
    const queued = (await sendAction(
      args(post(officer, "/officer/trainings/send", { ...base, householdIds: [elsewhere.id] })),
    )) as Response;
    expect(queued.status).toBe(400);
    expect(((await queued.json()) as { error: string }).error).toMatch(/không thuộc xã/);
  });

  it("is for officers and admins only; the sign-in sheet for the officer who held it or an admin", async () => {
    const buyer = await client(BUYER);
    const refused: (() => Promise<unknown>)[] = [
      () => newLoader(args(get(buyer, "/officer/trainings/new"))),
      () => listLoader(args(get(buyer, "/officer/trainings"))),
      () => newAction(args(post(buyer, "/officer/trainings/new", {}))),
    ];
    for (const run of refused) expect(status(await settle(run))).toBe(403);
    expect(
      (await sendAction(args(post(buyer, "/officer/trainings/send", {})))) as Response,
    ).toHaveProperty("status", 403);
    const guest = await settle(() => listLoader(args(get(null, "/officer/trainings"))));
    expect((guest as Response).headers.get("Location")).toMatch(/^\/login/);

    const officer = await client(OFFICER);
    const { communeCode, ids } = await fiveUntrained();
    const out = (await sendAction(
      args(
        post(officer, "/officer/trainings/send", {
          communeCode,
          topic: "FOOD_SAFETY",
          at: local(new Date()),
          place: "Nhà ông Trưởng xóm",
          householdIds: ids,
        }),
      ),
    )) as Response;
    const { sessionId } = (await out.json()) as { sessionId: string };
    const pdf = async (phone: string) =>
      (await settle(async () =>
        pdfLoader(
          args(get(await client(phone), `/officer/trainings/${sessionId}.pdf`), { sessionId }),
        ),
      )) as Response;
    for (const phone of [OFFICER, ADMIN]) {
      const res = await pdf(phone);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(bytes.includes(Buffer.from("FontFile2"))).toBe(true); // the Vietnamese TTF
    }
    const other = `09120${String(Date.now()).slice(-5)}`;
    await prisma.user.create({
      data: {
        phone: `+84${other.slice(1)}`,
        name: "Cán bộ khác",
        passwordHash: "x",
        role: "OFFICER",
      },
    });
    expect((await pdf(other)).status).toBe(403);
    expect((await pdf(BUYER)).status).toBe(403);
  });
});
