// Global setup for the unit+integration run (docs/decisions/0058): ONE template,
// migrated, seeded and indexed once, and one real Meilisearch for the whole run,
// started from the shipped binary on a free port with the limits of decision 0042.
// Each test file then works on its own copy (tests/setup/env.ts): its own SQLite
// file, its own data directory and its own index prefix, filled from the template.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { meiliLimits, startMeili } from "../../scripts/lib/meili";
import { freePort, stop } from "../../scripts/lib/process";
import { databaseUrlFor, migrate } from "../../scripts/lib/stack";
import { createDatabase, databaseUrl, dropDatabase, testPgUrl } from "./postgres";
import { TEMPLATE_PREFIX, type TemplateIndex } from "./test-data";

const RUN_PREFIX = "xutra-test-";

/** A run that crashed (no teardown) leaves its directory behind: remove those whose owner is gone. */
async function removeStaleRuns(tmp: string) {
  for (const name of await fs.readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const dir = path.join(tmp, name);
    const owner = Number(await fs.readFile(path.join(dir, "owner.pid"), "utf8").catch(() => "0"));
    const st = await fs.stat(dir).catch(() => null);
    // no owner file: a run of the old layout, or one that is still starting (give it an hour)
    if (!owner && st && Date.now() - st.mtimeMs < 3600_000) continue;
    if (owner && alive(owner)) continue;
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export default async function setup(project: TestProject) {
  const tmp = os.tmpdir();
  await removeStaleRuns(tmp);
  const root = await fs.mkdtemp(path.join(tmp, RUN_PREFIX));
  await fs.writeFile(path.join(root, "owner.pid"), String(process.pid));
  const template = path.join(root, "template");
  await fs.mkdir(template, { recursive: true });
  const shared = {
    NODE_ENV: "test" as const,
    SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
    MEILI_MASTER_KEY: "test-master-key-0123456789",
    PUBLIC_URL: "http://localhost:3000",
    // tests that pay by card start their own Stripe-compatible server (tests/helpers/stripe-server.ts)
    STRIPE_SECRET_KEY: `sk_test_${randomBytes(12).toString("hex")}`,
  };
  // the PostgreSQL pass (tests/setup/postgres.ts): the template is a database on that server
  const pgAdmin = testPgUrl();
  const pgTemplate = `xutra_test_${process.pid}`;
  if (pgAdmin) await createDatabase(pgAdmin, pgTemplate);
  const env = {
    ...shared,
    DATA_DIR: template,
    DATABASE_URL: pgAdmin ? databaseUrl(pgAdmin, pgTemplate) : databaseUrlFor(template),
    MEILI_INDEX_PREFIX: TEMPLATE_PREFIX,
    ...(pgAdmin ? { SEED: "true" } : {}),
  };
  Object.assign(process.env, env);
  await migrate({ ...process.env, ...env });
  const meili = await startMeili({
    dataDir: root,
    port: await freePort(),
    masterKey: env.MEILI_MASTER_KEY,
    logFile: path.join(root, "meili.log"),
    limits: meiliLimits(process.env),
  });
  process.env.MEILI_URL = meili.url;
  try {
    const { prepareData } = await import("../../scripts/seed/prepare");
    await prepareData(() => undefined);
    // the template must be one self-contained file before it is copied
    const { prisma } = await import("../../app/utils/db.server");
    if (!pgAdmin) await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    await prisma.$disconnect();
    await fs.writeFile(
      path.join(root, "indexes.json"),
      JSON.stringify(await exportIndexes(meili.url, env.MEILI_MASTER_KEY)),
    );
  } catch (e) {
    await stop(meili.child);
    throw e;
  }
  project.provide("testEnv", {
    ...shared,
    MEILI_URL: meili.url,
    XUTRA_TEST_ROOT: root,
    ...(pgAdmin ? { XUTRA_TEST_PG: pgAdmin, XUTRA_TEST_PG_TEMPLATE: pgTemplate } : {}),
  });

  return async () => {
    await stop(meili.child);
    if (pgAdmin) await dropDatabase(pgAdmin, pgTemplate).catch(() => undefined);
    await fs.rm(root, { recursive: true, force: true });
  };
}

/** Every template index as settings + documents, so a test file can build its own in one batch. */
async function exportIndexes(url: string, key: string): Promise<TemplateIndex[]> {
  const api = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(p, url), {
      ...init,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    });
    if (!res.ok) throw new Error(`Meilisearch ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { results } = (await api("/indexes?limit=1000")) as {
    results: { uid: string; primaryKey: string }[];
  };
  const out: TemplateIndex[] = [];
  for (const ix of results.filter((r) => r.uid.startsWith(TEMPLATE_PREFIX))) {
    const base = `/indexes/${ix.uid}`;
    const settings = await api(`${base}/settings`);
    const documents: unknown[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = (await api(`${base}/documents/fetch`, {
        method: "POST",
        body: JSON.stringify({ offset, limit: 1000 }),
      })) as { results: unknown[] };
      documents.push(...page.results);
      if (page.results.length < 1000) break;
    }
    out.push({
      name: ix.uid.slice(TEMPLATE_PREFIX.length),
      primaryKey: ix.primaryKey,
      settings,
      documents,
    });
  }
  return out;
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}
