import { describe, expect, it } from "vitest";
import { indexName, meili } from "~/search/meili.server";
import { PRODUCTS } from "~/search/products.server";
import { loader as healthz } from "~/routes/healthz";
import { prisma, usesPostgres } from "~/utils/db.server";
import { seed } from "../../scripts/seed/index";

describe("demo data", () => {
  it("has the promised size", async () => {
    expect(await prisma.cooperative.count()).toBeGreaterThanOrEqual(6);
    expect(await prisma.household.count()).toBeGreaterThanOrEqual(60);
    expect(await prisma.product.count()).toBeGreaterThanOrEqual(300);
    expect(await prisma.certification.count({ where: { kind: "OCOP" } })).toBeGreaterThan(0);
    expect(await prisma.certification.count({ where: { kind: "VIETGAP" } })).toBeGreaterThan(0);
    expect(await prisma.batch.count()).toBeGreaterThan(0);
    const communes = await prisma.household.groupBy({ by: ["communeCode"] });
    expect(communes.map((c) => c.communeCode)).toEqual(
      expect.arrayContaining(["05503", "05818", "05740", "05857", "05719"]),
    );
  });

  // the whole seed again (photos, one long transaction): 22 s at load 7, 3 min at load 20 on
  // SQLite; on PostgreSQL each statement is a round trip: over 5 min at load 25
  const seedAgainMs = usesPostgres ? 900_000 : 300_000;
  it(
    "is idempotent: seeding again changes nothing",
    async () => {
      const count = async () => [
        await prisma.user.count(),
        await prisma.product.count(),
        await prisma.variant.count(),
        await prisma.photo.count(),
        await prisma.batch.count(),
        await prisma.certification.count(),
      ];
      const before = await count();
      await seed(() => undefined);
      expect(await count()).toEqual(before);
    },
    seedAgainMs,
  );

  // SQLite's own settings; PostgreSQL has neither PRAGMA (its foreign keys are always on)
  it.skipIf(usesPostgres)("runs SQLite with WAL and foreign keys", async () => {
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [fk] =
      await prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(mode.journal_mode).toBe("wal");
    expect(Number(fk.foreign_keys)).toBe(1);
  });
});

describe("search index", () => {
  it("holds only products for sale and matches Vietnamese without diacritics", async () => {
    const index = meili()!.index(indexName(PRODUCTS));
    const forSale = (
      await prisma.product.findMany({
        where: { status: "ACTIVE", deletedAt: null, stall: { banned: false, status: "OPEN" } },
        select: { id: true },
      })
    ).map((p) => p.id);
    const indexed = (
      await index.getDocuments<{ id: string }>({ fields: ["id"], limit: 10_000 })
    ).results.map((d) => d.id);
    expect(forSale.length).toBeGreaterThan(250);
    expect(indexed.sort()).toEqual(forSale.sort());
    const res = await index.search("tra tan cuong", { limit: 20 });
    expect(res.hits.length).toBeGreaterThan(0);
    // "trà" is a synonym of "chè": both kinds come back, accents or not
    expect(res.hits.map((h) => h.name).some((n) => /^Chè .*Tân Cương/.test(n))).toBe(true);
    expect(res.hits.every((h) => /Tân Cương/.test(h.name + h.commune))).toBe(true);
    const draft = await prisma.product.findFirstOrThrow({ where: { status: "DRAFT" } });
    expect(
      (await index.search(draft.name, { filter: `id = "${draft.id}"` }).catch(() => ({ hits: [] })))
        .hits,
    ).toHaveLength(0);
  });
});

describe("/healthz", () => {
  it("reports database and search", async () => {
    const res = await healthz();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok", search: "ok" });
  });
});
