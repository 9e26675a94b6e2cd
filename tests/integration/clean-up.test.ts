import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeDocument } from "~/certificates/documents.server";
import { cleanUpFiles } from "~/files/clean-up.server";
import { processPhoto } from "~/images/pipeline.server";
import { prisma } from "~/utils/db.server";
import { documentsDir } from "~/utils/env.server";

// Real photo directories (processPhoto) in a temp uploads dir; real certificate
// scans (storeDocument) in the test documents dir, which other tests share, so
// only the files made here are looked at.

const HOUR = 3_600_000;
const GRACE = 24 * HOUR;
let uploads: string;
const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );
const age = async (p: string, hours: number) => {
  const t = new Date(Date.now() - hours * HOUR);
  await fs.utimes(p, t, t);
};

async function photo() {
  // a random colour gives a new content hash every time
  const png = await sharp({
    create: {
      width: 48,
      height: 32,
      channels: 3,
      background: { r: randomInt(256), g: randomInt(256), b: randomInt(256) },
    },
  })
    .png()
    .toBuffer();
  const p = await processPhoto(png, uploads);
  return { ...p, dir: path.join(uploads, p.hash) };
}

const photoRow = (p: { hash: string; width: number; height: number; placeholder: string }) =>
  prisma.photo.create({
    data: {
      hash: p.hash,
      width: p.width,
      height: p.height,
      placeholder: p.placeholder,
      alt: "clean-up test",
    },
  });

beforeAll(async () => {
  uploads = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-cleanup-"));
});
afterAll(async () => {
  await fs.rm(uploads, { recursive: true, force: true });
});

describe("file clean-up: photos", () => {
  it("removes an old orphan, keeps a referenced one and a fresh orphan, and counts bytes", async () => {
    const [orphan, used, fresh] = [await photo(), await photo(), await photo()];
    expect((await fs.readdir(orphan.dir)).length).toBe(12);
    await photoRow(used);
    await age(orphan.dir, 30);
    await age(used.dir, 30);
    await age(fresh.dir, 2);
    const r = await cleanUpFiles({
      uploadsDir: uploads,
      documentsDir: path.join(uploads, "no-documents"),
      graceMs: GRACE,
    });
    expect(await exists(orphan.dir)).toBe(false);
    expect(await exists(used.dir)).toBe(true);
    expect(await exists(fresh.dir)).toBe(true);
    expect(r.photos.removed).toBe(1);
    expect(r.photos.bytes).toBe(orphan.bytesOut);
    // nothing left half-way
    expect((await fs.readdir(uploads)).filter((n) => n.startsWith(".trash-"))).toEqual([]);
  });

  it("a hash shared by two rows survives removing one of them, and goes with the last", async () => {
    const shared = await photo();
    const [a, b] = [await photoRow(shared), await photoRow(shared)];
    await age(shared.dir, 48);
    await prisma.photo.delete({ where: { id: a.id } });
    await cleanUpFiles({
      uploadsDir: uploads,
      documentsDir: path.join(uploads, "no-documents"),
      graceMs: GRACE,
    });
    expect(await exists(shared.dir)).toBe(true);
    await prisma.photo.delete({ where: { id: b.id } });
    const r = await cleanUpFiles({
      uploadsDir: uploads,
      documentsDir: path.join(uploads, "no-documents"),
      graceMs: GRACE,
    });
    expect(await exists(shared.dir)).toBe(false);
    expect(r.photos.removed).toBeGreaterThanOrEqual(1);
  });

  it("removes interrupted uploads (.tmp-*) older than the grace, keeps younger ones and files it does not know", async () => {
    const oldTmp = path.join(uploads, `.tmp-${randomBytes(16).toString("hex")}-aaaa`);
    const newTmp = path.join(uploads, `.tmp-${randomBytes(16).toString("hex")}-bbbb`);
    const other = path.join(uploads, "README-not-a-photo");
    for (const d of [oldTmp, newTmp]) {
      await fs.mkdir(d);
      await fs.writeFile(path.join(d, "160.jpg"), Buffer.alloc(1000));
    }
    await fs.writeFile(other, "keep me");
    await age(oldTmp, 25);
    await age(newTmp, 1);
    await age(other, 100);
    const r = await cleanUpFiles({
      uploadsDir: uploads,
      documentsDir: path.join(uploads, "no-documents"),
      graceMs: GRACE,
    });
    expect(await exists(oldTmp)).toBe(false);
    expect(await exists(newTmp)).toBe(true);
    expect(await exists(other)).toBe(true);
    expect(r.photos.leftovers).toBe(1);
  });

  it("the grace comes from the environment (24 h by default)", async () => {
    const p = await photo();
    await age(p.dir, 23);
    await cleanUpFiles({ uploadsDir: uploads, documentsDir: path.join(uploads, "no-documents") });
    expect(await exists(p.dir)).toBe(true);
    await age(p.dir, 25);
    await cleanUpFiles({ uploadsDir: uploads, documentsDir: path.join(uploads, "no-documents") });
    expect(await exists(p.dir)).toBe(false);
  });

  it("the same picture uploaded again refreshes its old unused files, so they outlive the next run until the row is written", async () => {
    const png = await sharp({
      create: {
        width: 40,
        height: 30,
        channels: 3,
        background: { r: randomInt(256), g: randomInt(256), b: randomInt(256) },
      },
    })
      .png()
      .toBuffer();
    const first = await processPhoto(png, uploads);
    const dir = path.join(uploads, first.hash);
    await age(dir, 48); // unused for two days: next in line for the job
    const again = await processPhoto(png, uploads);
    expect(again).toMatchObject({ hash: first.hash, created: false });
    await cleanUpFiles({
      uploadsDir: uploads,
      documentsDir: path.join(uploads, "no-documents"),
      graceMs: GRACE,
    });
    expect(await exists(dir)).toBe(true);
    // once the job has moved old files away, an upload writes them anew rather than reuse them
    await age(dir, 48);
    await cleanUpFiles({
      uploadsDir: uploads,
      documentsDir: path.join(uploads, "no-documents"),
      graceMs: GRACE,
    });
    expect(await exists(dir)).toBe(false);
    expect(await processPhoto(png, uploads)).toMatchObject({ hash: first.hash, created: true });
    expect((await fs.readdir(dir)).length).toBe(12);
  });
});

describe("file clean-up: certificate documents", () => {
  const pdf = () =>
    Buffer.from(`%PDF-1.4\n% clean-up test ${randomBytes(8).toString("hex")}\n%%EOF\n`);
  const certRow = (documentPath: string) =>
    prisma.certification.create({
      data: {
        kind: "VIETGAP",
        issuer: "Clean-up test",
        number: `CU-${randomBytes(4).toString("hex")}`,
        issuedAt: new Date(Date.now() - 30 * 86_400_000),
        expiresAt: new Date(Date.now() + 300 * 86_400_000),
        documentPath,
        stallId: "stall-hh-001",
      },
    });
  let documents: string;
  beforeAll(async () => {
    documents = path.join(uploads, "documents");
    await fs.mkdir(documents);
  });

  it("removes an old unreferenced scan, keeps a referenced one, a fresh one, and one shared until its last row goes", async () => {
    // storeDocument writes into the shared test documents dir; move them into this test's own dir
    const make = async () => {
      const { name } = await storeDocument(pdf());
      return name;
    };
    const [orphan, used, fresh, shared] = [await make(), await make(), await make(), await make()];
    for (const n of [orphan, used, fresh, shared])
      await fs.rename(path.join(documentsDir, n), path.join(documents, n));
    await certRow(used);
    const [s1, s2] = [await certRow(shared), await certRow(shared)];
    for (const n of [orphan, used, shared]) await age(path.join(documents, n), 30);
    await age(path.join(documents, fresh), 3);
    const size = (await fs.stat(path.join(documents, orphan))).size;

    const r = await cleanUpFiles({
      uploadsDir: path.join(uploads, "no-uploads"),
      documentsDir: documents,
      graceMs: GRACE,
    });
    expect(await exists(path.join(documents, orphan))).toBe(false);
    expect(await exists(path.join(documents, used))).toBe(true);
    expect(await exists(path.join(documents, fresh))).toBe(true);
    expect(await exists(path.join(documents, shared))).toBe(true);
    expect(r.documents).toMatchObject({ removed: 1, bytes: size });

    await prisma.certification.delete({ where: { id: s1.id } });
    await cleanUpFiles({
      uploadsDir: path.join(uploads, "no-uploads"),
      documentsDir: documents,
      graceMs: GRACE,
    });
    expect(await exists(path.join(documents, shared))).toBe(true);
    await prisma.certification.delete({ where: { id: s2.id } });
    await cleanUpFiles({
      uploadsDir: path.join(uploads, "no-uploads"),
      documentsDir: documents,
      graceMs: GRACE,
    });
    expect(await exists(path.join(documents, shared))).toBe(false);
  });

  it("removes an old interrupted document write (.tmp-*), keeps a young one", async () => {
    const oldTmp = path.join(documents, `.tmp-${randomBytes(6).toString("hex")}`);
    const newTmp = path.join(documents, `.tmp-${randomBytes(6).toString("hex")}`);
    await fs.writeFile(oldTmp, pdf());
    await fs.writeFile(newTmp, pdf());
    await age(oldTmp, 48);
    const r = await cleanUpFiles({
      uploadsDir: path.join(uploads, "no-uploads"),
      documentsDir: documents,
      graceMs: GRACE,
    });
    expect(await exists(oldTmp)).toBe(false);
    expect(await exists(newTmp)).toBe(true);
    expect(r.documents.leftovers).toBe(1);
  });
});
