// What `npm start`, the test harness and the benchmarks share: secrets, the
// database migration and the environment the app server reads.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { run } from "./process";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type Secrets = {
  sessionSecret: string;
  meiliMasterKey: string;
  stripeWebhookSecret: string;
  stripeLocalKey: string;
};

const generate: { [K in keyof Secrets]: () => string } = {
  sessionSecret: () => randomBytes(32).toString("hex"),
  meiliMasterKey: () => randomBytes(24).toString("hex"),
  // shared with the local Stripe-compatible server, which signs webhooks with it
  stripeWebhookSecret: () => `whsec_${randomBytes(32).toString("base64url")}`,
  // the API key the local Stripe-compatible server accepts (and only it)
  stripeLocalKey: () => `sk_test_${randomBytes(24).toString("hex")}`,
};

/**
 * Generated once per data directory and kept there (mode 600); env overrides them.
 * A data directory from before a secret existed gets the missing one added.
 */
export async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  const stored = JSON.parse(await fs.readFile(file, "utf8").catch(() => "{}")) as Partial<Secrets>;
  const missing = (Object.keys(generate) as (keyof Secrets)[]).filter(
    (k) => typeof stored[k] !== "string" || !stored[k],
  );
  if (!missing.length) return stored as Secrets;
  const secrets = { ...stored } as Secrets;
  for (const k of missing) secrets[k] = generate[k]();
  await fs.mkdir(dataDir, { recursive: true });
  if (Object.keys(stored).length) {
    // write-then-rename: a crash never leaves a half-written secrets file
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    await fs.rename(tmp, file);
  } else {
    // two first starts at once: the first writer wins, both read its file
    await fs
      .writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" })
      .catch(() => undefined);
  }
  return JSON.parse(await fs.readFile(file, "utf8")) as Secrets;
}

export function databaseUrlFor(dataDir: string) {
  return `file:${path.join(dataDir, "app.db")}`;
}

export async function migrate(env: NodeJS.ProcessEnv) {
  await run(bin("prisma"), ["migrate", "deploy"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
