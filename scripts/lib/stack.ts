// What `npm start`, the test harness and the benchmarks share: secrets, the
// database migration and the environment the app server reads.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { run } from "./process";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type Secrets = { sessionSecret: string; meiliMasterKey: string };

/** Generated once per data directory and kept there (mode 600); env overrides them. */
export async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as Secrets;
  } catch {
    const secrets = { sessionSecret: randomBytes(32).toString("hex"), meiliMasterKey: randomBytes(24).toString("hex") };
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return JSON.parse(await fs.readFile(file, "utf8")) as Secrets;
  }
}

export function databaseUrlFor(dataDir: string) {
  return `file:${path.join(dataDir, "app.db")}`;
}

export async function migrate(env: NodeJS.ProcessEnv) {
  await run(bin("prisma"), ["migrate", "deploy"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}
