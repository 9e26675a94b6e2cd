// Forgotten password: a 6-digit code by SMS (outbox), then a new password. Driven
// through the real routes with real Requests against the seeded SQLite database.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeMatches } from "~/account/reset.server";
import { normalizePhone } from "~/domain/phone";
import { deliverNotifications } from "~/notifications/deliver.server";
import { action as forgot, loader as forgotLoader } from "~/routes/forgot-password";
import { action as reset, loader as resetLoader } from "~/routes/reset-password";
import { loader as passwordPage } from "~/routes/account.password";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { client, demoPassword, get, post, settle, type Client } from "../helpers/http";

const args = (request: Request) => ({ request, params: {}, context: {} });
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
type Reply = {
  data: { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };
};
const errors = (r: unknown) => (r as Reply).data.result.error ?? {};
const NEW_PASSWORD = "đồi-chè-tân-cương-2026";

function uniquePhone() {
  return `0986${String(randomInt(1_000_000)).padStart(6, "0")}`;
}
const e164 = (local: string) => `+84${local.slice(1)}`;
// each test its own client address, so the per-address limits of one test never touch another
const newAddress = () => `reset-test-${randomInt(1_000_000_000)}`;

async function person(role = "BUYER") {
  const phone = uniquePhone();
  const user = await prisma.user.create({
    data: {
      phone: e164(phone),
      name: "Người quên mật khẩu",
      role,
      passwordHash: await hashPassword(demoPassword),
    },
  });
  return { phone, user };
}

function from(
  c: Client,
  path: string,
  fields: Record<string, string>,
  address: string,
  opts: { csrf?: boolean } = {},
) {
  const r = post(c, path, fields, opts);
  const headers = new Headers(r.headers);
  headers.set("X-Client-Address", address);
  return new Request(r, { headers });
}

const ask = (c: Client, phone: string, address: string) =>
  settle(() => forgot(args(from(c, "/forgot-password", { phone }, address))));
const tryCode = (
  c: Client,
  phone: string,
  code: string,
  address: string,
  password = NEW_PASSWORD,
) =>
  settle(() =>
    reset(args(from(c, "/reset-password", { phone, code, password, confirm: password }, address))),
  );

/** The code as the SMS carries it: from the outbox row, or from the "sent" message once a worker delivered it. */
async function smsCodes(phone: string): Promise<string[]> {
  const rows = await prisma.outbox.findMany({
    where: { topic: "notify.sms", key: e164(phone) },
    orderBy: { id: "asc" },
  });
  const sent = await prisma.notification.findMany({
    where: { to: e164(phone) },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row, i) => {
    const code = String((JSON.parse(row.payload) as { code?: string }).code);
    return /^\d{6}$/.test(code) ? code : sent[i]!.body.slice(0, 6);
  });
}
const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("forgotten password", () => {
  it("answers an unknown number exactly like a known one, and texts only the known one", async () => {
    const known = await person();
    const unknown = uniquePhone();
    const c = await client();
    const address = newAddress();
    const a = (await ask(c, known.phone, address)) as Response;
    const b = (await ask(c, unknown, address)) as Response;
    expect(a.status).toBe(302);
    expect(b.status).toBe(302);
    // the number travels in a signed httpOnly cookie, never in the URL (history, logs, Referer)
    expect(a.headers.get("Location")).toBe("/reset-password?sent=1");
    expect(b.headers.get("Location")).toBe(a.headers.get("Location"));
    const cookieOf = (r: Response) => r.headers.get("Set-Cookie")!;
    expect(cookieOf(a)).toMatch(/^__reset_phone=.*HttpOnly/i);
    const step2 = (await resetLoader(
      args(get(null, "/reset-password?sent=1", { Cookie: cookieOf(a).split(";")[0] })),
    )) as { phone: string; sent: boolean };
    expect(normalizePhone(step2.phone)).toBe(normalizePhone(known.phone));
    expect(step2.sent).toBe(true);
    // a forged cookie (not signed with the secret) is ignored
    const forgedCookie = `__reset_phone=${Buffer.from(JSON.stringify("0912 000 001")).toString("base64")}`;
    expect(
      (
        (await resetLoader(args(get(null, "/reset-password", { Cookie: forgedCookie })))) as {
          phone: string;
        }
      ).phone,
    ).toBe("");
    expect(await prisma.outbox.count({ where: { topic: "notify.sms", key: e164(unknown) } })).toBe(
      0,
    );
    expect(
      await prisma.outbox.count({ where: { topic: "notify.sms", key: e164(known.phone) } }),
    ).toBe(1);
    // and step 2 answers a wrong code for the unknown number the way it does for a known one
    const wrongKnown = await tryCode(c, known.phone, "000000", address);
    const wrongUnknown = await tryCode(c, unknown, "000000", address);
    const [code] = await smsCodes(known.phone);
    if (code === "000000") return; // one in a million: the "wrong" code was right
    expect(errors(wrongKnown).code).toEqual([
      "Mã không đúng (hãy dùng mã trong tin nhắn mới nhất). Bạn còn 4 lần thử.",
    ]);
    expect(errors(wrongUnknown).code).toEqual(errors(wrongKnown).code);
  });

  it("texts a 6-digit code that resets the password once, logs in here and signs out every other device", async () => {
    const { phone, user } = await person();
    const phoneA = await client(phone);
    const phoneB = await client(phone);
    const c = await client();
    const address = newAddress();
    // any Vietnamese way of writing the number
    await ask(c, `+84 ${phone.slice(1, 4)} ${phone.slice(4)}`, address);
    const codes = await smsCodes(phone);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatch(/^\d{6}$/);

    // the code is stored only as a keyed hash
    const stored = await prisma.passwordResetCode.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.codeHash).not.toContain(codes[0]);
    expect(stored.codeHash).toMatch(/^hmac-sha256\$/);
    expect(codeMatches(codes[0]!, stored.codeHash)).toBe(true);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(10 * 60 * 1000);

    // a mismatched confirmation is refused before the code is spent; what was typed comes back, the passwords never
    const mismatch = await settle(() =>
      reset(
        args(
          from(
            c,
            "/reset-password",
            { phone, code: codes[0]!, password: NEW_PASSWORD, confirm: "khác-hẳn-2026" },
            address,
          ),
        ),
      ),
    );
    expect(errors(mismatch).confirm).toEqual(["password.mismatch"]);
    const kept = (mismatch as Reply).data.result.initialValue ?? {};
    expect(kept.phone).toBe(phone);
    expect(kept.code).toBe(codes[0]);
    expect(kept.password).toBeUndefined();
    expect(kept.confirm).toBeUndefined();

    const done = (await tryCode(
      c,
      phone,
      ` ${codes[0]!.slice(0, 3)} ${codes[0]!.slice(3)}`,
      address,
    )) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/account?reset=done");
    const cookie = done.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__session=/);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(NEW_PASSWORD, after.passwordHash)).toBe(true);
    expect(await verifyPassword(demoPassword, after.passwordHash)).toBe(false);
    // every session that existed is gone; the new one (this device) is the only one
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    for (const old of [phoneA, phoneB])
      expect(status(await settle(() => passwordPage(args(get(old, "/account/password")))))).toBe(
        302,
      );
    const here = new Request("http://localhost:3000/account/password", {
      headers: { Cookie: cookie.split(";")[0]! },
    });
    expect(status(await settle(() => passwordPage(args(here))))).toBe(200);
    expect(
      await prisma.auditLog.count({ where: { action: "password.reset", entityId: user.id } }),
    ).toBe(1);

    // single use
    const again = await tryCode(c, phone, codes[0]!, address, "lan-thu-hai-2026");
    expect(status(again)).toBe(400);
    expect(errors(again).code).toEqual(["reset.none"]);
    const still = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(NEW_PASSWORD, still.passwordHash)).toBe(true);
  });

  it("counts wrong codes and voids the code after five", async () => {
    const { phone, user } = await person();
    const c = await client();
    const address = newAddress();
    await ask(c, phone, address);
    const [code] = await smsCodes(phone);
    const wrong = wrongOf(code!);
    for (const left of [4, 3, 2, 1])
      expect(errors(await tryCode(c, phone, wrong, address)).code).toEqual([
        `Mã không đúng (hãy dùng mã trong tin nhắn mới nhất). Bạn còn ${left} lần thử.`,
      ]);
    expect(errors(await tryCode(c, phone, wrong, address)).code).toEqual(["reset.void"]);
    // the right code no longer works either
    expect(errors(await tryCode(c, phone, code!, address)).code).toEqual(["reset.void"]);
    expect(
      (await prisma.passwordResetCode.findFirstOrThrow({ where: { userId: user.id } })).attempts,
    ).toBe(5);
    expect(
      await verifyPassword(
        demoPassword,
        (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
      ),
    ).toBe(true);
  });

  it("refuses an expired code with its own message", async () => {
    const { phone, user } = await person();
    const c = await client();
    const address = newAddress();
    await ask(c, phone, address);
    const [code] = await smsCodes(phone);
    await prisma.passwordResetCode.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const r = await tryCode(c, phone, code!, address);
    expect(status(r)).toBe(400);
    expect(errors(r).code).toEqual(["reset.expired"]);
    expect(
      await verifyPassword(
        demoPassword,
        (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
      ),
    ).toBe(true);
  });

  it("voids the older code when a newer one is sent", async () => {
    const { phone, user } = await person();
    const c = await client();
    const address = newAddress();
    await ask(c, phone, address);
    await ask(c, phone, address);
    const [older, newer] = await smsCodes(phone);
    expect(await prisma.passwordResetCode.count({ where: { userId: user.id, usedAt: null } })).toBe(
      1,
    );
    // the older code is now just a wrong guess against the newer one
    if (older !== newer)
      expect(errors(await tryCode(c, phone, older!, address)).code).toEqual([
        "Mã không đúng (hãy dùng mã trong tin nhắn mới nhất). Bạn còn 4 lần thử.",
      ]);
    expect(status(await tryCode(c, phone, newer!, address))).toBe(302);
  });

  it("throttles codes per phone and per client address, with the wait in minutes", async () => {
    const c = await client();
    // per phone: three an hour, the same for a number without an account
    for (const phone of [(await person()).phone, uniquePhone()]) {
      for (let i = 0; i < 3; i++) expect(status(await ask(c, phone, newAddress()))).toBe(302);
      const fourth = await ask(c, phone, newAddress());
      expect(status(fourth)).toBe(429);
      expect((fourth as Reply).data.result.error?.[""]?.[0]).toMatch(
        /Hãy thử lại sau (60|59) phút\./,
      );
    }
    // per address: ten an hour, whatever the numbers
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect(status(await ask(c, uniquePhone(), address))).toBe(302);
    expect(status(await ask(c, uniquePhone(), address))).toBe(429);
    // wrong codes per address: twenty in fifteen minutes, across numbers
    const guesser = newAddress();
    for (let i = 0; i < 20; i++)
      expect(status(await tryCode(c, uniquePhone(), "123456", guesser))).toBe(400);
    const limited = await tryCode(c, uniquePhone(), "123456", guesser);
    expect(status(limited)).toBe(429);
    expect((limited as Reply).data.result.error?.[""]?.[0]).toMatch(
      /Nhập sai mã quá nhiều lần\. Hãy thử lại sau 15 phút\./,
    );
  });

  it("sends sellers and staff where login sends them", async () => {
    const c = await client();
    for (const [role, landing] of [
      ["HOUSEHOLD", "/console"],
      ["OFFICER", "/officer"],
      ["ADMIN", "/admin"],
    ] as const) {
      const { phone } = await person(role);
      const address = newAddress();
      await ask(c, phone, address);
      const [code] = await smsCodes(phone);
      const r = (await tryCode(c, phone, code!, address)) as Response;
      expect(r.headers.get("Location")).toBe(`${landing}?reset=done`);
    }
  });

  it("refuses forged posts on both steps", async () => {
    const { phone, user } = await person();
    const c = await client();
    const address = newAddress();
    expect(
      status(
        await settle(() =>
          forgot(args(from(c, "/forgot-password", { phone }, address, { csrf: false }))),
        ),
      ),
    ).toBe(403);
    expect(await prisma.outbox.count({ where: { topic: "notify.sms", key: e164(phone) } })).toBe(0);
    await ask(c, phone, address);
    const [code] = await smsCodes(phone);
    const forged = from(
      c,
      "/reset-password",
      { phone, code: code!, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      address,
      { csrf: false },
    );
    expect(status(await settle(() => reset(args(forged))))).toBe(403);
    expect(
      await verifyPassword(
        demoPassword,
        (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
      ),
    ).toBe(true);
    // the send-again link keeps the number (from the cookie step 1 set)
    const sent = (await ask(c, phone, address)) as Response;
    const again = (await forgotLoader(
      args(
        get(null, "/forgot-password", { Cookie: sent.headers.get("Set-Cookie")!.split(";")[0] }),
      ),
    )) as { phone: string };
    expect(normalizePhone(again.phone)).toBe(normalizePhone(phone));
  });

  it("delivers the code by SMS and does not keep it in the outbox afterwards", async () => {
    const { phone } = await person();
    const c = await client();
    await ask(c, phone, newAddress());
    const row = await prisma.outbox.findFirstOrThrow({
      where: { topic: "notify.sms", key: e164(phone) },
    });
    const [code] = await smsCodes(phone);
    if (!row.processedAt) await deliverNotifications([row]);
    const sms = await prisma.notification.findFirstOrThrow({ where: { to: e164(phone) } });
    expect(sms.channel).toBe("SMS");
    expect(sms.body).toContain(`${code} là mã đặt lại mật khẩu Xứ Trà`);
    expect(sms.body).toContain("10 phút");
    const done = await prisma.outbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(done.processedAt).not.toBeNull();
    expect(done.payload).not.toContain(code!);
  });
});
