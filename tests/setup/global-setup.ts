// One real stack for the unit+integration run: a temporary SQLite file, migrated
// and seeded, and a real Meilisearch started from the shipped binary on a free port.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startMeili } from "../../scripts/lib/meili";
import { freePort, stop } from "../../scripts/lib/process";
import { databaseUrlFor, migrate } from "../../scripts/lib/stack";

export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-test-"));
  const env = {
    NODE_ENV: "test" as const,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrlFor(dataDir),
    SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
    MEILI_MASTER_KEY: "test-master-key-0123456789",
    MEILI_INDEX_PREFIX: "test_",
    PUBLIC_URL: "http://localhost:3000",
  };
  Object.assign(process.env, env);
  await migrate({ ...process.env, ...env });
  const meili = await startMeili({
    dataDir,
    port: await freePort(),
    masterKey: env.MEILI_MASTER_KEY,
    logFile: path.join(dataDir, "meili.log"),
  });
  process.env.MEILI_URL = meili.url;
  const { prepareData } = await import("../../scripts/seed/prepare");
  await prepareData(() => undefined);
  project.provide("testEnv", { ...env, MEILI_URL: meili.url });

  return async () => {
    await stop(meili.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}
