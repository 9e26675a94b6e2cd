import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./env.server";
import "./prisma-plan-cache.server";
import { serialisedSqlite } from "./sqlite-adapter.server";

export type { Prisma } from "~/generated/prisma/client";

function connect() {
  // WAL lets readers run beside the single writer; foreign keys are off by default in SQLite.
  const adapter = serialisedSqlite(new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 }), [
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA synchronous = NORMAL",
  ]);
  // Transactions queue for the single writer (see sqlite-adapter.server.ts): under a
  // flash sale hundreds may wait their turn, so wait longer than Prisma's 2 s default.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
}

// One client per process; survives Vite's module reloads in dev.
const g = globalThis as unknown as { __prisma?: PrismaClient; __prismaReady?: Promise<void> };
export const prisma: PrismaClient = (g.__prisma ??= connect());

export const dbReady: Promise<void> = (g.__prismaReady ??= prisma.$connect());
