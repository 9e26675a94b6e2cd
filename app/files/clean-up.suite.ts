// The clean-up's behaviour, run against whichever store the app was started with:
// clean-up.test.ts (local disk, the default) and s3.test.ts (an S3 server on
// loopback). Real photos through the pipeline, real scans through storeDocument,
// real label prints through the route; time is moved on the StoredFile rows (the
// database decides, not file times).
import { randomBytes, randomInt } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { storeDocument } from "~/certificates/documents.server";
import { PHOTO_FORMATS, PHOTO_WIDTHS } from "~/images/sizes";
import { processPhoto } from "~/images/pipeline.server";
import { storedLabelSheet } from "~/trace/label-sheets.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { cleanUpFiles } from "./clean-up.server";
import { fileStore, photoShelf } from "./files.server";

const HOUR = 3_600_000;
const GRACE = 24 * HOUR;
const run = (opts: { graceMs?: number; adopt?: boolean } = {}) =>
  cleanUpFiles({ graceMs: GRACE, adopt: false, ...opts });

/** Moves a file set's last use back in time. */
export const age = (key: string, hours: number) =>
  prisma.storedFile.update({
    where: { key },
    data: { usedAt: new Date(Date.now() - hours * HOUR) },
  });

const photoKeys = (hash: string) =>
  PHOTO_WIDTHS.flatMap((w) => PHOTO_FORMATS.map((ext) => `uploads/${hash}/${w}.${ext}`));
/** How many of a photo's 12 renditions the store holds. */
export const photoFiles = async (hash: string) =>
  (await Promise.all(photoKeys(hash).map((k) => fileStore.exists(k)))).filter(Boolean).length;

export async function randomPng(w = 48, h = 32) {
  // a random colour gives a new content hash every time
  return sharp({
    create: {
      width: w,
      height: h,
      channels: 3,
      background: { r: randomInt(256), g: randomInt(256), b: randomInt(256) },
    },
  })
    .png()
    .toBuffer();
}

export async function photo() {
  return processPhoto(await randomPng(), photoShelf);
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

export function cleanUpSuite(storeKind: "local" | "s3") {
  it(`the app's store is the ${storeKind} one`, () => {
    expect(fileStore.kind).toBe(storeKind);
  });

  describe("file clean-up: photos", () => {
    it("removes an old orphan, keeps a referenced one and a fresh orphan, and counts bytes", async () => {
      const [orphan, used, fresh] = [await photo(), await photo(), await photo()];
      expect(await photoFiles(orphan.hash)).toBe(12);
      await photoRow(used);
      await age(`uploads/${orphan.hash}`, 30);
      await age(`uploads/${used.hash}`, 30);
      await age(`uploads/${fresh.hash}`, 2);
      const r = await run();
      expect(await photoFiles(orphan.hash)).toBe(0);
      expect(await photoFiles(used.hash)).toBe(12);
      expect(await photoFiles(fresh.hash)).toBe(12);
      expect(r.photos.removed).toBe(1);
      expect(r.photos.bytes).toBe(orphan.bytesOut);
      expect(await prisma.storedFile.count({ where: { key: `uploads/${orphan.hash}` } })).toBe(0);
    });

    it("a hash shared by two rows survives removing one of them, and goes with the last", async () => {
      const shared = await photo();
      const [a, b] = [await photoRow(shared), await photoRow(shared)];
      await age(`uploads/${shared.hash}`, 48);
      await prisma.photo.delete({ where: { id: a.id } });
      await run();
      expect(await photoFiles(shared.hash)).toBe(12);
      await prisma.photo.delete({ where: { id: b.id } });
      const r = await run();
      expect(await photoFiles(shared.hash)).toBe(0);
      expect(r.photos.removed).toBeGreaterThanOrEqual(1);
    });

    it("the grace comes from the environment (24 h by default)", async () => {
      const p = await photo();
      await age(`uploads/${p.hash}`, 23);
      await cleanUpFiles({ adopt: false });
      expect(await photoFiles(p.hash)).toBe(12);
      await age(`uploads/${p.hash}`, 25);
      await cleanUpFiles({ adopt: false });
      expect(await photoFiles(p.hash)).toBe(0);
    });

    it("the same picture uploaded again refreshes its unused files, so the next run keeps them; once removed, an upload writes them anew", async () => {
      const png = await randomPng(40, 30);
      const first = await processPhoto(png, photoShelf);
      expect(first.created).toBe(true);
      await age(`uploads/${first.hash}`, 48); // unused for two days: next in line
      const again = await processPhoto(png, photoShelf);
      expect(again).toMatchObject({ hash: first.hash, created: false });
      await run();
      expect(await photoFiles(first.hash)).toBe(12);
      await age(`uploads/${first.hash}`, 48);
      await run();
      expect(await photoFiles(first.hash)).toBe(0);
      expect(await processPhoto(png, photoShelf)).toMatchObject({
        hash: first.hash,
        created: true,
      });
      expect(await photoFiles(first.hash)).toBe(12);
    });

    it("an upload of a picture the clean-up is removing this moment waits for it, then writes the files anew", async () => {
      const png = await randomPng(36, 36);
      const first = await processPhoto(png, photoShelf);
      const key = `uploads/${first.hash}`;
      // the clean-up's first steps: claimed, files going
      await prisma.storedFile.update({ where: { key }, data: { deletingAt: new Date() } });
      const upload = processPhoto(png, photoShelf);
      await new Promise((r) => setTimeout(r, 150));
      await fileStore.remove(`${key}/`);
      await prisma.storedFile.delete({ where: { key } });
      expect(await upload).toMatchObject({ hash: first.hash, created: true });
      expect(await photoFiles(first.hash)).toBe(12);
      expect(await prisma.storedFile.findUnique({ where: { key } })).toMatchObject({
        deletingAt: null,
      });
    });

    it("a claim left by a clean-up that died is taken back by the next upload", async () => {
      const png = await randomPng(30, 40);
      const first = await processPhoto(png, photoShelf);
      const key = `uploads/${first.hash}`;
      await prisma.storedFile.update({
        where: { key },
        data: { deletingAt: new Date(Date.now() - HOUR) },
      });
      expect(await processPhoto(png, photoShelf)).toMatchObject({ created: true });
      expect(await prisma.storedFile.findUnique({ where: { key } })).toMatchObject({
        deletingAt: null,
      });
      expect(await photoFiles(first.hash)).toBe(12);
    });

    it("files stored before the database kept rows are adopted, then go one grace period later if no row names them", async () => {
      const p = await photo();
      const key = `uploads/${p.hash}`;
      await prisma.storedFile.delete({ where: { key } }); // as an older version stored it
      await fileStore.put("uploads/readme.txt", Buffer.from("not a photo"), "text/plain");
      const adopted = await run({ adopt: true });
      expect(adopted.adopted).toBeGreaterThanOrEqual(1);
      expect(await photoFiles(p.hash)).toBe(12); // adopted as used now: inside the grace
      await age(key, 30);
      await run();
      expect(await photoFiles(p.hash)).toBe(0);
      expect(await fileStore.exists("uploads/readme.txt")).toBe(true); // not a name it knows
    });
  });

  describe("file clean-up: certificate documents", () => {
    it("removes an old unreferenced scan, keeps a referenced one, a fresh one, and one shared until its last row goes", async () => {
      const make = async () => (await storeDocument(pdf())).name;
      const [orphan, used, fresh, shared] = [
        await make(),
        await make(),
        await make(),
        await make(),
      ];
      await certRow(used);
      const [s1, s2] = [await certRow(shared), await certRow(shared)];
      for (const n of [orphan, used, shared]) await age(`documents/${n}`, 30);
      await age(`documents/${fresh}`, 3);
      const size = (await fileStore.read(`documents/${orphan}`))!.length;
      const has = (n: string) => fileStore.exists(`documents/${n}`);

      const r = await run();
      expect(await has(orphan)).toBe(false);
      expect(await has(used)).toBe(true);
      expect(await has(fresh)).toBe(true);
      expect(await has(shared)).toBe(true);
      expect(r.documents).toMatchObject({ removed: 1, bytes: size });

      await prisma.certification.delete({ where: { id: s1.id } });
      await run();
      expect(await has(shared)).toBe(true);
      await prisma.certification.delete({ where: { id: s2.id } });
      await run();
      expect(await has(shared)).toBe(false);
    });
  });

  describe("file clean-up: label sheets", () => {
    it("keeps a sheet a print of the last 30 days names, removes one only older prints name", async () => {
      const draw = (tag: string) => () =>
        Promise.resolve(Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`));
      const recent = await storedLabelSheet(
        { test: randomBytes(8).toString("hex") },
        draw("recent"),
      );
      const stale = await storedLabelSheet({ test: randomBytes(8).toString("hex") }, draw("stale"));
      const never = await storedLabelSheet({ test: randomBytes(8).toString("hex") }, draw("never"));
      const batch = await prisma.batch.findFirstOrThrow();
      for (const s of [recent, stale])
        await audit({
          actorId: null,
          action: "batch.labels",
          entity: "Batch",
          entityId: batch.id,
          data: { format: "pdf", sheet: s.sheet },
        });
      await prisma.auditLog.updateMany({
        where: { action: "batch.labels", data: { contains: stale.sheet } },
        data: { at: new Date(Date.now() - 40 * 86_400_000) },
      });
      for (const s of [recent, stale, never]) await age(`labels/${s.sheet}`, 30);
      const r = await run();
      expect(await fileStore.exists(`labels/${recent.sheet}`)).toBe(true);
      expect(await fileStore.exists(`labels/${stale.sheet}`)).toBe(false);
      expect(await fileStore.exists(`labels/${never.sheet}`)).toBe(false);
      expect(r.labels.removed).toBe(2);
    });
  });
}
