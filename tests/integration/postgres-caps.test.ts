// Count-then-insert caps under concurrency on PostgreSQL (issue 14): SQLite ran these
// transactions one at a time; PostgreSQL at Read Committed lets a burst of uploads all count
// the same number and all insert. Each burst here overshoots its cap without serializable().
// Skipped in the SQLite pass (one writer: nothing to race).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PRODUCT_PHOTOS, addProductPhoto } from "~/console/products.server";
import { MAX_STALL_PHOTOS, addStallPhoto } from "~/console/stall-photos.server";
import type { StoredPhoto } from "~/images/pipeline.server";
import { openStallFor } from "~/onboarding/onboarding.server";
import { MAX_BATCH_PHOTOS, storeBatchPhoto } from "~/trace/batch-photos.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, usesPostgres } from "~/utils/db.server";
import { makeProduct, makeStall } from "../helpers/buyer";

const T = `caps${randomBytes(4).toString("hex")}`;
const BURST = 14;
let user: SessionUser;

// a photo already on the shelf (created: false): the caps are about rows, no file is touched
const photo = (i: number): StoredPhoto => ({
  hash: `${T}-${i}`,
  width: 800,
  height: 600,
  placeholder: "data:image/webp;base64,",
  bytesOut: 1000,
  created: false,
});
const burst = <T>(fn: (i: number) => Promise<T>) =>
  Promise.allSettled(Array.from({ length: BURST }, (_, i) => fn(i)));
const fulfilled = (r: PromiseSettledResult<unknown>[]) =>
  r.filter((x) => x.status === "fulfilled" && x.value !== "batches.error.photos").length;

beforeAll(async () => {
  if (!usesPostgres) return;
  const u = await prisma.user.findFirstOrThrow({ where: { role: "OFFICER" } });
  user = { id: u.id, role: u.role, name: u.name, phone: u.phone, locale: "vi" } as SessionUser;
  await makeStall(T);
  await makeProduct(`stall-${T}`, T);
});

describe.skipIf(!usesPostgres)("PostgreSQL: count-then-insert caps hold under a burst", () => {
  it(`photos per product: exactly ${MAX_PRODUCT_PHOTOS}, positions 0..${MAX_PRODUCT_PHOTOS - 1}`, async () => {
    const results = await burst((i) => addProductPhoto(user, `prod-${T}`, photo(i), ""));
    expect(fulfilled(results)).toBe(MAX_PRODUCT_PHOTOS);
    const rows = await prisma.photo.findMany({ where: { productId: `prod-${T}` } });
    expect(rows.map((r) => r.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: MAX_PRODUCT_PHOTOS }, (_, i) => i),
    );
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ problems: ["photo.tooMany"] });
  });

  it(`photos per stall: exactly ${MAX_STALL_PHOTOS}`, async () => {
    const results = await burst((i) => addStallPhoto(user, `stall-${T}`, photo(i), ""));
    expect(fulfilled(results)).toBe(MAX_STALL_PHOTOS);
    expect(await prisma.photo.count({ where: { stallId: `stall-${T}` } })).toBe(MAX_STALL_PHOTOS);
  });

  it(`photos per batch: exactly ${MAX_BATCH_PHOTOS}, the others told the batch is full`, async () => {
    const batch = await prisma.batch.create({
      data: {
        code: T,
        lot: `L-${T}`,
        stallId: `stall-${T}`,
        productId: `prod-${T}`,
        harvestedAt: new Date(),
        quantity: 10,
      },
    });
    const results = await burst((i) => storeBatchPhoto(user.id, batch, photo(i)));
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(fulfilled(results)).toBe(MAX_BATCH_PHOTOS);
    expect(await prisma.photo.count({ where: { batchId: batch.id } })).toBe(MAX_BATCH_PHOTOS);
  });

  it("stalls per household: two officers opening a stall at once open one", async () => {
    const household = await prisma.household.create({
      data: { name: `Hộ thử ${T}`, communeCode: "05503" },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        openStallFor(user, household.id, `Quầy ${T} ${i}`, false),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "onboard.hasStall" });
    expect(await prisma.stall.count({ where: { householdId: household.id } })).toBe(1);
  });
});
