// `npm start`: one process that brings up the whole marketplace and supervises it.
// migrate -> Meilisearch (unless MEILI_URL) -> seed an empty database -> index ->
// build -> app server. Ctrl-C / SIGTERM stops everything it started; a child that
// dies on its own (app server, Meilisearch) is logged with why and restarted with back-off.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "../app/domain/demo-users";
import { buildProduction, compiled } from "./lib/build";
import { meiliLimits, startMeili } from "./lib/meili";
import {
  backoff,
  exitReason,
  freePort,
  isProduction,
  portInUse,
  stop,
  wantsLocalStripe,
} from "./lib/process";
import { databaseUrlFor, loadSecrets, migrate, root } from "./lib/stack";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, "data"));
const lockFile = path.join(dataDir, "xutra.lock");
const buildDir = path.resolve(process.env.BUILD_DIR ?? path.join(root, "build"));
const log = (msg: string) => console.log(`[xứ trà] ${msg}`);

// `start.ts --prepare-data`: the seed and first index run in a child of their own, so
// the supervisor does not keep the seed's memory (Prisma, the catalogue) for the
// whole life of the stack.
if (process.argv.includes("--prepare-data")) {
  const { prepareData } = await import("./seed/prepare");
  await prepareData(log);
  process.exit(0);
}

let meili: ChildProcess | null = null;
let stripeLocal: ChildProcess | null = null;
let app: ChildProcess | null = null;
let preparing: ChildProcess | null = null;
let shuttingDown = false;

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// One supervisor per data directory: two would share one SQLite file and one
// Meilisearch database. A second `npm start` on the same data refuses clearly.
async function acquireLock() {
  await fs.mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, JSON.stringify({ pid: process.pid, port }), { flag: "wx" });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const held = JSON.parse(await fs.readFile(lockFile, "utf8").catch(() => "{}")) as {
        pid?: number;
        port?: number;
      };
      if (held.pid && alive(held.pid)) {
        console.error(
          `Xứ Trà is already running on ${dataDir} (pid ${held.pid}, port ${held.port}).\n` +
            `Stop it first, or give this one its own data: DATA_DIR=./data-2 PORT=${port} npm start`,
        );
        process.exit(1);
      }
      await fs.rm(lockFile, { force: true }); // stale lock from a killed run
    }
  }
  throw new Error("could not take the data directory lock");
}

async function releaseLock() {
  const held = JSON.parse(await fs.readFile(lockFile, "utf8").catch(() => "{}")) as {
    pid?: number;
  };
  if (held.pid === process.pid) await fs.rm(lockFile, { force: true });
}

async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("stopping…");
  await stop(preparing);
  await stop(app);
  await stop(stripeLocal);
  await stop(meili);
  await releaseLock();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

async function superviseMeili(env: NodeJS.ProcessEnv, meiliPort: number, masterKey: string) {
  const started = await startMeili({
    dataDir,
    port: meiliPort,
    masterKey,
    logFile: path.join(dataDir, "meili.log"),
    limits: meiliLimits(process.env),
  });
  const child = (meili = started.child);
  const since = Date.now();
  await fs.writeFile(path.join(dataDir, "meili.pid"), String(child.pid));
  // Search is not vital: if it dies the site stays up (degraded) and we restart it.
  child.once("exit", (code, signal) => {
    if (shuttingDown) return;
    const delay = meiliRestarts.next(Date.now() - since);
    log(
      `Meilisearch ${exitReason(code, signal)}; the site keeps serving, search falls back. Restarting in ${delay / 1000} s.`,
    );
    setTimeout(() => {
      if (!shuttingDown)
        superviseMeili(env, meiliPort, masterKey).catch((e) =>
          log(`Meilisearch restart failed: ${e.message}`),
        );
    }, delay);
  });
  return started.url;
}
const meiliRestarts = backoff({ baseMs: 5000, maxMs: 60_000 });

// The app server. Once it has served, a death of its own (a crash, the kernel's
// out-of-memory killer) is logged with its exit code or signal and it is started
// again: 1 s, 2 s, 4 s… up to 30 s, back to 1 s after a minute of running. If it
// dies before it ever listened (bad configuration), the stack stops instead.
const appRestarts = backoff({ baseMs: 1000, maxMs: 30_000, stableMs: 60_000 });
let appServed = false;
function superviseApp(env: NodeJS.ProcessEnv) {
  // Memory: V8 sizes its heap from the machine and collects lazily below that, and
  // glibc gives each of sharp's threads its own malloc arena; both are bounded so the
  // app stays small on a small server (APP_MAX_HEAP_MB, docs/decisions/0042).
  const heapMb = Number(process.env.APP_MAX_HEAP_MB || 256);
  const child = (app = fork(dev ? path.join(root, "server.ts") : compiled(buildDir).appServer, [], {
    cwd: root,
    // big blocks (libvips' image buffers) are mmapped, so they go back to the system when freed
    env: {
      MALLOC_ARENA_MAX: "2",
      MALLOC_MMAP_THRESHOLD_: "131072",
      MALLOC_TRIM_THRESHOLD_: "131072",
      ...env,
    },
    // production runs the compiled server (scripts/lib/build.ts), development the sources
    ...(dev
      ? { execArgv: ["--import", "tsx", `--max-old-space-size=${heapMb}`] }
      : { execArgv: [`--max-old-space-size=${heapMb}`] }),
  }));
  const since = Date.now();
  void fs.writeFile(path.join(dataDir, "app.pid"), String(child.pid)).catch(() => undefined);
  child.on("message", (m: { type?: string }) => {
    if (m?.type !== "listening") return;
    log(`ready: http://localhost:${port}`);
    if (appServed) return;
    appServed = true;
    log(`demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) log(`  ${u.phone}  ${u.label}`);
  });
  child.once("exit", (code, signal) => {
    if (shuttingDown) return;
    if (!appServed) {
      log(`app server ${exitReason(code, signal)} before it served; stopping.`);
      void shutdown(code || 1);
      return;
    }
    const delay = appRestarts.next(Date.now() - since);
    log(`app server ${exitReason(code, signal)}; restarting it in ${delay / 1000} s.`);
    setTimeout(() => !shuttingDown && superviseApp(env), delay);
  });
}

// The Stripe-compatible test server (scripts/stripe-local), unless a payment provider
// is configured (STRIPE_SECRET_KEY or STRIPE_API_HOST) or XUTRA_ENV=production
// (wantsLocalStripe). Port 12111 like
// stripe-mock, or a free one when that is taken (parallel test stacks).
async function startStripeLocal(env: NodeJS.ProcessEnv, apiKey: string) {
  const wanted = Number(process.env.STRIPE_LOCAL_PORT ?? 12111);
  const stripePort = (await portInUse(wanted)) ? await freePort() : wanted;
  const entry = dev
    ? path.join(root, "scripts", "stripe-local", "server.ts")
    : compiled(buildDir).stripeLocal;
  stripeLocal = fork(entry, [], {
    cwd: root,
    env: {
      ...env,
      STRIPE_LOCAL_PORT: String(stripePort),
      STRIPE_LOCAL_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/stripe`,
      STRIPE_LOCAL_PUBLIC_URL: `http://localhost:${stripePort}`,
      STRIPE_LOCAL_API_KEY: apiKey,
    },
    execArgv: dev ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    stripeLocal!.once("message", () => resolve());
    stripeLocal!.once("exit", (code) => reject(new Error(`Stripe test server exited (${code})`)));
  });
  await fs.writeFile(
    path.join(dataDir, "stripe-local.json"),
    JSON.stringify({ port: stripePort, pid: stripeLocal.pid }),
  );
  Object.assign(env, {
    STRIPE_SECRET_KEY: apiKey,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(stripePort),
    STRIPE_API_PROTOCOL: "http",
  });
  log(`Stripe test server: http://localhost:${stripePort}`);
}

async function needsBuild(): Promise<boolean> {
  const built = await fs.stat(path.join(buildDir, "server", "index.js")).catch(() => null);
  if (!built) return true;
  for (const file of Object.values(compiled(buildDir)))
    if (!(await fs.stat(file).catch(() => null))) return true;
  const newest = async (dir: string): Promise<number> => {
    let max = 0;
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      max = Math.max(max, entry.isDirectory() ? await newest(p) : (await fs.stat(p)).mtimeMs);
    }
    return max;
  };
  const sources = Math.max(
    await newest(path.join(root, "app")),
    ...(await Promise.all(
      [
        "vite.config.ts",
        "remix.config.js",
        "package.json",
        "server.ts",
        "scripts/stripe-local/server.ts",
      ].map(async (f) => (await fs.stat(path.join(root, f))).mtimeMs),
    )),
  );
  return sources > built.mtimeMs;
}

async function main() {
  await acquireLock();
  if (await portInUse(port)) {
    console.error(`Port ${port} is already in use. Choose another: PORT=3001 npm start`);
    await releaseLock();
    process.exit(1);
  }
  const secrets = await loadSecrets(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL ?? databaseUrlFor(dataDir),
    SESSION_SECRET: process.env.SESSION_SECRET ?? secrets.sessionSecret,
    // the app verifies webhooks with it; the local Stripe server (forked with this env) signs with it
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? secrets.stripeWebhookSecret,
    SHOW_DEMO_LOGINS:
      process.env.SHOW_DEMO_LOGINS ?? (isProduction(process.env) ? "false" : "true"),
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    BUILD_DIR: buildDir,
  };

  // several instances on one PostgreSQL migrate once, as the release step (npm run migrate)
  if (process.env.MIGRATE === "false") log("MIGRATE=false: not migrating");
  else {
    log("migrating the database…");
    await migrate(env);
  }

  if (process.env.MEILI_URL) {
    log(`using Meilisearch at ${process.env.MEILI_URL}`);
  } else {
    log("starting Meilisearch…");
    env.MEILI_MASTER_KEY = secrets.meiliMasterKey;
    env.MEILI_URL = await superviseMeili(env, await freePort(), secrets.meiliMasterKey);
  }

  // the build first: the local Stripe server runs from it too
  if (!dev && (await needsBuild())) {
    log("building…");
    await buildProduction(env, buildDir);
  }

  if (wantsLocalStripe(process.env)) await startStripeLocal(env, secrets.stripeLocalKey);
  else if (isProduction(process.env) && !process.env.STRIPE_SECRET_KEY)
    log(
      "production: no Stripe test server; card payments need STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET).",
    );

  // Seed and index with the same environment as the app, in a child that then exits.
  await new Promise<void>((resolve, reject) => {
    const prep = (preparing = fork(import.meta.filename, ["--prepare-data"], {
      cwd: root,
      env,
      execArgv: ["--import", "tsx"],
    }));
    prep.once("error", reject);
    prep.once("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`preparing the data failed: ${exitReason(code, signal)}`)),
    );
  });

  superviseApp(env);
}

main().catch(async (e) => {
  console.error(e);
  await shutdown(1);
});
