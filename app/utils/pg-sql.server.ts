// Plain SQL on PostgreSQL for the hot paths of docs/decisions/0048, with the same statements
// as on SQLite (`?` parameters) and rows that look like SQLite's, so a caller does not know
// which database it is on (docs/decisions/0072).
import pg from "pg";

/** Plain SQL with `?` parameters; on both databases (db.server.ts readSqlAsync/writeSqlAsync). */
export type AsyncSqlRunner = {
  get<T>(sql: string, ...args: unknown[]): Promise<T | undefined>;
  all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** how many rows the statement changed */
  run(sql: string, ...args: unknown[]): Promise<number>;
};

/** Connections per app instance (Prisma's pool; the plain-SQL pool takes a quarter more). */
export function poolSize(): number {
  return Number(process.env.PG_POOL_MAX || 10);
}

const cached = new Map<string, string>();
/** `?` placeholders (outside quoted strings and names) as `$1`, `$2`, … */
export function numbered(sql: string): string {
  let out = cached.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  let quote: string | null = null;
  out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  if (cached.size > 1000) cached.clear();
  cached.set(sql, out);
  return out;
}

// rows as SQLite gives them: Prisma's DateTime text, booleans 1/0, 64-bit integers as numbers
const utc = (text: string) =>
  new Date(`${text.replace(" ", "T")}Z`).toISOString().replace("Z", "+00:00");
const PARSERS: Record<number, (v: string) => unknown> = {
  16: (v) => (v === "t" ? 1 : 0), // boolean
  20: Number, // int8 (count(*))
  1700: Number, // numeric (sum())
  1114: utc, // timestamp without time zone: Prisma stores UTC
  1184: (v) => new Date(v).toISOString().replace("Z", "+00:00"), // timestamptz (now())
};
const types = {
  getTypeParser: (oid: number, format?: string) =>
    PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text"),
} as pg.CustomTypesConfig;

// booleans are sent as 1/0 by the SQLite-shaped callers; PostgreSQL reads '1'/'0' as boolean
const param = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

function runner(q: (text: string, values: unknown[]) => Promise<pg.QueryResult>): AsyncSqlRunner {
  return {
    get: async <T>(sql: string, ...args: unknown[]) =>
      (await q(numbered(sql), args.map(param))).rows[0] as T | undefined,
    all: async <T>(sql: string, ...args: unknown[]) =>
      (await q(numbered(sql), args.map(param))).rows as T[],
    run: async (sql: string, ...args: unknown[]) =>
      (await q(numbered(sql), args.map(param))).rowCount ?? 0,
  };
}

/** Codes a transaction is run again for: serialization failure, deadlock, a concurrent unique insert. */
export const RETRYABLE = new Set(["40001", "40P01", "23505"]);
export const MAX_ATTEMPTS = 8;
export const backoffMs = (attempt: number) => Math.random() * 5 * 2 ** attempt;

export class PgSql {
  readonly pool: pg.Pool;
  readonly reader: AsyncSqlRunner;
  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: Math.max(2, Math.ceil(poolSize() / 4)) });
    this.pool.on("error", () => undefined); // an idle connection dropped: the next query reconnects
    this.reader = runner((text, values) => this.pool.query({ text, values, types }));
  }

  async write<T>(fn: (sql: AsyncSqlRunner) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
        const result = await fn(runner((text, values) => client.query({ text, values, types })));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (e as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      } finally {
        client.release();
      }
    }
  }

  /**
   * Runs `fn` only if no other connection (another app instance) holds the advisory lock
   * named `name`; the lock is a session lock on one pooled connection, released after.
   */
  async exclusive<T>(
    name: string,
    fn: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const client = await this.pool.connect();
    try {
      const got = await client.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext($1)) AS ok",
        [name],
      );
      if (!got.rows[0]?.ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
      }
    } finally {
      client.release();
    }
  }
}
