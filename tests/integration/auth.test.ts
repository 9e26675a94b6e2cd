import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "~/domain/demo-users";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { getUser, requireUser } from "~/utils/auth.server";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";
import { client, demoPassword, get, post, settle } from "../helpers/http";

type DataResult = { type: string; init: { status: number } | null };
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as DataResult).init?.status ?? 200);

describe("login", () => {
  it("logs every demo user in and sends them to their home", async () => {
    const homes: Record<string, string> = {
      BUYER: "/",
      HOUSEHOLD: "/console",
      COOP_MANAGER: "/console",
      OFFICER: "/officer",
      ADMIN: "/admin",
    };
    for (const u of DEMO_USERS) {
      const c = await client();
      const res = await settle(() =>
        loginAction({
          request: post(c, "/login", { phone: u.phone, password: demoPassword }),
          params: {},
          context: {},
        }),
      );
      expect(res).toBeInstanceOf(Response);
      const r = res as Response;
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toBe(homes[u.role]);
      const cookie = r.headers.get("Set-Cookie")!;
      expect(cookie).toMatch(/__session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const user = await getUser(
        new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } }),
      );
      expect(user?.role).toBe(u.role);
    }
  });

  it("accepts the phone as people type it", async () => {
    const c = await client();
    const res = (await settle(() =>
      loginAction({
        request: post(c, "/login", { phone: "+84 912 000 001", password: demoPassword }),
        params: {},
        context: {},
      }),
    )) as Response;
    expect(res.status).toBe(302);
  });

  it("refuses a wrong password without saying which part was wrong, and keeps the phone typed", async () => {
    const c = await client();
    const res = await settle(() =>
      loginAction({
        request: post(c, "/login", { phone: "0912000001", password: "nope" }),
        params: {},
        context: {},
      }),
    );
    expect(status(res)).toBe(401);
    const reply = (
      res as unknown as {
        data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      }
    ).data.result;
    expect(JSON.stringify(reply.error)).toContain("Số điện thoại hoặc mật khẩu không đúng");
    expect(reply.initialValue.phone).toBe("0912000001");
    expect(reply.initialValue.password).toBeUndefined();
  });

  it("refuses a form without the CSRF token", async () => {
    const c = await client();
    const res = await settle(() =>
      loginAction({
        request: post(
          c,
          "/login",
          { phone: "0912000001", password: demoPassword },
          { csrf: false },
        ),
        params: {},
        context: {},
      }),
    );
    expect(status(res)).toBe(403);
  });

  it("throttles repeated failures for one phone from one address, even with the right password after", async () => {
    const phone = "0913000007";
    for (let i = 0; i < 5; i++) {
      const c = await client();
      expect(
        status(
          await settle(() =>
            loginAction({
              request: post(c, "/login", { phone, password: `wrong-${i}` }),
              params: {},
              context: {},
            }),
          ),
        ),
      ).toBe(401);
    }
    const c = await client();
    const res = await settle(() =>
      loginAction({
        request: post(c, "/login", { phone, password: demoPassword }),
        params: {},
        context: {},
      }),
    );
    expect(status(res)).toBe(429);
    expect(
      await prisma.auditLog.count({
        where: { action: "login.failed", data: { contains: "+84913000007" } },
      }),
    ).toBe(5);
  });

  it("logout deletes the session row", async () => {
    const c = await client("0912000001");
    const before = await prisma.session.count({ where: { userId: c.userId! } });
    const res = (await settle(() =>
      logoutAction({ request: post(c, "/logout", {}), params: {}, context: {} }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: c.userId! } })).toBe(before - 1);
    expect(await getUser(get(c, "/"))).toBeNull();
  });
});

describe("guards", () => {
  it("sends anonymous users to login with the way back", async () => {
    const res = (await settle(() => requireUser(get(null, "/console?x=1")))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fconsole%3Fx%3D1");
  });

  it("forbids the wrong role", async () => {
    const buyer = await client("0912000001");
    expect(
      ((await settle(() => requireUser(get(buyer, "/console"), ["HOUSEHOLD"]))) as Response).status,
    ).toBe(403);
  });

  it("lets a household reach its own stall but not another's", async () => {
    const seller = await client("0912000002");
    const own = await prisma.stall.findFirstOrThrow({ where: { householdId: "hh-001" } });
    const other = await prisma.stall.findFirstOrThrow({
      where: { householdId: { not: "hh-001" } },
    });
    const coopStall = await prisma.stall.findFirstOrThrow({
      where: { cooperativeId: "coop-hao-dat" },
    });
    expect((await requireStallAccess(get(seller, "/"), own.id)).stall.id).toBe(own.id);
    expect(
      ((await settle(() => requireStallAccess(get(seller, "/"), other.id))) as Response).status,
    ).toBe(403);
    expect(
      ((await settle(() => requireStallAccess(get(seller, "/"), coopStall.id))) as Response).status,
    ).toBe(403);
    expect(
      ((await settle(() => requireStallAccess(get(seller, "/"), "no-such-stall"))) as Response)
        .status,
    ).toBe(404);
  });

  it("lets a cooperative manager reach the cooperative's stall only", async () => {
    const manager = await client("0912000003");
    const coopStall = await prisma.stall.findFirstOrThrow({
      where: { cooperativeId: "coop-hao-dat" },
    });
    const otherCoop = await prisma.stall.findFirstOrThrow({
      where: { cooperativeId: "coop-la-bang" },
    });
    expect((await requireStallAccess(get(manager, "/"), coopStall.id)).stall.id).toBe(coopStall.id);
    expect(
      ((await settle(() => requireStallAccess(get(manager, "/"), otherCoop.id))) as Response)
        .status,
    ).toBe(403);
  });
});
