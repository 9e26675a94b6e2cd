// A test file's own data (docs/decisions/0058): a copy of the template database and
// files, and its own Meilisearch indexes built from the template's documents, so no
// test depends on what another file changes. Used by tests/setup/env.ts.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { createDatabase, databaseUrl, dropDatabase } from "./postgres";

/** Index prefix of the template the global setup seeds; a test file's is test_w<worker>_<id>_. */
export const TEMPLATE_PREFIX = "test_template_";

export type TemplateIndex = {
  name: string;
  primaryKey: string;
  settings: Record<string, unknown>;
  documents: unknown[];
};

const agent = new http.Agent({ keepAlive: true });

// node:http, not fetch: fetch to Meilisearch stalls ~40 ms a request (docs/decisions/0033)
function meiliRequest(method: string, url: URL, key: string, body?: unknown): Promise<unknown> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${key}`,
          ...(text === undefined
            ? {}
            : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const out = Buffer.concat(chunks).toString("utf8");
          if ((res.statusCode ?? 0) >= 300)
            return reject(
              new Error(`Meilisearch ${method} ${url.pathname}: ${res.statusCode} ${out}`),
            );
          resolve(out ? JSON.parse(out) : undefined);
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

type Task = { taskUid: number };
type TaskState = { status: string; error?: { message?: string } | null };

/**
 * Copies the template into a directory of this file's own and points the app at it
 * (DATA_DIR, DATABASE_URL, MEILI_INDEX_PREFIX). Must run before anything imports
 * app/utils/env.server.ts. The app's Meilisearch client builds this file's indexes from
 * the template's documents on its first request; `dispose` removes the copy and them.
 */
export async function prepareTestData(root: string) {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
  const id = `w${worker}_${randomBytes(3).toString("hex")}`;
  const template = path.join(root, "template");
  const dir = path.join(root, "files", id);
  await fs.mkdir(dir, { recursive: true });
  const pgAdmin = process.env.XUTRA_TEST_PG;
  const pgName = `xutra_${id}_${process.pid}`;
  if (pgAdmin) await createDatabase(pgAdmin, pgName, process.env.XUTRA_TEST_PG_TEMPLATE);
  else await fs.copyFile(path.join(template, "app.db"), path.join(dir, "app.db"));
  // The seed's photo files (~380) stay in the template: no test reads them, and copying
  // them took 0.3-1.8 s a file on the busy machine. Uploads a test makes land in dir.
  const prefix = `test_${id}_`;
  Object.assign(process.env, {
    DATA_DIR: dir,
    DATABASE_URL: pgAdmin ? databaseUrl(pgAdmin, pgName) : `file:${path.join(dir, "app.db")}`,
    MEILI_INDEX_PREFIX: prefix,
  });

  const key = process.env.MEILI_MASTER_KEY ?? "";
  const base = process.env.MEILI_URL;
  const indexes = base
    ? (JSON.parse(await fs.readFile(path.join(root, "indexes.json"), "utf8")) as TemplateIndex[])
    : [];
  const call = (method: string, p: string, body?: unknown) =>
    meiliRequest(method, new URL(p, base), key, body);

  async function waitFor(taskUid: number) {
    for (let delay = 5; ; delay = Math.min(delay * 2, 50)) {
      const task = (await call("GET", `/tasks/${taskUid}`)) as TaskState;
      if (task.status === "succeeded") return;
      if (task.status === "failed" || task.status === "canceled")
        throw new Error(`Meilisearch task ${taskUid} ${task.status}: ${task.error?.message}`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  // Built on first use: most files never talk to Meilisearch, and building costs its one
  // indexing thread ~0.3-1.5 s a file. The three tasks of each index are queued back to
  // back, so Meilisearch can take them in one batch.
  let building: Promise<void> | undefined;
  const ensureIndexes = () =>
    (building ??= (async () => {
      const last: number[] = [];
      for (const ix of indexes) {
        const uid = `${prefix}${ix.name}`;
        await call("POST", "/indexes", { uid, primaryKey: ix.primaryKey });
        let task = (await call("PATCH", `/indexes/${uid}/settings`, ix.settings)) as Task;
        if (ix.documents.length)
          task = (await call("POST", `/indexes/${uid}/documents`, ix.documents)) as Task;
        last.push(task.taskUid);
      }
      await Promise.all(last.map(waitFor));
    })());

  if (base) {
    // The app's client (app/search/meili.server.ts keeps it in globalThis.__meili), with
    // the same transport and 5 s timeout, except that each request first waits for this
    // file's indexes (and the timeout starts after that wait). The app's module is
    // imported on the first request, not here: a test may set env before the app parses it.
    const { Meilisearch } = await import("meilisearch");
    (globalThis as unknown as { __meili?: unknown }).__meili = new Meilisearch({
      host: base,
      apiKey: key,
      httpClient: async (input, init = {}) => {
        await ensureIndexes();
        const { meiliHttp } = await import("~/search/meili.server");
        const timeout = AbortSignal.timeout(5000);
        return meiliHttp(input, {
          ...init,
          signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
        });
      },
    });
  }

  async function dispose() {
    if (building) {
      await building.catch(() => undefined);
      await Promise.all(
        indexes.map((ix) => call("DELETE", `/indexes/${prefix}${ix.name}`).catch(() => undefined)),
      );
    }
    agent.destroy();
    if (pgAdmin) await dropDatabase(pgAdmin, pgName).catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  }

  return { dir, prefix, ensureIndexes, dispose };
}
