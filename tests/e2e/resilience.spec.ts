// Runs after the journeys (it stops Meilisearch): the site must stay up.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";

const dataDir = process.env.E2E_DATA_DIR!;

test("killing Meilisearch leaves the site up; /healthz says degraded, then recovers", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const pid = Number(await fs.readFile(path.join(dataDir, "meili.pid"), "utf8"));
  process.kill(pid, "SIGKILL");
  await expect
    .poll(async () => (await (await request.get("/healthz")).json()).search, { timeout: 10_000 })
    .toBe("degraded");
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "degraded", database: "ok" });
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sản phẩm OCOP nổi bật" })).toBeVisible();
  // the supervisor restarts it
  await expect
    .poll(async () => (await (await request.get("/healthz")).json()).search, {
      timeout: 60_000,
      intervals: [1000],
    })
    .toBe("ok");
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

/** The app server the supervisor (the pid in the data directory's lock) runs now. */
async function appServerPid(): Promise<number | null> {
  const { pid: supervisor } = JSON.parse(
    await fs.readFile(path.join(dataDir, "xutra.lock"), "utf8"),
  ) as { pid: number };
  for (const entry of await fs.readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== supervisor) continue;
    const cmd = (await fs.readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (
      cmd.some((a) => /\/(server\.ts|app-server\.mjs)$/.test(a)) &&
      !cmd.some((a) => a.includes("stripe-local"))
    )
      return Number(entry);
  }
  return null;
}

test("killing the app server: the supervisor starts it again and the site comes back", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const before = await appServerPid();
  expect(before).not.toBeNull();
  process.kill(before!, "SIGKILL"); // as the kernel's out-of-memory killer would
  await expect
    .poll(async () => (await fs.stat(`/proc/${before}`).catch(() => null)) === null, {
      timeout: 10_000,
    })
    .toBe(true);
  // a new app server under the same supervisor, serving again
  await expect
    .poll(
      async () => {
        const now = await appServerPid();
        const ok = await request
          .get("/healthz", { timeout: 2000 })
          .then((r) => r.ok())
          .catch(() => false);
        return now !== null && now !== before && ok;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  expect(Number(await fs.readFile(path.join(dataDir, "app.pid"), "utf8"))).toBe(
    await appServerPid(),
  );
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sản phẩm OCOP nổi bật" })).toBeVisible();
});
