import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/officer.households.$householdId";
import { action as queueDoor } from "~/routes/officer.households.$householdId.visit";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";

// Visit notes through the real page and the offline queue's door.
const OFFICER = "0912000004";
const HOUSEHOLD = "0912000002";
const BUYER = "0912000001";
const args = (request: Request, householdId: string) => ({
  request,
  params: { householdId },
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const local = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);

describe("visit notes", () => {
  it("an officer notes a visit (backdated); it shows in the household's history; a resend records once", async () => {
    const officer = await client(OFFICER);
    const h = await prisma.household.findFirstOrThrow({ orderBy: { id: "asc" } });
    const note = `Đã hướng dẫn chụp ảnh sản phẩm ${uid()}`;
    const at = local(new Date(Date.now() - 2 * 86_400_000));
    expect(status(await settle(() => action(args(post(officer, "/x", { at, note }), h.id))))).toBe(
      302,
    );
    const page = (await loader(args(get(officer, "/x"), h.id))) as {
      household: { records: { kind: string; note: string; at: string }[] };
    };
    const mine = page.household.records.find((r) => r.note === note);
    expect(mine).toMatchObject({ kind: "VISIT", at: new Date(`${at}:00+07:00`).toISOString() });

    const fields = { at, note: `${note} (gửi lại)`, idempotencyKey: uid("visit") };
    const first = (await queueDoor(args(post(officer, "/x", fields), h.id))) as Response;
    const again = (await queueDoor(args(post(officer, "/x", fields), h.id))) as Response;
    expect(await first.json()).toMatchObject({ ok: true, replay: false });
    expect(await again.json()).toMatchObject({ ok: true, replay: true });
    expect(await prisma.onboardingRecord.count({ where: { note: fields.note } })).toBe(1);
  });

  it("refuses an empty note and a visit in the future, keeping what was typed", async () => {
    const officer = await client(OFFICER);
    const h = await prisma.household.findFirstOrThrow();
    const empty = (await settle(() =>
      action(args(post(officer, "/x", { at: local(new Date()), note: " " }), h.id)),
    )) as { data: { error: string } };
    expect(status(empty)).toBe(400);
    expect(empty.data.error).toBe("visit.error.note");
    const ahead = (await settle(() =>
      action(
        args(
          post(officer, "/x", { at: local(new Date(Date.now() + 86_400_000)), note: "Sẽ thăm" }),
          h.id,
        ),
      ),
    )) as { data: { error: string; values: { note: string } } };
    expect(ahead.data).toMatchObject({
      error: "training.error.future",
      values: { note: "Sẽ thăm" },
    });
    expect(status(await settle(() => loader(args(get(officer, "/x"), "no-such-household"))))).toBe(
      404,
    );
  });

  it("households and buyers can neither read nor write visit notes; guests go to the login", async () => {
    const h = await prisma.household.findFirstOrThrow();
    for (const phone of [HOUSEHOLD, BUYER]) {
      const c = await client(phone);
      expect(status(await settle(() => loader(args(get(c, "/x"), h.id))))).toBe(403);
      expect(
        status(
          await settle(() =>
            action(args(post(c, "/x", { at: local(new Date()), note: "x x x" }), h.id)),
          ),
        ),
      ).toBe(403);
      expect(
        (
          (await queueDoor(
            args(post(c, "/x", { at: local(new Date()), note: "x x x" }), h.id),
          )) as Response
        ).status,
      ).toBe(403);
    }
    const guest = await settle(() => loader(args(get(null, "/x"), h.id)));
    expect((guest as Response).headers.get("Location")).toMatch(/^\/login/);
  });
});
