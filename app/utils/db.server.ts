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

export type { Prisma } from "~/generated/prisma/client";
export type { SqlRunner } from "./sqlite-adapter.server";

// The one place that opens the database. Most code goes through Prisma; the few hot
// paths of a flash sale (session, cart, pre-order and checkout placement: docs/decisions/0048)
// use plain SQL through `readSql` and `writeSql` below, because each Prisma query costs
// ~0.8 ms of CPU in its JS engine and those paths run hundreds of times a second.
// The SQL there is kept portable (double-quoted names, `?` parameters, no SQLite-only
// functions); what is SQLite-only is listed in the decision record.

const g = globalThis as unknown as {
  __prisma?: PrismaClient;
  __prismaReady?: Promise<void>;
  __writeSql?: WriteTransaction;
  __readSql?: SqlRunner;
};

function connect() {
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

// One client per process; survives Vite's module reloads in dev.
export const prisma: PrismaClient = (g.__prisma ??= connect());

export const dbReady: Promise<void> = (g.__prismaReady ??= prisma.$connect());

/**
 * A short write transaction of plain SQL on Prisma's own connection, taking its turn
 * with Prisma's queries and transactions (BEGIN IMMEDIATE … COMMIT; any throw rolls
 * back). `fn` runs synchronously: no awaiting inside, so the write lock is held only
 * for the statements themselves.
 */
export async function writeSql<T>(fn: (sql: SqlRunner) => T): Promise<T> {
  if (!g.__writeSql) await dbReady;
  if (!g.__writeSql) throw new Error("the database connection has no plain-SQL writer");
  return g.__writeSql(fn);
}

/**
 * Plain SQL reads on a connection of their own that refuses writes: they see committed data only
 * (WAL), never wait behind the writer's queue, and must not be used inside a transaction
 * that expects to read its own writes.
 */
export function readSql(): SqlRunner {
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

/** A DateTime as Prisma stores it in SQLite ("…T12:00:00.000+00:00"), for plain SQL. */
export function sqlTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
