// Changing one's password: the current one is checked (and guessing it is
// throttled), the new one is confirmed, and every other device is signed out.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/account.password";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { client, demoPassword, get, post, settle } from "../helpers/http";

const args = (request: Request) => ({ request, params: {}, context: {} });
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const fieldErrors = (r: unknown) =>
  (r as { data: { result: { error: Record<string, string[]> } } }).data.result.error;

async function person() {
  const phone = `0917${String(randomInt(1_000_000)).padStart(6, "0")}`;
  await prisma.user.create({
    data: {
      phone: `+84${phone.slice(1)}`,
      name: "Người đổi mật khẩu",
      role: "BUYER",
      passwordHash: await hashPassword(demoPassword),
    },
  });
  return phone;
}

describe("changing the password", () => {
  it("checks the current password and the confirmation, then signs out every other device", async () => {
    const phone = await person();
    const here = await client(phone);
    const elsewhere = await client(phone);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: here.userId! } });
    const change = (fields: Record<string, string>) =>
      settle(() => action(args(post(here, "/account/password", fields))));

    const wrong = await change({
      current: "not-it-at-all",
      password: "chè-tân-cương-2026",
      confirm: "chè-tân-cương-2026",
    });
    expect(status(wrong)).toBe(400);
    expect(fieldErrors(wrong).current).toEqual(["password.wrong"]);
    const mismatch = await change({
      current: demoPassword,
      password: "chè-tân-cương-2026",
      confirm: "che-tan-cuong-2026",
    });
    expect(fieldErrors(mismatch).confirm).toEqual(["password.mismatch"]);
    const short = await change({ current: demoPassword, password: "ngắn", confirm: "ngắn" });
    expect(fieldErrors(short).password).toEqual(["signup.passwordShort"]);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    const ok = (await change({
      current: demoPassword,
      password: "chè-tân-cương-2026",
      confirm: "chè-tân-cương-2026",
    })) as Response;
    expect(ok.headers.get("Location")).toBe("/account/password?done");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("chè-tân-cương-2026", after.passwordHash)).toBe(true);
    expect(await verifyPassword(demoPassword, after.passwordHash)).toBe(false);
    // this device stays signed in, the other one is out
    expect(status(await settle(() => loader(args(get(here, "/account/password")))))).toBe(200);
    expect(status(await settle(() => loader(args(get(elsewhere, "/account/password")))))).toBe(302);
    expect(
      await prisma.auditLog.count({ where: { action: "password.changed", entityId: user.id } }),
    ).toBe(1);
  });

  it("throttles guessing the current password, refuses forged posts and strangers", async () => {
    const phone = await person();
    const c = await client(phone);
    for (let i = 0; i < 5; i++)
      await settle(() =>
        action(
          args(
            post(c, "/x", {
              current: `guess-${i}`,
              password: "mat-khau-moi-1",
              confirm: "mat-khau-moi-1",
            }),
          ),
        ),
      );
    const sixth = await settle(() =>
      action(
        args(
          post(c, "/x", {
            current: demoPassword,
            password: "mat-khau-moi-1",
            confirm: "mat-khau-moi-1",
          }),
        ),
      ),
    );
    expect(status(sixth)).toBe(429);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: c.userId! } });
    expect(await verifyPassword(demoPassword, stored.passwordHash)).toBe(true);

    expect(
      status(
        await settle(() =>
          action(
            args(
              post(
                c,
                "/x",
                { current: demoPassword, password: "mat-khau-moi-1", confirm: "mat-khau-moi-1" },
                { csrf: false },
              ),
            ),
          ),
        ),
      ),
    ).toBe(403);
    expect(status(await settle(() => loader(args(get(null, "/account/password")))))).toBe(302);
  });
});
