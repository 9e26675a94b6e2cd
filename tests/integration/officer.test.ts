import { describe, expect, it } from "vitest";
import { action as reviewStall } from "~/routes/officer.stalls";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../helpers/http";
import { uid } from "../helpers/seller";

// Certificates' upload and review tests live beside the code: app/certificates/.
const HH1 = "0912000002";
const OFFICER = "0912000004";
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const errors = (r: unknown) =>
  (r as { data: { result: { error: Record<string, string[]> } } }).data.result.error;

describe("officer review", () => {
  it("verifies a pending stall, records it for the household and syncs search", async () => {
    const stall = await prisma.stall.create({
      data: {
        slug: uid("stall"),
        name: "Quầy chờ xác minh",
        householdId: "hh-030",
        communeCode: "05503",
        verification: "PENDING",
      },
    });
    const seller = await client(HH1);
    expect(
      status(
        await settle(() =>
          reviewStall(args(post(seller, "/x", { id: stall.id, decision: "VERIFIED" }))),
        ),
      ),
    ).toBe(403);
    const o = await client(OFFICER);
    expect(
      status(
        await settle(() =>
          reviewStall(
            args(post(o, "/x", { id: stall.id, decision: "VERIFIED", note: "Đã đến tận nơi" })),
          ),
        ),
      ),
    ).toBe(302);
    expect(await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).toMatchObject({
      verification: "VERIFIED",
      verifiedById: o.userId,
    });
    expect(
      await prisma.onboardingRecord.count({
        where: { householdId: "hh-030", kind: "STALL_VERIFIED", officerId: o.userId! },
      }),
    ).toBeGreaterThan(0);
    expect(await prisma.outbox.count({ where: { topic: "search.stall", key: stall.id } })).toBe(1);
  });
});

describe("onboarding records", () => {
  it("an officer records a training for a household by phone; others cannot", async () => {
    const { action: record, loader: records } = await import("~/routes/officer.onboarding");
    const o = await client(OFFICER);
    const topic = `Chụp ảnh sản phẩm ${uid()}`;
    const bad = await settle(() =>
      record(args(post(o, "/x", { phone: "0999", kind: "TRAINING", topic }))),
    );
    expect((bad as { data: { error: string; values: { topic: string } } }).data).toMatchObject({
      error: "form.phoneInvalid",
      values: { topic },
    });
    expect(
      status(
        await settle(() =>
          record(args(post(o, "/x", { phone: "0913 000 020", kind: "TRAINING", topic }))),
        ),
      ),
    ).toBe(302);
    const r = await prisma.onboardingRecord.findFirstOrThrow({ where: { topic } });
    expect(r).toMatchObject({ householdId: "hh-020", officerId: o.userId, kind: "TRAINING" });
    const list = (await records(args(get(o, "/x")))) as { records: { topic: string }[] };
    expect(list.records.map((x) => x.topic)).toContain(topic);
    const seller = await client(HH1);
    expect(
      status(
        await settle(() =>
          record(args(post(seller, "/x", { phone: "0913000020", kind: "TRAINING", topic: "x" }))),
        ),
      ),
    ).toBe(403);
  });
});

describe("an officer registers a new household (account, household, stall)", () => {
  const newPhone = () => `0978${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const fields = (over: Record<string, string> = {}) => ({
    personName: `Lê Thị Hoa ${uid()}`,
    phone: newPhone(),
    communeCode: "05503",
    hamlet: "Xóm Soi",
    stallName: "Chè nhà bà Hoa",
    password: "che-tan-cuong-2026",
    ...over,
  });

  it("creates a login that works, the household onboarded by the officer, its stall (verified in person) and records; search is told", async () => {
    const { action: onboard, loader: page } = await import("~/routes/officer.households.new");
    const { verifyPassword } = await import("~/utils/password.server");
    const { canManageStall } = await import("~/domain/roles");
    const o = await client(OFFICER);
    const f = fields({ verifiedInPerson: "on" });
    const res = await settle(() => onboard(args(post(o, "/officer/households/new", f))));
    expect(status(res)).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({
      where: { phone: `+84${f.phone.slice(1)}` },
      include: { household: { include: { stalls: true } } },
    });
    expect(user.role).toBe("HOUSEHOLD");
    expect(await verifyPassword(f.password, user.passwordHash)).toBe(true);
    const household = user.household!;
    expect(household).toMatchObject({
      name: `Hộ ${f.personName}`,
      hamlet: "Xóm Soi",
      communeCode: "05503",
      onboardedById: o.userId,
    });
    expect(household.stalls).toHaveLength(1);
    const stall = household.stalls[0];
    expect(stall).toMatchObject({
      name: "Chè nhà bà Hoa",
      status: "OPEN",
      verification: "VERIFIED",
      verifiedById: o.userId,
      cooperativeId: null,
    });
    expect((res as Response).headers.get("Location")).toBe(
      `/officer/households/new?created=${household.id}`,
    );
    const kinds = (
      await prisma.onboardingRecord.findMany({
        where: { householdId: household.id, officerId: o.userId! },
      })
    )
      .map((r) => r.kind)
      .sort();
    expect(kinds).toEqual(["ACCOUNT_CREATED", "STALL_OPENED", "STALL_VERIFIED"]);
    expect(await prisma.outbox.count({ where: { topic: "search.stall", key: stall.id } })).toBe(1);
    expect(
      await prisma.auditLog.count({
        where: { action: "household.onboard", actorId: o.userId!, onBehalfOfId: household.id },
      }),
    ).toBe(1);

    // the new household manages its own stall, and nobody else's
    const actor = {
      id: user.id,
      role: "HOUSEHOLD" as const,
      householdId: household.id,
      cooperativeId: null,
    };
    expect(canManageStall(actor, stall)).toBe(true);
    expect(canManageStall(actor, { householdId: "hh-001", cooperativeId: null })).toBe(false);
    const seller = await client(f.phone);
    const { loader: consoleHome } = await import("~/routes/console._index");
    const home = (await consoleHome(args(get(seller, "/console")))) as { stalls: { id: string }[] };
    expect(home.stalls.map((s) => s.id)).toEqual([stall.id]);

    // the confirmation names the household, without the password; another officer does not get it
    const shown = (await page(args(get(o, `/officer/households/new?created=${household.id}`)))) as {
      created: { name: string; stall: { verified: boolean } } | null;
    };
    expect(shown.created).toMatchObject({ name: household.name, stall: { verified: true } });
    expect(JSON.stringify(shown)).not.toContain(f.password);
    const admin = await client("0912000005");
    expect(
      (
        (await page(args(get(admin, `/officer/households/new?created=${household.id}`)))) as {
          created: unknown;
        }
      ).created,
    ).toBeNull();
  });

  it("without the in-person check the stall starts unverified (the household can ask for review later)", async () => {
    const { action: onboard } = await import("~/routes/officer.households.new");
    const o = await client(OFFICER);
    const f = fields();
    expect(status(await settle(() => onboard(args(post(o, "/x", f)))))).toBe(302);
    const h = await prisma.household.findFirstOrThrow({
      where: { name: `Hộ ${f.personName}` },
      include: { stalls: true },
    });
    expect(h.stalls[0]).toMatchObject({ verification: "UNVERIFIED", verifiedById: null });
    expect(
      (await prisma.onboardingRecord.findMany({ where: { householdId: h.id } }))
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["ACCOUNT_CREATED", "STALL_OPENED"]);
  });

  it("refuses a phone that already has an account, bad input and a short password, keeping what was typed (not the password); writes nothing", async () => {
    const { action: onboard } = await import("~/routes/officer.households.new");
    const o = await client(OFFICER);
    const before = await prisma.user.count();
    const taken = fields({ phone: "0913 000 020" }); // household hh-020's account
    const r1 = await settle(() => onboard(args(post(o, "/x", taken))));
    expect(status(r1)).toBe(409);
    expect(errors(r1).phone).toEqual(["onboard.phoneTaken"]);
    const kept = (r1 as { data: { result: { initialValue: Record<string, string> } } }).data.result
      .initialValue;
    expect(kept).toMatchObject({ personName: taken.personName, stallName: taken.stallName });
    expect(kept.password).toBeUndefined();

    const r2 = await settle(() =>
      onboard(args(post(o, "/x", fields({ phone: "12345", password: "ngan", stallName: "" })))),
    );
    expect(status(r2)).toBe(400);
    expect(errors(r2)).toMatchObject({
      phone: ["form.phoneInvalid"],
      password: ["onboard.passwordShort"],
      stallName: ["form.required"],
    });

    const r3 = await settle(() => onboard(args(post(o, "/x", fields({ communeCode: "NOWHERE" })))));
    expect(errors(r3).communeCode).toEqual(["form.required"]);
    expect(await prisma.user.count()).toBe(before);
  });

  it("a farmer who already buys here keeps the account: it becomes the household's seller login with the same password", async () => {
    const { action: onboard, loader: page } = await import("~/routes/officer.households.new");
    const { hashPassword, verifyPassword } = await import("~/utils/password.server");
    const phone = newPhone();
    const buyer = await prisma.user.create({
      data: {
        phone: `+84${phone.slice(1)}`,
        name: "Lý Văn Tài",
        role: "BUYER",
        passwordHash: await hashPassword("mua-che-tu-lau"),
      },
    });
    const o = await client(OFFICER);
    const res = await settle(() => onboard(args(post(o, "/x", fields({ phone, password: "" })))));
    expect(status(res)).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: buyer.id },
      include: { household: { include: { stalls: true } } },
    });
    expect(user.role).toBe("HOUSEHOLD");
    expect(await verifyPassword("mua-che-tu-lau", user.passwordHash)).toBe(true);
    expect(user.household!.stalls).toHaveLength(1);
    expect(
      (await prisma.onboardingRecord.findMany({ where: { householdId: user.household!.id } })).map(
        (r) => r.kind,
      ),
    ).toEqual(["STALL_OPENED"]);
    const shown = (await page(args(get(o, (res as Response).headers.get("Location")!)))) as {
      created: { existingAccount: boolean };
    };
    expect(shown.created.existingAccount).toBe(true);
    // the farmer's own session now opens the console on the new stall
    const farmer = await client(phone);
    const { loader: consoleHome } = await import("~/routes/console._index");
    expect(
      (
        (await consoleHome(args(get(farmer, "/console")))) as { stalls: { id: string }[] }
      ).stalls.map((x) => x.id),
    ).toEqual([user.household!.stalls[0].id]);

    // a staff account is never turned into a household; a new phone needs a password
    const r1 = await settle(() =>
      onboard(args(post(o, "/x", fields({ phone: "0912000004", password: "" })))),
    );
    expect(errors(r1).phone).toEqual(["onboard.phoneTaken"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { phone: "+84912000004" } })).role).toBe(
      "OFFICER",
    );
    const r2 = await settle(() => onboard(args(post(o, "/x", fields({ password: "" })))));
    expect(errors(r2).password).toEqual(["form.required"]);
  });

  it("only officers and admins may register households; a form without the CSRF token is refused", async () => {
    const { action: onboard, loader: page } = await import("~/routes/officer.households.new");
    for (const phone of [HH1, "0912000003", "0912000001"]) {
      const c = await client(phone);
      expect(status(await settle(() => page(args(get(c, "/officer/households/new")))))).toBe(403);
      const f = fields();
      expect(status(await settle(() => onboard(args(post(c, "/x", f)))))).toBe(403);
      expect(await prisma.user.count({ where: { phone: `+84${f.phone.slice(1)}` } })).toBe(0);
    }
    const anon = await settle(() => onboard(args(post(null, "/officer/households/new", fields()))));
    expect(status(anon)).toBe(302);
    const o = await client(OFFICER);
    const f = fields();
    expect(status(await settle(() => onboard(args(post(o, "/x", f, { csrf: false })))))).toBe(403);
    expect(await prisma.user.count({ where: { phone: `+84${f.phone.slice(1)}` } })).toBe(0);
  });
});

describe("admin home", () => {
  it("only admins see it: counts and the latest audit entries", async () => {
    const { loader: adminHome } = await import("~/routes/admin._index");
    for (const phone of [OFFICER, HH1, "0912000003", "0912000001"]) {
      const c = await client(phone);
      expect(status(await settle(() => adminHome(args(get(c, "/admin")))))).toBe(403);
    }
    const admin = await client("0912000005");
    const page = (await adminHome(args(get(admin, "/admin")))) as {
      counts: Record<string, number>;
      audit: { action: string }[];
    };
    expect(Object.keys(page.counts).sort()).toEqual(["orders", "products", "stalls", "users"]);
    expect(page.audit.length).toBeGreaterThan(0);
  });
});

describe("page titles follow the language", () => {
  it("console and officer pages title themselves in Vietnamese or English, not for search engines", async () => {
    const root = (locale: string) => ({ matches: [{ id: "root", data: { locale } }] }) as never;
    const pages: [string, string, string][] = [
      [
        "~/routes/officer.households.new",
        "Đăng ký hộ sản xuất mới · Xứ Trà",
        "Register a new farm household · Xứ Trà",
      ],
      ["~/routes/console.coop.members", "Hộ thành viên · Xứ Trà", "Member households · Xứ Trà"],
      ["~/routes/admin._index", "Quản trị · Xứ Trà", "Administration · Xứ Trà"],
    ];
    for (const [path, vi, en] of pages) {
      const { meta } = (await import(/* @vite-ignore */ path)) as {
        meta: (a: never) => Record<string, string>[];
      };
      expect(meta(root("vi"))).toContainEqual({ title: vi });
      expect(meta(root("en"))).toContainEqual({ title: en });
      expect(meta(root("en"))).toContainEqual({ name: "robots", content: "noindex" });
    }
  });
});

describe("an officer's households", () => {
  it("lists the households the officer registered, finds others by phone or name, and verifies a stall seen in person", async () => {
    const { action: onboard } = await import("~/routes/officer.households.new");
    const { action: verify, loader: households } =
      await import("~/routes/officer.households._index");
    const o = await client(OFFICER);
    const person = `Đặng Văn Bình ${uid()}`;
    const phone = `0979${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    await settle(() =>
      onboard(
        args(
          post(o, "/x", {
            personName: person,
            phone,
            communeCode: "05503",
            stallName: "Chè nhà ông Bình",
            password: "binh-tan-cuong",
          }),
        ),
      ),
    );
    type Page = { households: { name: string; stalls: { id: string; verification: string }[] }[] };
    const mine = (await households(args(get(o, "/officer/households")))) as Page;
    const entry = mine.households.find((h) => h.name === `Hộ ${person}`)!;
    expect(entry.stalls[0].verification).toBe("UNVERIFIED");
    // by phone (any spelling) and by name
    expect(
      (
        (await households(
          args(get(o, `/officer/households?q=${encodeURIComponent("+84" + phone.slice(1))}`)),
        )) as Page
      ).households.map((h) => h.name),
    ).toEqual([`Hộ ${person}`]);
    expect(
      (
        (await households(
          args(get(o, `/officer/households?q=${encodeURIComponent(person)}`)),
        )) as Page
      ).households,
    ).toHaveLength(1);

    // a seller or buyer cannot use the page
    for (const p of [HH1, "0912000001"]) {
      const c = await client(p);
      expect(
        status(
          await settle(() =>
            verify(args(post(c, "/x", { _action: "verify", stallId: entry.stalls[0].id }))),
          ),
        ),
      ).toBe(403);
    }
    expect(
      (await prisma.stall.findUniqueOrThrow({ where: { id: entry.stalls[0].id } })).verification,
    ).toBe("UNVERIFIED");

    const res = await settle(() =>
      verify(
        args(
          post(o, "/x", {
            _action: "verify",
            stallId: entry.stalls[0].id,
            note: "Đã xem vườn chè",
          }),
        ),
      ),
    );
    expect(status(res)).toBe(302);
    const stall = await prisma.stall.findUniqueOrThrow({ where: { id: entry.stalls[0].id } });
    expect(stall).toMatchObject({ verification: "VERIFIED", verifiedById: o.userId });
    expect(await prisma.outbox.count({ where: { topic: "search.stall", key: stall.id } })).toBe(2); // opened, then verified
    // a second click changes nothing; a cooperative's stall goes through the review queue instead
    expect(
      status(
        await settle(() => verify(args(post(o, "/x", { _action: "verify", stallId: stall.id })))),
      ),
    ).toBe(409);
    expect(
      status(
        await settle(() =>
          verify(args(post(o, "/x", { _action: "verify", stallId: "stall-coop-hao-dat" }))),
        ),
      ),
    ).toBe(404);
  });

  it("opens a stall for a household that has an account but no stall (say, a cooperative member), once", async () => {
    const { action: act } = await import("~/routes/officer.households._index");
    const { loader: consoleHome } = await import("~/routes/console._index");
    const phone = `+84977${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const user = await prisma.user.create({
      data: { phone, name: "Ma Thị Lan", passwordHash: "x", role: "HOUSEHOLD" },
    });
    const household = await prisma.household.create({
      data: {
        name: `Hộ Ma Thị Lan ${uid()}`,
        phone,
        communeCode: "05503",
        userId: user.id,
      },
    });
    const o = await client(OFFICER);
    const seller = await client(HH1);
    expect(
      status(
        await settle(() =>
          act(
            args(
              post(seller, "/x", {
                _action: "openStall",
                householdId: household.id,
                stallName: "Chè nhà Lan",
              }),
            ),
          ),
        ),
      ),
    ).toBe(403);
    const short = await settle(() =>
      act(args(post(o, "/x", { _action: "openStall", householdId: household.id, stallName: "x" }))),
    );
    expect((short as { data: { error: string } }).data.error).toBe("form.required");
    expect(
      status(
        await settle(() =>
          act(
            args(
              post(o, "/x", {
                _action: "openStall",
                householdId: household.id,
                stallName: "Chè nhà Lan",
                verifiedInPerson: "on",
              }),
            ),
          ),
        ),
      ),
    ).toBe(302);
    const stalls = await prisma.stall.findMany({ where: { householdId: household.id } });
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toMatchObject({
      name: "Chè nhà Lan",
      verification: "VERIFIED",
      verifiedById: o.userId,
      communeCode: "05503",
    });
    expect(
      (await prisma.onboardingRecord.findMany({ where: { householdId: household.id } }))
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["STALL_OPENED", "STALL_VERIFIED"]);
    expect(await prisma.outbox.count({ where: { topic: "search.stall", key: stalls[0].id } })).toBe(
      1,
    );
    const again = await settle(() =>
      act(
        args(
          post(o, "/x", {
            _action: "openStall",
            householdId: household.id,
            stallName: "Quầy thứ hai",
          }),
        ),
      ),
    );
    expect(status(again)).toBe(409);
    expect((again as { data: { error: string } }).data.error).toBe("onboard.hasStall");
    expect(await prisma.stall.count({ where: { householdId: household.id } })).toBe(1);
    // the household now finds it in its console
    const lan = await client(phone);
    expect(
      ((await consoleHome(args(get(lan, "/console")))) as { stalls: { id: string }[] }).stalls.map(
        (x) => x.id,
      ),
    ).toEqual([stalls[0].id]);
  });
});
