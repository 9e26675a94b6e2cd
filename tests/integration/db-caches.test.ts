// The two caches under Prisma (docs/benchmarks.md, flash-sale): query plans of identical
// reads (app/utils/prisma-plan-cache.server.ts) and prepared statements per SQL text
// (app/utils/sqlite-adapter.server.ts). They must keep plans and statements, never results.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { planCacheStats } from "~/utils/prisma-plan-cache.server";

const key = (s: string) => `db-cache-test:${s}:${Math.random().toString(36).slice(2)}`;

describe("query plan cache", () => {
  it("reuses an identical read's plan but always reads the current data", async () => {
    const k = key("counter");
    await prisma.rateLimit.create({ data: { key: k, count: 1, windowStart: new Date() } });
    const read = () => prisma.rateLimit.findUnique({ where: { key: k }, select: { count: true } });
    expect(await read()).toEqual({ count: 1 });
    const hits = planCacheStats.hits;
    await prisma.rateLimit.update({ where: { key: k }, data: { count: 2 } });
    expect(await read()).toEqual({ count: 2 });
    await prisma.$transaction(async (tx) => {
      await tx.rateLimit.update({ where: { key: k }, data: { count: 3 } });
      expect(await tx.rateLimit.findUnique({ where: { key: k }, select: { count: true } })).toEqual(
        { count: 3 },
      );
    });
    expect(await read()).toEqual({ count: 3 });
    expect(planCacheStats.hits).toBeGreaterThanOrEqual(hits + 3);
  });
  it("keeps reads with different values apart, includes and aggregates too", async () => {
    const a = key("a");
    const b = key("b");
    await prisma.rateLimit.createMany({
      data: [
        { key: a, count: 5, windowStart: new Date(0) },
        { key: b, count: 7, windowStart: new Date(1000) },
      ],
    });
    for (let i = 0; i < 2; i++) {
      expect((await prisma.rateLimit.findUnique({ where: { key: a } }))?.count).toBe(5);
      expect((await prisma.rateLimit.findUnique({ where: { key: b } }))?.count).toBe(7);
      expect((await prisma.rateLimit.findUnique({ where: { key: b } }))?.windowStart).toEqual(
        new Date(1000),
      );
      expect(
        (
          await prisma.rateLimit.aggregate({
            where: { key: { in: [a, b] } },
            _sum: { count: true },
          })
        )._sum.count,
      ).toBe(12);
      const provinces = await prisma.province.findMany({
        orderBy: { code: "asc" },
        include: { communes: { orderBy: { code: "asc" }, select: { code: true } } },
      });
      expect(provinces.length).toBeGreaterThan(0);
      expect(provinces.every((p) => p.communes.every((c) => typeof c.code === "string"))).toBe(
        true,
      );
    }
  });
  it("never reuses a write's plan: generated ids and timestamps are fresh each time", async () => {
    const entity = key("audit");
    const first = await prisma.auditLog.create({ data: { action: "test.cache", entity } });
    const second = await prisma.auditLog.create({ data: { action: "test.cache", entity } });
    expect(first.id).not.toBe(second.id);
    expect(second.at.getTime()).toBeGreaterThanOrEqual(first.at.getTime());
    expect(await prisma.auditLog.count({ where: { entity } })).toBe(2);
  });
});

describe("prepared statement cache", () => {
  it("runs the same SQL with each query's own arguments", async () => {
    const keys = [key("s1"), key("s2")];
    for (const [i, k] of keys.entries())
      await prisma.$executeRaw`INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${k}, ${10 + i}, ${new Date()})`;
    for (const [i, k] of keys.entries()) {
      const rows = await prisma.$queryRaw<
        { count: number | bigint }[]
      >`SELECT "count" FROM "RateLimit" WHERE "key" = ${k}`;
      expect(Number(rows[0].count)).toBe(10 + i);
    }
  });
  it("stays usable after a statement fails", async () => {
    const k = key("dup");
    await prisma.rateLimit.create({ data: { key: k, count: 1, windowStart: new Date() } });
    await expect(
      prisma.rateLimit.create({ data: { key: k, count: 2, windowStart: new Date() } }),
    ).rejects.toMatchObject({ code: "P2002" });
    const other = key("after");
    await prisma.rateLimit.create({ data: { key: other, count: 3, windowStart: new Date() } });
    expect((await prisma.rateLimit.findUnique({ where: { key: other } }))?.count).toBe(3);
  });
});
