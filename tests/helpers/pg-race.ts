// Makes a PostgreSQL race happen every time instead of now and then: a second connection
// changes a row and keeps its transaction open, the code under test reads the old row and
// queues behind the lock to write it; the change then commits (decision 0091).
import pg from "pg";

export type HeldWrite = { commit(): Promise<void>; rollback(): Promise<void> };

/** Runs `sql` in a transaction of its own connection and leaves it open until commit(). */
export async function holdWrite(sql: string, ...values: unknown[]): Promise<HeldWrite> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query(sql, values);
  const end = async (how: string) => {
    try {
      await client.query(how);
    } finally {
      await client.end();
    }
  };
  return { commit: () => end("COMMIT"), rollback: () => end("ROLLBACK") };
}

/** Resolves once some connection of this database waits for a row lock (at most `ms`). */
export async function someoneWaitsForLock(ms = 20_000): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (const until = Date.now() + ms; Date.now() < until;) {
      const r = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (r.rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("nobody waited for the held row");
  } finally {
    await client.end();
  }
}
