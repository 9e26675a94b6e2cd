// Global setup for the security suite: brings up the real stack exactly as
// scripts/test-e2e.ts does (scripts/start.ts, NODE_ENV=production, its own temp
// DATA_DIR, free port and BUILD_DIR) and tells the tests where it is.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, stop } from "../../../scripts/lib/process";
import { databaseUrlFor, root } from "../../../scripts/lib/stack";

export type SecurityStack = {
  BASE_URL: string;
  DATA_DIR: string;
  DATABASE_URL: string;
  PORT: string;
  /** pid of the app server process (server.ts), for memory measurements */
  APP_PID: string;
};

export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-security-"));
  const port = await freePort();
  const buildDir = path.join(
    root,
    "node_modules",
    ".cache",
    "xutra",
    `build-${path.basename(dataDir)}`,
  );
  // Like test-e2e.ts: the embedded stack, never a developer's MEILI_URL/DATABASE_URL.
  const { MEILI_URL: _m, DATABASE_URL: _d, STRIPE_API_HOST: _s, ...inherited } = process.env;
  const env = {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: String(port),
    BUILD_DIR: buildDir,
    // Behind a proxy, as a public deployment is: each outsider in the tests gets
    // its own client address (X-Forwarded-For), so one test's lock-out is not
    // another's (see support/outsider.ts).
    TRUST_PROXY: "true",
  };
  const stack: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "start.ts")],
    {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const log: string[] = [];
  let ready = false;
  stack.stdout!.on("data", (b: Buffer) => {
    log.push(b.toString());
    if (b.toString().includes("ready:")) ready = true;
  });
  stack.stderr!.on("data", (b: Buffer) => log.push(b.toString()));
  const deadline = Date.now() + 300_000;
  while (!ready) {
    if (stack.exitCode !== null || Date.now() > deadline) {
      await stop(stack);
      throw new Error(`the stack did not start:\n${log.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const appPid = await findAppPid(stack.pid!, port);
  const provided: SecurityStack = {
    BASE_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrlFor(dataDir),
    PORT: String(port),
    APP_PID: String(appPid ?? ""),
  };
  project.provide("securityStack", provided);

  return async () => {
    await stop(stack, 10_000);
    if (process.env.SECURITY_KEEP_DATA !== "true") {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
    await fs.rm(buildDir, { recursive: true, force: true });
  };
}

/** The forked app server (compiled app-server.mjs, or server.ts in development) under the supervisor (Linux /proc). */
async function findAppPid(supervisorPid: number, _port: number): Promise<number | null> {
  const pids = (await fs.readdir("/proc").catch(() => [] as string[])).filter((p) =>
    /^\d+$/.test(p),
  );
  for (const pid of pids) {
    const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid !== supervisorPid) continue;
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (
      cmdline.some(
        (a) => /[/\\](server\.ts|app-server\.mjs)$/.test(a) && !a.includes("stripe-local"),
      )
    )
      return Number(pid);
  }
  return null;
}

declare module "vitest" {
  export interface ProvidedContext {
    securityStack: SecurityStack;
  }
}
