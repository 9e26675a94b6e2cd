import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./env.server";

export type { Prisma } from "~/generated/prisma/client";

function connect() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

// One client per process; survives Vite's module reloads in dev.
const g = globalThis as unknown as { __prisma?: PrismaClient; __prismaReady?: Promise<void> };
export const prisma: PrismaClient = (g.__prisma ??= connect());

// WAL lets readers run beside the single writer; foreign keys are off by default in SQLite.
g.__prismaReady ??= (async () => {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await prisma.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
  await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
})();
export const dbReady = g.__prismaReady;
