// Limits are taken atomically BEFORE the work they guard (docs/decisions/0040):
// parallel bursts get exactly the allowed number of password or code checks.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { logIn } from "~/account/login.server";
import { resetWithCode, requestResetCode } from "~/account/reset.server";
import { ACCOUNT_TIERS, ADDRESS_TIERS, CHECKS_PER_BURST } from "~/domain/login-limits";
import { MAX_ATTEMPTS } from "~/domain/reset-code";
import { action as signupAction } from "~/routes/signup";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { giveBackRateLimit, takeRateLimit, takeRateLimits } from "~/utils/rate-limit.server";
import { client, demoPassword, post, settle } from "../helpers/http";

const tag = () => `${Date.now()}-${randomInt(1_000_000_000)}`;
const e164 = () => `+84986${String(randomInt(1_000_000)).padStart(6, "0")}`;
const failedLogins = (phone: string) =>
  prisma.auditLog.count({ where: { action: "login.failed", data: { contains: phone } } });
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

async function account(phone = e164()) {
  await prisma.user.create({
    data: {
      phone,
      name: "Người thử",
      role: "BUYER",
      passwordHash: await hashPassword(demoPassword),
    },
  });
  return phone;
}

describe("the counter", () => {
  it("hands out exactly `limit` tokens to a burst of parallel takes, and none while full", async () => {
    const key = `test-burst:${tag()}`;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => takeRateLimit(key, 7, 60_000)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(
      results
        .filter((r) => !r.allowed)
        .every((r) => r.retryAfterSeconds > 0 && r.retryAfterSeconds <= 60),
    ).toBe(true);
    // refused takes are not counted
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(7);
  });

  it("opens a new window once the old one is over, exactly once under a burst", async () => {
    const key = `test-window:${tag()}`;
    const start = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < 3; i++) await takeRateLimit(key, 3, 60_000, start);
    expect((await takeRateLimit(key, 3, 60_000, new Date(start.getTime() + 30_000))).allowed).toBe(
      false,
    );
    const later = new Date(start.getTime() + 61_000);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => takeRateLimit(key, 3, 60_000, later)),
    );
    expect(burst.filter((r) => r.allowed)).toHaveLength(3);
  });

  it("takes from every counter or from none", async () => {
    const a = { key: `test-all-a:${tag()}`, limit: 10, windowMs: 60_000 };
    const b = { key: `test-all-b:${tag()}`, limit: 1, windowMs: 60_000 };
    expect((await takeRateLimits([a, b])).allowed).toBe(true);
    expect((await takeRateLimits([a, b])).allowed).toBe(false);
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: a.key } })).count).toBe(1); // given back
    await giveBackRateLimit(b.key);
    expect((await takeRateLimits([a, b])).allowed).toBe(true);
  });
});

describe("login", () => {
  it("checks at most the limit of 40 parallel wrong passwords on one phone; the rest are refused", async () => {
    const phone = await account();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        logIn({ phone, password: `wrong-${i}`, address: `burst-${tag()}` }),
      ),
    );
    expect(results.filter((r) => r.kind === "invalid")).toHaveLength(CHECKS_PER_BURST);
    expect(results.filter((r) => r.kind === "limited")).toHaveLength(40 - CHECKS_PER_BURST);
    expect(await failedLogins(phone)).toBe(CHECKS_PER_BURST); // every check is audited: no more happened
    // the right password is refused too while the account waits
    expect((await logIn({ phone, password: demoPassword, address: `other-${tag()}` })).kind).toBe(
      "limited",
    );
  });

  it("limits the account whatever address the tries come from, with longer waits as failures go on", async () => {
    const phone = await account();
    const t0 = new Date();
    const first = await Promise.all(
      Array.from({ length: 6 }, () => logIn({ phone, password: "nope", address: `addr-${tag()}` })),
    );
    const refused = first.find((r) => r.kind === "limited") as { retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(ACCOUNT_TIERS[0].windowMs / 1000);
    // the first window is over (simulated by moving it back): five more, then the hour tier holds
    await prisma.rateLimit.update({
      where: { key: `login:${phone}:t0` },
      data: { windowStart: new Date(t0.getTime() - ACCOUNT_TIERS[0].windowMs - 1000) },
    });
    const second = await Promise.all(
      Array.from({ length: 6 }, () => logIn({ phone, password: "nope", address: `addr-${tag()}` })),
    );
    expect(second.filter((r) => r.kind === "invalid")).toHaveLength(5);
    const longer = second.find((r) => r.kind === "limited") as { retryAfterSeconds: number };
    expect(longer.retryAfterSeconds).toBeGreaterThan(ACCOUNT_TIERS[0].windowMs / 1000);
  });

  it("lets other people behind the same address log in after one phone is locked (carrier NAT)", async () => {
    const address = `nat-${tag()}`;
    const attacked = await account();
    for (let i = 0; i < 10; i++) await logIn({ phone: attacked, password: "nope", address });
    // more failures on other numbers from the same address: still far under its ceiling
    await Promise.all(
      Array.from({ length: 10 }, () => logIn({ phone: e164(), password: "nope", address })),
    );
    const neighbour = await account();
    expect((await logIn({ phone: neighbour, password: demoPassword, address })).kind).toBe("ok");
    expect(ADDRESS_TIERS[0].limit).toBeGreaterThanOrEqual(100);
  });

  it("the address ceiling holds a burst too, and successful logins do not use it up", async () => {
    const address = `ceiling-${tag()}`;
    const key = `login-addr:${address}:t0`;
    // the address has already failed all but three of its tries in this window
    await prisma.rateLimit.create({
      data: { key, count: ADDRESS_TIERS[0].limit - 3, windowStart: new Date() },
    });
    const ok = await account();
    for (let i = 0; i < 5; i++)
      expect((await logIn({ phone: ok, password: demoPassword, address })).kind).toBe("ok");
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => logIn({ phone: e164(), password: "nope", address })),
    );
    expect(burst.filter((r) => r.kind === "invalid")).toHaveLength(3);
    expect(burst.filter((r) => r.kind === "limited")).toHaveLength(7);
  });

  it("a successful login starts the account afresh", async () => {
    const phone = await account();
    const address = `fresh-${tag()}`;
    for (let i = 0; i < 4; i++) await logIn({ phone, password: "nope", address });
    expect((await logIn({ phone, password: demoPassword, address })).kind).toBe("ok");
    for (let i = 0; i < 4; i++)
      expect((await logIn({ phone, password: "nope", address })).kind).toBe("invalid");
  });
});

describe("sign-up says a number is taken, so it is throttled like a login", () => {
  it("answers a burst of parallel sign-ups for one taken number at most five times", async () => {
    const phone = await account();
    const local = `0${phone.slice(3)}`;
    const c = await client();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const r = post(c, "/signup", {
          name: "Kẻ dò số",
          phone: local,
          password: "mat-khau-dai-du",
        });
        const headers = new Headers(r.headers);
        headers.set("X-Client-Address", `signup-${tag()}-${i}`);
        return settle(() =>
          signupAction({ request: new Request(r, { headers }), params: {}, context: {} }),
        );
      }),
    );
    expect(results.filter((r) => status(r) === 409)).toHaveLength(5);
    expect(results.filter((r) => status(r) === 429)).toHaveLength(7);
  });
});

describe("password reset codes", () => {
  it("compares at most five of a burst of guesses at one code", async () => {
    const phone = await account();
    await requestResetCode(phone, `ask-${tag()}`);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        resetWithCode({
          phone,
          code: String(100000 + i),
          password: "mat-khau-moi-dai",
          address: `guess-${tag()}-${i}`,
        }),
      ),
    );
    expect(
      guesses.filter((r) => r.kind === "wrong").length +
        guesses.filter((r) => r.kind === "void").length,
    ).toBe(30);
    const row = await prisma.passwordResetCode.findFirstOrThrow({ where: { user: { phone } } });
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.usedAt).toBeNull();
  });

  it("hands out at most three codes to a burst of requests for one phone", async () => {
    const phone = await account();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => requestResetCode(phone, `send-${tag()}-${i}`)),
    );
    expect(results.filter((r) => r.kind === "sent")).toHaveLength(3);
  });
});
