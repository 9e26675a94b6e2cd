import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma, readSql, writeSql } from "~/utils/db.server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (s: string) => `adapter-test:${s}:${Math.random().toString(36).slice(2)}`;

describe("the shared SQLite connection", () => {
  it("never lets another request's write ride inside an open transaction", async () => {
    const inside = key("inside");
    const outside = key("outside");
    const failing = prisma.$transaction(async (tx) => {
      await tx.rateLimit.create({ data: { key: inside, count: 1, windowStart: new Date() } });
      await sleep(150);
      throw new Error("roll back");
    });
    await sleep(30);
    // a concurrent request, not part of that transaction
    await prisma.rateLimit.create({ data: { key: outside, count: 1, windowStart: new Date() } });
    await expect(failing).rejects.toThrow("roll back");
    expect(await prisma.rateLimit.findUnique({ where: { key: inside } })).toBeNull();
    expect(await prisma.rateLimit.findUnique({ where: { key: outside } })).not.toBeNull();
  });

  it("serialises read-then-write transactions from two processes: no busy errors, no lost updates", async () => {
    const k = key("counter");
    await prisma.rateLimit.create({ data: { key: k, count: 0, windowStart: new Date() } });
    const worker = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", "tests/helpers/bump-worker.ts", k, "15"],
          { env: process.env, stdio: "inherit" },
        );
        child.on("exit", resolve);
      });
    expect(await Promise.all([worker(), worker()])).toEqual([0, 0]);
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: k } })).count).toBe(30);
  });

  it("has foreign keys on from the first statement", async () => {
    await expect(
      prisma.membership.create({
        data: { cooperativeId: "no-such-coop", householdId: "no-such-household" },
      }),
    ).rejects.toThrow();
  });

  it("runs a plain-SQL write in its turn: never inside another request's open transaction, all or nothing", async () => {
    const inside = key("inside");
    const plain = key("plain");
    const failing = prisma.$transaction(async (tx) => {
      await tx.rateLimit.create({ data: { key: inside, count: 1, windowStart: new Date() } });
      await sleep(150);
      throw new Error("roll back");
    });
    await sleep(30);
    const insert = `INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (?, ?, ?)`;
    await writeSql((sql) => sql.run(insert, plain, 1, new Date().toISOString()));
    await expect(failing).rejects.toThrow("roll back");
    expect(await prisma.rateLimit.findUnique({ where: { key: inside } })).toBeNull();
    expect(await prisma.rateLimit.findUnique({ where: { key: plain } })).not.toBeNull();
    // a throw inside rolls back every statement before it
    const half = key("half");
    await expect(
      writeSql((sql) => {
        sql.run(insert, half, 1, new Date().toISOString());
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await prisma.rateLimit.findUnique({ where: { key: half } })).toBeNull();
  });

  it("reads plain SQL on its own connection: committed data only, numbers as numbers", async () => {
    const k = key("read");
    const read = () =>
      readSql().get<{ count: number }>(`SELECT "count" FROM "RateLimit" WHERE "key" = ?`, k);
    await prisma.$transaction(async (tx) => {
      await tx.rateLimit.create({ data: { key: k, count: 4, windowStart: new Date() } });
      expect(read()).toBeUndefined(); // not committed yet
    });
    expect(read()).toEqual({ count: 4 });
    await writeSql((sql) => sql.run(`UPDATE "RateLimit" SET "count" = 5 WHERE "key" = ?`, k));
    expect(read()).toEqual({ count: 5 });
    expect(() => readSql().run(`DELETE FROM "RateLimit" WHERE "key" = ?`, k)).toThrow();
    expect(read()).toEqual({ count: 5 });
  });
});
