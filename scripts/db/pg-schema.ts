// PostgreSQL twin of the SQLite schema (docs/decisions/0071). prisma/schema.prisma is the
// one source; prisma/postgres/schema.prisma is generated from it (provider postgresql, its
// own client in app/generated/prisma-pg) and prisma/postgres/migrations keeps one migration
// per SQLite migration, same name, made with `prisma migrate diff` between schema files (no
// shadow database). The state of prisma/postgres/schema.prisma is what the PostgreSQL history
// produces, so a new twin is the diff from that file to the newly generated one.
//
//   npm run db:pg            write the PostgreSQL schema and every missing twin migration
//   npm run db:pg -- --head  the same from the last commit only (ignores uncommitted schema work)
//   npm run db:check         is everything in step (scripts/db/check.ts, first step of `npm test`)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const sqliteMigrations = path.join(root, "prisma", "migrations");
export const pgDir = path.join(root, "prisma", "postgres");
export const pgSchema = path.join(pgDir, "schema.prisma");
export const pgMigrations = path.join(pgDir, "migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/db/pg-schema.ts: do not edit.\n" +
  "// Change prisma/schema.prisma, add its SQLite migration, then run `npm run db:pg`.\n\n";

/** The PostgreSQL schema for a SQLite schema's text. */
export function toPostgres(source: string): string {
  let out = source;
  const swap = (from: RegExp, to: string, what: string) => {
    if (!from.test(out)) throw new Error(`pg-schema: ${what} not found in prisma/schema.prisma`);
    out = out.replace(from, to);
  };
  swap(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"', "the sqlite provider");
  swap(
    /url\s*=\s*"file:[^"]*"[^\n]*/,
    'url      = "postgresql://localhost/xutra" // ignored: the driver adapter supplies the connection',
    "the datasource url",
  );
  swap(
    /output\s*=\s*"\.\.\/app\/generated\/prisma"/,
    'output       = "../../app/generated/prisma-pg"',
    "the client output",
  );
  return HEADER + out;
}

const bin = path.join(root, "node_modules", ".bin", "prisma");

/** `prisma migrate diff` between two PostgreSQL schema texts (null: empty), as SQL. */
function diff(from: string | null, to: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xutra-pg-schema-"));
  try {
    const toFile = path.join(tmp, "to.prisma");
    fs.writeFileSync(toFile, to);
    const fromArgs =
      from === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(tmp, "from.prisma")];
    if (from !== null) fs.writeFileSync(path.join(tmp, "from.prisma"), from);
    return execFileSync(
      bin,
      ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"],
      {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        // prisma.config.ts picks the PostgreSQL side; nothing connects to it
        env: { ...process.env, DATABASE_URL: "postgresql://offline/schema-diff" },
      },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const names = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });

export type Staleness = { schema: boolean; missing: string[]; orphans: string[] };

export function staleness(): Staleness {
  const want = toPostgres(fs.readFileSync(sqliteSchema, "utf8"));
  const have = fs.existsSync(pgSchema) ? fs.readFileSync(pgSchema, "utf8") : "";
  const sqlite = names(sqliteMigrations);
  const pg = names(pgMigrations);
  return {
    schema: want !== have,
    missing: sqlite.filter((n) => !pg.includes(n)),
    orphans: pg.filter((n) => !sqlite.includes(n)),
  };
}

const FOLDED = (into: string) =>
  `-- Nothing to do on PostgreSQL: this SQLite migration's change is in ${into}.\n`;

function writeTwin(name: string, sql: string) {
  fs.mkdirSync(path.join(pgMigrations, name), { recursive: true });
  fs.writeFileSync(path.join(pgMigrations, name, "migration.sql"), sql);
  console.log(`prisma/postgres/migrations/${name}/migration.sql (${sql.split("\n").length} lines)`);
}

/**
 * The first run starts the PostgreSQL history at HEAD: the first twin creates the committed
 * schema, the twins of the other committed SQLite migrations are empty (no PostgreSQL database
 * predates them). After that each new SQLite migration gets the diff from the last generated
 * schema to the working tree's; several at once share one diff, in the earliest of them.
 */
function write(fromHead: boolean) {
  const { orphans, ...rest } = staleness();
  let missing = rest.missing;
  if (fromHead) {
    // only what is committed: a shared working tree may hold others' unfinished schema work
    const committed = git("ls-tree", "-d", "--name-only", "HEAD", "prisma/migrations/");
    missing = missing.filter((n) => committed.includes(`prisma/migrations/${n}\n`));
  }
  if (orphans.length)
    throw new Error(`PostgreSQL migrations without a SQLite one: ${orphans.join(", ")}`);
  fs.mkdirSync(pgMigrations, { recursive: true });
  fs.writeFileSync(
    path.join(pgMigrations, "migration_lock.toml"),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  if (!names(pgMigrations).length) {
    const committed = git("ls-tree", "-d", "--name-only", "HEAD", "prisma/migrations/")
      .trim()
      .split("\n")
      .map((p) => path.basename(p))
      .sort();
    const base = toPostgres(git("show", "HEAD:prisma/schema.prisma"));
    writeTwin(committed[0], diff(null, base));
    for (const name of committed.slice(1)) writeTwin(name, FOLDED(committed[0]));
    fs.writeFileSync(pgSchema, base);
    missing = missing.filter((n) => !committed.includes(n));
  }
  const want = toPostgres(
    fromHead ? git("show", "HEAD:prisma/schema.prisma") : fs.readFileSync(sqliteSchema, "utf8"),
  );
  const state = fs.readFileSync(pgSchema, "utf8");
  if (!missing.length) {
    if (state !== want)
      throw new Error(
        "prisma/schema.prisma changed but has no new SQLite migration: add it first (README, Database), then run npm run db:pg",
      );
    return;
  }
  writeTwin(missing[0], diff(state, want));
  for (const name of missing.slice(1)) writeTwin(name, FOLDED(missing[0]));
  fs.writeFileSync(pgSchema, want);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  write(process.argv.includes("--head"));
}
