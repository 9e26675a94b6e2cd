// Wraps Prisma's better-sqlite3 driver adapter so that one SQLite connection is
// safe to share between concurrent requests.
//
// The stock adapter (6.19) has one connection and a mutex that only transactions
// take: a query from another request that arrives while a transaction is open
// runs *inside* that transaction, and is committed or rolled back with it. It also
// opens transactions with a deferred BEGIN, which in WAL mode fails at once with
// SQLITE_BUSY when a read-then-write transaction meets another process's write.
// Here every statement outside a transaction waits for the open transaction to
// finish, and transactions start with BEGIN IMMEDIATE (take the write lock first,
// waiting on busy_timeout), so interactive transactions serialise cleanly.
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/** Plain SQL with `?` parameters on one connection; integers come back as numbers. */
export type SqlRunner = {
  get<T>(sql: string, ...args: unknown[]): T | undefined;
  all<T>(sql: string, ...args: unknown[]): T[];
  /** how many rows the statement changed */
  run(sql: string, ...args: unknown[]): number;
};

/** Runs `fn` as one transaction on the writer's connection, in turn with every other statement. */
export type WriteTransaction = <T>(fn: (sql: SqlRunner) => T) => Promise<T>;

export function sqlRunner(
  prepareStatement: (sql: string) => BetterSqlite3.Statement,
  max = 500,
): SqlRunner {
  const kept = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let stmt = kept.get(sql);
    if (!stmt) {
      stmt = prepareStatement(sql);
      if (stmt.reader) stmt.safeIntegers(false);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(sql, stmt);
    }
    return stmt;
  };
  return {
    get: <T>(sql: string, ...args: unknown[]) => prepare(sql).get(...args) as T | undefined,
    all: <T>(sql: string, ...args: unknown[]) => prepare(sql).all(...args) as T[],
    run: (sql: string, ...args: unknown[]) => prepare(sql).run(...args).changes,
  };
}

function serialised(
  inner: SqlDriverAdapter,
  raw: Raw | null,
): {
  adapter: SqlDriverAdapter;
  write: WriteTransaction | null;
} {
  const lock = new Lock();
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  const adapter: SqlDriverAdapter = Object.create(inner);
  adapter.queryRaw = (q: SqlQuery) => exclusive(() => inner.queryRaw(q));
  adapter.executeRaw = (q: SqlQuery) => exclusive(() => inner.executeRaw(q));
  adapter.executeScript = (s: string) => exclusive(() => inner.executeScript(s));
  adapter.startTransaction = async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      return inner.startTransaction(isolationLevel); // the adapter's own error
    const release = await lock.acquire();
    try {
      await inner.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
    } catch (e) {
      release();
      throw e;
    }
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        release();
      }
      return Promise.resolve();
    };
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      options: { usePhantomQuery: false }, // Prisma sends COMMIT/ROLLBACK itself
      queryRaw: (q) => inner.queryRaw(q),
      executeRaw: (q) => inner.executeRaw(q),
      commit: finish,
      rollback: finish,
    };
  };
  // Plain statements in one BEGIN IMMEDIATE … COMMIT, run synchronously: nothing else
  // can interleave, and the write lock is held for the statements' own time only.
  const write: WriteTransaction | null = raw
    ? (fn) =>
        exclusive(async () => {
          raw.sql.run("BEGIN IMMEDIATE");
          try {
            let result = fn(raw.sql);
            // writeSqlAsync: its statements still run on this connection under the lock
            if (result instanceof Promise) result = await result;
            raw.sql.run("COMMIT");
            return result;
          } catch (e) {
            raw.sql.run("ROLLBACK");
            throw e;
          }
        })
    : null;
  return { adapter, write };
}

/**
 * Prisma's adapter prepares every statement anew for each query and binds it (which
 * better-sqlite3 allows once per statement). Here prepared statements are kept per SQL
 * text and run with each query's arguments; the adapter sees the same interface.
 */
type Raw = { sql: SqlRunner };

function keepStatements(connection: unknown, max = 500): Raw | null {
  const db = (connection as { client?: BetterSqlite3.Database }).client;
  if (!db || typeof db.prepare !== "function") return null;
  const prepare = db.prepare.bind(db);
  // the app's own plain statements (writeTransaction) prepare as better-sqlite3 does, not through the wrapper below
  const sql = sqlRunner(prepare, max);
  const kept = new Map<string, BetterSqlite3.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = kept.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(sql, stmt);
    }
    const s = stmt;
    return {
      bind: (args: unknown[]) => ({
        reader: s.reader,
        run: () => s.run(args),
        columns: () => s.columns(),
        raw: () => ({ all: () => s.raw(true).all(args) }),
      }),
    };
  }) as unknown as typeof db.prepare;
  return { sql };
}

/** `pragmas` run on the connection before anything else can use it. */
export function serialisedSqlite(
  factory: PrismaBetterSQLite3,
  pragmas: string[] = [],
  onWriter?: (write: WriteTransaction) => void,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = await factory.connect();
      const raw = keepStatements(connection);
      for (const sql of pragmas) await connection.queryRaw({ sql, args: [], argTypes: [] });
      const { adapter, write } = serialised(connection, raw);
      if (write) onWriter?.(write);
      return adapter;
    },
  };
}
