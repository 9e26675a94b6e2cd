// Shared by the buyer benches: brings up the real stack exactly like
// `npm start` (own temp data dir, free port, its own build cache) and tells the
// bench where its database and Meilisearch are.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, stop } from "../lib/process";
import { databaseUrlFor, loadSecrets, root } from "../lib/stack";

export async function startBenchStack(extraEnv: Record<string, string> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-bench-"));
  const port = await freePort();
  // BENCH_BUILD_DIR: a build of one's own (the default is shared by every bench of this checkout)
  const buildDir = path.resolve(
    process.env.BENCH_BUILD_DIR ??
      path.join(root, "node_modules", ".cache", "xutra", "build-bench"),
  );
  const { MEILI_URL: _m, DATABASE_URL: _d, STRIPE_API_HOST: _s, ...inherited } = process.env;
  const env = {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: String(port),
    BUILD_DIR: buildDir,
    ...extraEnv,
  };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "start.ts")],
    { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] },
  );
  // never leave the stack running if the bench dies
  const kill = () => void (child.exitCode === null && child.kill("SIGTERM"));
  process.once("exit", kill);
  process.once("uncaughtException", (e) => (console.error(e), kill(), process.exit(1)));
  process.once("unhandledRejection", (e) => (console.error(e), kill(), process.exit(1)));
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  const deadline = Date.now() + 600_000;
  while (!out.includes("ready:")) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`stack did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const log = await fs.readFile(path.join(dataDir, "meili.log"), "utf8");
  const meiliUrl = [...log.matchAll(/Server listening on:\s*"(http:\/\/[\d.:]+)"/g)].at(-1)![1];
  const secrets = await loadSecrets(dataDir);
  return {
    baseUrl: `http://localhost:${port}`,
    pid: child.pid,
    dataDir,
    env: {
      DATABASE_URL: databaseUrlFor(dataDir),
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: secrets.meiliMasterKey,
      SESSION_SECRET: secrets.sessionSecret,
      DATA_DIR: dataDir,
      ...extraEnv,
    },
    async stop() {
      await stop(child, 10_000);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;

/**
 * CPU time (ms) used so far by the stack's app server processes (server.ts and any
 * workers it forks): unlike the wall clock it hardly depends on what else the shared
 * machine runs. Linux only (/proc); NaN elsewhere.
 */
export function appCpuMs(supervisorPid: number | undefined): number {
  const children = (pid: string | number): string[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean);
    } catch {
      return [];
    }
  };
  const cpu = (pid: string) => {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  };
  try {
    const app = children(supervisorPid!).find((p) => {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
      return /[/\\](server\.ts|app-server\.mjs)\0/.test(cmd) && !cmd.includes("stripe-local");
    });
    if (!app) return NaN;
    return [app, ...children(app)].reduce((sum, p) => sum + cpu(p), 0);
  } catch {
    return NaN;
  }
}
