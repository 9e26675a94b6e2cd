import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./env.server";
import "./prisma-plan-cache.server";
import {
  serialisedSqlite,
  sqlRunner,
  type SqlRunner,
  type WriteTransaction,
} from "./sqlite-adapter.server";
import type { AsyncSqlRunner } from "./pg-sql.server";

export type { Prisma } from "~/generated/prisma/client";
export type { SqlRunner } from "./sqlite-adapter.server";
export type { AsyncSqlRunner } from "./pg-sql.server";

// The one place that opens the database: embedded SQLite by default, PostgreSQL when
// DATABASE_URL is postgresql://… (docs/decisions/0072). Most code goes through Prisma; the few
// hot paths of a flash sale (session, cart, pre-order and checkout placement: decision 0048)
// use plain SQL through `readSqlAsync`/`writeSqlAsync` (both databases) or the synchronous
// `readSql`/`writeSql` (SQLite only), because each Prisma query costs ~0.8 ms of CPU in its JS
// engine and those paths run hundreds of times a second. The SQL there is kept portable
// (double-quoted names, `?` parameters, no SQLite-only functions, booleans as `true`/`false`
// literals or parameters); what is SQLite-only is listed in the decision record.

/** True when the database is PostgreSQL (several app instances may share it). */
export const usesPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);

const g = globalThis as unknown as {
  __prisma?: PrismaClient;
  __prismaReady?: Promise<void>;
  __writeSql?: WriteTransaction;
  __readSql?: SqlRunner;
  __pgSql?: import("./pg-sql.server").PgSql;
};

function connectSqlite() {
  // WAL lets readers run beside the single writer; foreign keys are off by default in SQLite.
  const adapter = serialisedSqlite(
    new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 }),
    [
      "PRAGMA journal_mode = WAL",
      "PRAGMA foreign_keys = ON",
      "PRAGMA busy_timeout = 10000",
      "PRAGMA synchronous = NORMAL",
    ],
    (write) => (g.__writeSql = write),
  );
  // Transactions queue for the single writer (see sqlite-adapter.server.ts): under a
  // flash sale hundreds may wait their turn, so wait longer than Prisma's 2 s default.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
}

async function connectPostgres(): Promise<PrismaClient> {
  // the client generated from prisma/postgres/schema.prisma (docs/decisions/0071): the same
  // models and calls, typed here as the SQLite client the code is written against
  const [{ PrismaClient: PgClient }, { PrismaPg }, { PgSql, poolSize }] = await Promise.all([
    import("~/generated/prisma-pg/client"),
    import("@prisma/adapter-pg"),
    import("./pg-sql.server"),
  ]);
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize() });
  g.__pgSql = new PgSql(databaseUrl);
  const client = new PgClient({
    adapter,
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
  });
  return client as unknown as PrismaClient;
}

// One client per process; survives Vite's module reloads in dev.
export const prisma: PrismaClient = (g.__prisma ??= usesPostgres
  ? await connectPostgres()
  : connectSqlite());

export const dbReady: Promise<void> = (g.__prismaReady ??= prisma.$connect());

function sqliteOnly(what: string): never {
  throw new Error(
    `${what} is SQLite's synchronous plain-SQL path; on PostgreSQL use ${what}Async (docs/decisions/0072)`,
  );
}

/**
 * A short write transaction of plain SQL on Prisma's own connection, taking its turn
 * with Prisma's queries and transactions (BEGIN IMMEDIATE … COMMIT; any throw rolls
 * back). `fn` runs synchronously: no awaiting inside, so the write lock is held only
 * for the statements themselves. SQLite only: `writeSqlAsync` runs on both.
 */
export async function writeSql<T>(fn: (sql: SqlRunner) => T): Promise<T> {
  if (usesPostgres) sqliteOnly("writeSql");
  if (!g.__writeSql) await dbReady;
  if (!g.__writeSql) throw new Error("the database connection has no plain-SQL writer");
  return g.__writeSql(fn);
}

/**
 * Plain SQL reads on a connection of their own that refuses writes: they see committed data only
 * (WAL), never wait behind the writer's queue, and must not be used inside a transaction
 * that expects to read its own writes. SQLite only: `readSqlAsync` runs on both.
 */
export function readSql(): SqlRunner {
  if (usesPostgres) sqliteOnly("readSql");
  if (!g.__readSql) {
    const file = databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
    // query_only rather than a read-only open: it may still create the WAL's -shm file if
    // this is the process's first connection, and it refuses every write all the same
    const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
    db.pragma("query_only = ON");
    g.__readSql = sqlRunner((sql) => db.prepare(sql));
  }
  return g.__readSql;
}

const asyncRunner = (sql: SqlRunner): AsyncSqlRunner => ({
  get: async (text, ...args) => sql.get(text, ...args),
  all: async (text, ...args) => sql.all(text, ...args),
  run: async (text, ...args) => sql.run(text, ...args),
});

/**
 * `readSql` on either database: on SQLite the same read-only connection, on PostgreSQL the
 * pool's read-only queries. Rows look the same on both: integers and counts as numbers,
 * booleans as 1/0, DateTime as Prisma stores it in SQLite (`sqlTime`).
 */
export function readSqlAsync(): AsyncSqlRunner {
  return usesPostgres ? g.__pgSql!.reader : asyncRunner(readSql());
}

/**
 * `writeSql` on either database. SQLite: one BEGIN IMMEDIATE … COMMIT in turn with every other
 * write (`fn`'s awaits only wait on its own statements, nothing interleaves). PostgreSQL: one
 * Serializable transaction on a pooled connection, run again from the start on a serialization
 * failure, deadlock or unique conflict with a concurrent one (so `fn` must be its statements
 * and nothing else: conditional writes that re-check on the second run).
 */
export async function writeSqlAsync<T>(fn: (sql: AsyncSqlRunner) => Promise<T>): Promise<T> {
  if (usesPostgres) return g.__pgSql!.write(fn);
  if (!g.__writeSql) await dbReady;
  if (!g.__writeSql) throw new Error("the database connection has no plain-SQL writer");
  const write = g.__writeSql as unknown as <R>(f: (sql: SqlRunner) => R) => Promise<Awaited<R>>;
  return write((sql) => fn(asyncRunner(sql)));
}

/** A DateTime as Prisma stores it in SQLite ("…T12:00:00.000+00:00"), for plain SQL (PostgreSQL reads it as UTC). */
export function sqlTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

type TransactionClient = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
// P2034 from a query; a conflict found at COMMIT comes as the adapter's own error
const isConflict = (e: unknown) => {
  const x = e as { code?: string; message?: string; cause?: { kind?: string } } | null;
  return (
    x?.code === "P2034" ||
    x?.message === "TransactionWriteConflict" ||
    x?.cause?.kind === "TransactionWriteConflict"
  );
};

/**
 * The one way to run a transaction that reads and then writes what it read (a count before an
 * insert, a balance before a debit): SQLite runs transactions one at a time already; PostgreSQL
 * runs it Serializable and, when a concurrent one conflicts with it (P2034: serialization
 * failure or deadlock), runs `fn` again from the start, up to 8 times with a short random
 * back-off. `fn` must do nothing but its database work (no messages sent, no files written).
 */
export async function serializable<T>(
  fn: (tx: TransactionClient) => Promise<T>,
  options: { maxWait?: number; timeout?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(fn, { ...options, isolationLevel: "Serializable" });
    } catch (e) {
      if (!usesPostgres || !isConflict(e) || attempt >= 8) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
    }
  }
}

/**
 * A periodic job's run, once across app instances: on PostgreSQL behind
 * `pg_try_advisory_lock(name)` (an instance that finds it taken skips this round, returns
 * undefined); on SQLite, where one `npm start` owns the file, it just runs.
 */
export async function onceAcrossInstances<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  if (!usesPostgres) return fn();
  const r = await g.__pgSql!.exclusive(name, fn);
  return r.ran ? r.value : undefined;
}
