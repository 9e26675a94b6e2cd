import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(true));
    srv.listen(port, "0.0.0.0", () => srv.close(() => resolve(false)));
  });
}

/** Runs a command to completion; rejects with its output on failure. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** SIGTERM, then SIGKILL after a grace period. */
export function stop(child: ChildProcess | null | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Restart delays for a supervised process: 1 s, 2 s, 4 s… up to maxMs; a process
 * that ran for stableMs before it stopped starts the count again from the base.
 */
export function backoff({ baseMs = 1000, maxMs = 30_000, stableMs = 60_000 } = {}) {
  let failures = 0;
  return {
    /** The delay before the next start, given how long the last run lasted. */
    next(ranMs: number): number {
      if (ranMs >= stableMs) failures = 0;
      return Math.min(baseMs * 2 ** failures++, maxMs);
    },
  };
}

/** Why a child stopped, for the log: its exit code or the signal that ended it. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal === "SIGKILL")
    return "killed by SIGKILL (often the kernel's out-of-memory killer: see `dmesg`)";
  if (signal) return `ended by ${signal}`;
  return code === 0 ? "exited with code 0 (unexpectedly)" : `exited with code ${code}`;
}

type Settings = Record<string, string | undefined>;

/** `XUTRA_ENV=production` marks a live install (docs/decisions/0042). */
export const isProduction = (env: Settings) => env.XUTRA_ENV === "production";

/**
 * Whether `npm start` runs the Stripe-compatible test server: only when no payment
 * provider is configured (no STRIPE_SECRET_KEY, no STRIPE_API_HOST) and never in
 * production, where a test server that "pays" anything would be a hole.
 */
export function wantsLocalStripe(env: Settings): boolean {
  return !isProduction(env) && !env.STRIPE_SECRET_KEY && !env.STRIPE_API_HOST;
}
