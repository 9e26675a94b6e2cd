// Runs after the journeys (it stops Meilisearch): the site must stay up.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";

const dataDir = process.env.E2E_DATA_DIR!;

test("killing Meilisearch leaves the site up; /healthz says degraded, then recovers", async ({ page, request }) => {
  test.setTimeout(90_000);
  const pid = Number(await fs.readFile(path.join(dataDir, "meili.pid"), "utf8"));
  process.kill(pid, "SIGKILL");
  await expect.poll(async () => (await (await request.get("/healthz")).json()).search, { timeout: 10_000 }).toBe("degraded");
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "degraded", database: "ok" });
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sản phẩm OCOP nổi bật" })).toBeVisible();
  // the supervisor restarts it
  await expect.poll(async () => (await (await request.get("/healthz")).json()).search, { timeout: 60_000, intervals: [1000] }).toBe("ok");
});

test("a second npm start on the same data refuses clearly", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b) => (out += b));
  child.stderr.on("data", (b) => (out += b));
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  expect(code).toBe(1);
  expect(out).toContain("already running");
  expect(out).toContain("DATA_DIR=");
});
