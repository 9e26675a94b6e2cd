// What SQLite's one-transaction-at-a-time gave for free, checked where it is not free:
// several connections on PostgreSQL (docs/decisions/0072). Skipped in the SQLite pass.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  onceAcrossInstances,
  prisma,
  readSqlAsync,
  serializable,
  usesPostgres,
  writeSqlAsync,
} from "~/utils/db.server";
import { takeRateLimit } from "~/utils/rate-limit.server";

const key = () => `pg-test-${randomBytes(6).toString("hex")}`;
const CAP = 3;

/** A count-then-insert cap (photos per product, stalls per household have this shape). */
async function addUnderCap(
  tx: Parameters<Parameters<typeof serializable>[0]>[0],
  entityId: string,
) {
  const n = await tx.auditLog.count({ where: { entity: "PgCap", entityId } });
  if (n >= CAP) return false;
  await tx.auditLog.create({ data: { action: "pg.cap", entity: "PgCap", entityId } });
  return true;
}

describe.skipIf(!usesPostgres)("PostgreSQL: concurrent writers", () => {
  it("a count-then-insert cap holds under serializable(); a plain transaction overshoots", async () => {
    const guarded = key();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => serializable((tx) => addUnderCap(tx, guarded))),
    );
    expect(results.filter(Boolean)).toHaveLength(CAP);
    expect(await prisma.auditLog.count({ where: { entity: "PgCap", entityId: guarded } })).toBe(
      CAP,
    );

    // the same at Read Committed: this is why the helper exists (the pool runs them side by side)
    const plain = key();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        prisma.$transaction((tx) => addUnderCap(tx, plain)).catch(() => false),
      ),
    );
    expect(
      await prisma.auditLog.count({ where: { entity: "PgCap", entityId: plain } }),
    ).toBeGreaterThan(CAP);
  });

  it("the rate limiter hands out exactly its limit to a burst across connections", async () => {
    const k = key();
    const takes = await Promise.all(Array.from({ length: 40 }, () => takeRateLimit(k, 5, 60_000)));
    expect(takes.filter((t) => t.allowed)).toHaveLength(5);
  });

  it("writeSqlAsync: conditional plain statements never insert twice; rows read as on SQLite", async () => {
    const k = key();
    const insert = `INSERT INTO "RateLimit" ("key", "count", "windowStart") SELECT ?, 1, ? WHERE NOT EXISTS (SELECT 1 FROM "RateLimit" WHERE "key" = ?)`;
    const at = new Date("2026-12-04T01:02:03.456Z");
    const counts = await Promise.all(
      Array.from({ length: 10 }, () =>
        writeSqlAsync((sql) => sql.run(insert, k, at.toISOString().replace("Z", "+00:00"), k)),
      ),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const row = await readSqlAsync().get<{ count: number; windowStart: string; n: number }>(
      `SELECT "count", "windowStart", (SELECT count(*) FROM "RateLimit" WHERE "key" = ?) AS "n" FROM "RateLimit" WHERE "key" = ?`,
      k,
      k,
    );
    expect(row).toEqual({ count: 1, windowStart: "2026-12-04T01:02:03.456+00:00", n: 1 });
  });

  it("a periodic job runs once across instances: a second taker skips while the first holds the lock", async () => {
    const name = key();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let runs = 0;
    const first = onceAcrossInstances(name, async () => {
      runs++;
      await held;
      return "first";
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await onceAcrossInstances(name, async () => (runs++, "second"))).toBeUndefined();
    release();
    expect(await first).toBe("first");
    expect(await onceAcrossInstances(name, async () => (runs++, "third"))).toBe("third");
    expect(runs).toBe(2);
  });
});
