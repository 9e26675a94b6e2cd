// Schema and migrations agree, on both databases (docs/decisions/0071). `prisma migrate diff
// --from-migrations` needs a shadow database, which the JS engine cannot make here, so each
// history is replayed into a throwaway database and its catalog compared with that of a
// database made straight from the schema (`migrate diff --from-empty`): same tables, columns,
// types, defaults, indexes and foreign keys, whatever order the columns were added in.
//
//   npm run db:check                      the PostgreSQL schema is generated and current, every
//                                         SQLite migration has its twin, SQLite's history gives its schema
//   npm run db:check -- --postgres URL    also PostgreSQL's history (URL: a server where it may
//                                         create and drop two databases; .ci/run's PostgreSQL pass)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { pgMigrations, pgSchema, staleness } from "./pg-schema";

const root = path.resolve(import.meta.dirname, "..", "..");
const bin = path.join(root, "node_modules", ".bin", "prisma");

function fromEmpty(schema: string, databaseUrl: string): string {
  return execFileSync(
    bin,
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: databaseUrl },
    },
  );
}

const migrationFiles = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name, "migration.sql"))
    .sort();

function sqliteCatalog(db: Database.Database): string[] {
  const out: string[] = [];
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
    )
    .pluck()
    .all() as string[];
  for (const t of tables) {
    for (const c of db.pragma(`table_info("${t}")`) as Record<string, unknown>[])
      out.push(
        `column ${t}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`,
      );
    for (const f of db.pragma(`foreign_key_list("${t}")`) as Record<string, unknown>[])
      out.push(
        `fk ${t}.${f.from} -> ${f.table}.${f.to} update=${f.on_update} delete=${f.on_delete}`,
      );
  }
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const i of indexes) out.push(`index ${i.sql.replace(/\s+/g, " ")}`);
  return out.sort();
}

function compare(what: string, fromHistory: string[], fromSchema: string[]): boolean {
  const a = new Set(fromHistory);
  const b = new Set(fromSchema);
  const onlyHistory = fromHistory.filter((x) => !b.has(x));
  const onlySchema = fromSchema.filter((x) => !a.has(x));
  if (!onlyHistory.length && !onlySchema.length) {
    console.log(`${what}: the migration history gives the schema (${fromSchema.length} items).`);
    return true;
  }
  console.error(`${what}: the migration history and the schema disagree.`);
  for (const x of onlyHistory) console.error(`  only from the migrations: ${x}`);
  for (const x of onlySchema) console.error(`  only from the schema:     ${x}`);
  return false;
}

function checkSqlite(): boolean {
  const history = new Database(":memory:");
  for (const file of migrationFiles(path.join(root, "prisma", "migrations")))
    history.exec(fs.readFileSync(file, "utf8"));
  const direct = new Database(":memory:");
  direct.exec(fromEmpty(path.join(root, "prisma", "schema.prisma"), "file::memory:"));
  return compare("SQLite", sqliteCatalog(history), sqliteCatalog(direct));
}

async function pgCatalog(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const rows = async (sql: string) => (await c.query<{ x: string }>(sql)).rows.map((r) => r.x);
    return [
      ...(await rows(`SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || coalesce(datetime_precision::text, '') || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '') AS x
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)),
      ...(await rows(
        `SELECT 'index ' || indexdef AS x FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      )),
      ...(await rows(`SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS x
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_prisma_migrations"'`)),
      ...(await rows(
        `SELECT 'function ' || proname || ' ' || md5(prosrc) AS x FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
      )),
    ].sort();
  } finally {
    await c.end();
  }
}

async function checkPostgres(adminUrl: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const tag = `xutra_check_${process.pid}`;
  const url = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  try {
    for (const db of [`${tag}_h`, `${tag}_s`]) await admin.query(`CREATE DATABASE "${db}"`);
    // each file as one query, as `npm run migrate` sends it (scripts/db/pg-migrate-adapter.ts)
    const history = new pg.Client({ connectionString: url(`${tag}_h`) });
    await history.connect();
    for (const file of migrationFiles(pgMigrations))
      await history.query(fs.readFileSync(file, "utf8"));
    await history.end();
    const direct = new pg.Client({ connectionString: url(`${tag}_s`) });
    await direct.connect();
    await direct.query(fromEmpty(pgSchema, "postgresql://offline/schema-diff"));
    await direct.end();
    return compare(
      "PostgreSQL",
      await pgCatalog(url(`${tag}_h`)),
      await pgCatalog(url(`${tag}_s`)),
    );
  } finally {
    for (const db of [`${tag}_h`, `${tag}_s`])
      await admin.query(`DROP DATABASE IF EXISTS "${db}"`).catch(() => undefined);
    await admin.end();
  }
}

const s = staleness();
const problems = [
  s.schema && "prisma/postgres/schema.prisma is not generated from prisma/schema.prisma",
  s.missing.length && `SQLite migrations without a PostgreSQL twin: ${s.missing.join(", ")}`,
  s.orphans.length && `PostgreSQL migrations without a SQLite one: ${s.orphans.join(", ")}`,
].filter(Boolean);
if (problems.length) {
  console.error(`${problems.join("\n")}\nRun: npm run db:pg (README, "Changing the schema")`);
  process.exit(1);
}
let ok = checkSqlite();
const at = process.argv.indexOf("--postgres");
if (at > 0) ok = (await checkPostgres(process.argv[at + 1] ?? "")) && ok;
process.exit(ok ? 0 : 1);
