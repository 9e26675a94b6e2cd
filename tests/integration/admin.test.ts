// Admins suspend and restore stalls: the products leave (and come back to)
// search through the outbox, the reason is kept in the audit log, and nobody
// else can do it.
import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/admin.stalls";
import { parseSearchParams } from "~/search/params";
import { searchProducts } from "~/search/query.server";
import { drainOutbox } from "~/search/worker.server";
import { prisma } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";
import { client, get, post, settle } from "../helpers/http";

const T = `adm${Date.now().toString(36)}`;
const ADMIN = "0912000005";
const args = (request: Request) => ({ request, params: {}, context: {} });
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const found = async (word: string) =>
  (await searchProducts(parseSearchParams(new URLSearchParams(`q=${word}`)))).hits.map((h) => h.id);

describe("admin: suspending a stall", () => {
  it("takes its products out of search with a reason, and restoring brings them back", async () => {
    const stall = await makeStall(T);
    await makeProduct(stall.id, T, { name: `Chè thử khoá ${T}` });
    await drainOutbox();
    expect(await found(T)).toContain(`prod-${T}`);

    const admin = await client(ADMIN);
    const list = (await loader(args(get(admin, `/admin/stalls?q=${T}`)))) as Awaited<
      ReturnType<typeof loader>
    >;
    expect(list.stalls.map((s) => s.id)).toEqual([stall.id]);

    // a reason is required; what was typed is not lost (there was nothing) and nothing changes
    const refused = await settle(() =>
      action(args(post(admin, "/admin/stalls", { id: stall.id, intent: "ban", reason: "  " }))),
    );
    expect(status(refused)).toBe(400);
    expect((refused as unknown as { data: { error: string } }).data.error).toBe(
      "admin.stalls.reasonRequired",
    );
    expect((await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).banned).toBe(false);

    const banned = (await settle(() =>
      action(
        args(
          post(admin, "/admin/stalls", {
            id: stall.id,
            intent: "ban",
            reason: "Bán hàng giả nhãn OCOP",
          }),
        ),
      ),
    )) as Response;
    expect(banned.headers.get("Location")).toBe("/admin/stalls?done=ban");
    expect((await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).banned).toBe(true);
    // a double submit changes nothing more
    await settle(() =>
      action(args(post(admin, "/admin/stalls", { id: stall.id, intent: "ban", reason: "again" }))),
    );
    const entries = await prisma.auditLog.findMany({
      where: { entity: "Stall", entityId: stall.id, action: "stall.banned" },
    });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].data)).toEqual({ reason: "Bán hàng giả nhãn OCOP" });
    await drainOutbox();
    expect(await found(T)).not.toContain(`prod-${T}`);
    const after = (await loader(args(get(admin, `/admin/stalls?q=${T}`)))) as Awaited<
      ReturnType<typeof loader>
    >;
    expect(after.stalls[0]).toMatchObject({ banned: true, reason: "Bán hàng giả nhãn OCOP" });

    await settle(() =>
      action(args(post(admin, "/admin/stalls", { id: stall.id, intent: "unban" }))),
    );
    expect((await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).banned).toBe(false);
    await drainOutbox();
    expect(await found(T)).toContain(`prod-${T}`);
  });

  it("is for admins only, and needs the CSRF token", async () => {
    const stall = await makeStall(`${T}-x`);
    for (const phone of [undefined, "0912000001", "0912000002", "0912000003", "0912000004"]) {
      const c = await client(phone);
      const read = await settle(() => loader(args(get(c, "/admin/stalls"))));
      expect([302, 403]).toContain(status(read));
      const write = await settle(() =>
        action(args(post(c, "/admin/stalls", { id: stall.id, intent: "ban", reason: "x" }))),
      );
      expect([302, 403]).toContain(status(write));
    }
    const admin = await client(ADMIN);
    const forged = await settle(() =>
      action(
        args(
          post(
            admin,
            "/admin/stalls",
            { id: stall.id, intent: "ban", reason: "x" },
            { csrf: false },
          ),
        ),
      ),
    );
    expect(status(forged)).toBe(403);
    expect((await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).banned).toBe(false);
  });
});
