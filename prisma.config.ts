import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The JS engine needs no native binaries; point the CLI's download check at
// placeholders so it never tries to fetch one (see docs/decisions/0001).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("package.json");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

// DATABASE_URL=postgresql://… selects the PostgreSQL twin of the schema and its own
// migration history (generated from prisma/schema.prisma: docs/decisions/0071).
const url = process.env.DATABASE_URL ?? `file:${path.resolve("data", "app.db")}`;
const OFFLINE = "postgresql://offline/schema-diff";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres
    ? path.join("prisma", "postgres", "schema.prisma")
    : path.join("prisma", "schema.prisma"),
  async adapter() {
    if (postgres) {
      const { migrateAdapter, offlineAdapter } = await import("./scripts/db/pg-migrate-adapter");
      // `npm run db:pg` diffs schema files and must work without a server
      return url === OFFLINE ? offlineAdapter() : migrateAdapter(url);
    }
    return new PrismaBetterSQLite3({ url });
  },
});
