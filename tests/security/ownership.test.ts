// The ownership matrix, from the outside. The full matrix (every stall screen ×
// another household, a member household, another cooperative's manager; every
// loader and action) is tests/integration/console.test.ts, "ownership matrix",
// driving the real loaders and actions. Here the same rule is checked over HTTP
// against npm start's stack: the routes, cookies and CSRF of a real browser.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { Outsider } from "./support/outsider";

const STALL = "stall-coop-hao-dat"; // the cooperative's stall, run by its manager 0912000003

describe("ownership over HTTP", () => {
  it("people from outside a stall get 403 on its screens and cannot change it; its manager gets in", async () => {
    const before = JSON.stringify(await prisma.stall.findUniqueOrThrow({ where: { id: STALL } }));
    const screens = [
      "",
      "/orders",
      "/settings",
      "/certificates",
      "/csv",
      "/sales",
      "/products.csv",
      "/products/new",
    ].map((p) => `/console/stalls/${STALL}${p}`);
    for (const phone of [
      "0912000002" /* a member household */,
      "0913000002" /* another household */,
      "0914000001" /* another cooperative's manager */,
    ]) {
      const o = new Outsider();
      await o.login(phone);
      for (const url of screens) expect((await o.get(url)).status, `${phone} GET ${url}`).toBe(403);
      await o.page("/console");
      const save = await o.post(`/console/stalls/${STALL}/settings`, {
        name: "Chiếm quầy",
        communeCode: "05503",
        status: "CLOSED",
      });
      expect(save.status, `${phone} POST settings`).toBe(403);
    }
    // not logged in: sent to the login page
    const anon = await new Outsider().get(`/console/stalls/${STALL}/settings`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login/);
    expect(JSON.stringify(await prisma.stall.findUniqueOrThrow({ where: { id: STALL } }))).toBe(
      before,
    );

    const manager = new Outsider();
    await manager.login("0912000003");
    expect((await manager.get(`/console/stalls/${STALL}/settings`)).status).toBe(200);
  });
});
