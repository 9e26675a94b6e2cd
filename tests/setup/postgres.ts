// The PostgreSQL pass of the tests (docs/decisions/0073): with TEST_PG_URL (a server where the
// run may create and drop databases, e.g. .ci/run's throwaway cluster) the global setup
// migrates and seeds one template database and each test file works on its own
// `CREATE DATABASE … TEMPLATE` copy, as decision 0058 copies the SQLite file.
import pg from "pg";

export const testPgUrl = () => process.env.TEST_PG_URL || process.env.XUTRA_TEST_PG || "";

/** The URL of database `name` on the server of `admin`. */
export function databaseUrl(admin: string, name: string): string {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer(admin: string, sql: string) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export const createDatabase = (admin: string, name: string, template?: string) =>
  onServer(admin, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);

/** Drops it even while a test file's pool is still connected. */
export const dropDatabase = (admin: string, name: string) =>
  onServer(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
