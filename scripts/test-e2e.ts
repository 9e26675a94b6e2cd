// `npm run test:e2e`: brings up the real stack exactly as `npm start` does, in a
// temporary data directory on a free port, runs Playwright against it, stops it.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, stop } from "./lib/process";
import { bin, root } from "./lib/stack";

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-e2e-"));
const port = await freePort();
const baseUrl = `http://localhost:${port}`;
// The stack under test is always the embedded one: ignore a developer's MEILI_URL/DATABASE_URL.
const { MEILI_URL: _m, DATABASE_URL: _d, ...inherited } = process.env;
// Its own build too, so test runs in one work tree never clobber each other's build.
// (inside node_modules so the server bundle resolves its dependencies).
const buildDir = path.join(
  root,
  "node_modules",
  ".cache",
  "xutra",
  `build-${path.basename(dataDir)}`,
);
// TEST_CLOCK: the harvest tests move the app's clock past a cut-off (/dev/clock, admin only; decision 0045)
const env = {
  ...inherited,
  DATA_DIR: dataDir,
  PORT: String(port),
  BUILD_DIR: buildDir,
  TEST_CLOCK: "true",
};

const stack = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start.ts")], {
  cwd: root,
  // DEV_MAILBOX: the password-reset journeys read their SMS code in /dev/mailbox,
  // which is off under NODE_ENV=production unless a test stack turns it on.
  env: { ...env, DEV_MAILBOX: "true" },
  stdio: ["ignore", "pipe", "inherit"],
});
let ready = false;
const log: string[] = [];
stack.stdout!.on("data", (b: Buffer) => {
  log.push(b.toString());
  if (b.toString().includes("ready:")) ready = true;
});
const deadline = Date.now() + 300_000;
while (!ready) {
  if (stack.exitCode !== null || Date.now() > deadline) {
    console.error(log.join(""));
    console.error("the stack did not start");
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}

const code = await new Promise<number>((resolve) => {
  const pw = spawn(bin("playwright"), ["test", ...process.argv.slice(2)], {
    cwd: root,
    env: { ...process.env, BASE_URL: baseUrl, E2E_DATA_DIR: dataDir, E2E_PORT: String(port) },
    stdio: "inherit",
  });
  pw.on("exit", (c) => resolve(c ?? 1));
});
await stop(stack, 10_000);
await fs.rm(dataDir, { recursive: true, force: true });
await fs.rm(buildDir, { recursive: true, force: true });
process.exit(code);
