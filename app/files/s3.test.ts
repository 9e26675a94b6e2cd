import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startS3 } from "../../tests/helpers/s3-server";

// The S3 file store against an S3 server started in this process on loopback
// (s3rver, spoken to by @aws-sdk/client-s3 as any S3-compatible service would be).
// The settings are in place before the app is imported: every upload, scan and
// label sheet of this file goes to the bucket, none to DATA_DIR.
const s3 = await startS3();
const { cleanUpSuite } = await import("./clean-up.suite");
const { fileStore } = await import("./files.server");
const { S3FileStore } = await import("./store.server");
const { env } = await import("~/utils/env.server");
const { prisma } = await import("~/utils/db.server");
const { client, get, post, settle } = await import("../../tests/helpers/http");
const { fixture, uid } = await import("../../tests/helpers/seller");
const { action: photos } = await import("~/routes/console.products.$productId_.photos");
const { action: newProduct } = await import("~/routes/console.stalls.$stallId.products.new");
const { loader: image } = await import("~/routes/images.$hash.$file");
const { action: certAction } = await import("~/routes/console.stalls.$stallId.certificates");
const { loader: documentLoader } = await import("~/routes/console.certificates.$certId.document");
const { loader: labels } = await import("~/routes/console.stalls.$stallId.batches.$batchId.labels");

const HH1 = "0912000002";
const HH2 = "0913000002";
const MANAGER = "0912000003";
const COOP = "stall-coop-hao-dat";
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const onDisk = (...p: string[]) =>
  fs.stat(path.join(env.DATA_DIR, ...p)).then(
    () => true,
    () => false,
  );
// the bucket as another instance (or an operator) sees it: a client of its own
const bucket = new S3FileStore({
  endpoint: `http://127.0.0.1:${s3.port}`,
  bucket: s3.bucket,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});

cleanUpSuite("s3");

describe("S3 file store: what is stored goes to the bucket and is served from it", () => {
  it("a product photo uploaded in the console is stored in S3, not on disk, and served at /images/...", async () => {
    const c = await client(HH1);
    const name = `Ảnh S3 ${uid()}`;
    await settle(() =>
      newProduct(args(post(c, "/x", { name, intent: "draft" }), { stallId: "stall-hh-001" })),
    );
    const product = await prisma.product.findFirstOrThrow({ where: { name } });
    const res = (await settle(() =>
      photos(
        args(post(c, "/x", { photo: fixture("phone-gps.jpg"), _xhr: "1" }), {
          productId: product.id,
        }),
      ),
    )) as Response;
    expect(await res.json()).toEqual({ ok: true });
    const p = await prisma.photo.findFirstOrThrow({ where: { productId: product.id } });
    expect(await bucket.exists(`uploads/${p.hash}/640.jpg`)).toBe(true);
    expect(await bucket.exists(`uploads/${p.hash}/1024.avif`)).toBe(true);
    expect(await onDisk("uploads", p.hash)).toBe(false);

    const served = await image(
      args(new Request(`http://localhost/images/${p.hash}/640.jpg`), {
        hash: p.hash,
        file: "640.jpg",
      }),
    );
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes).toEqual(await bucket.read(`uploads/${p.hash}/640.jpg`));
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // a browser that has it already gets a 304
    const again = await image(
      args(
        new Request(`http://localhost/images/${p.hash}/640.jpg`, {
          headers: { "If-None-Match": served.headers.get("ETag")! },
        }),
        { hash: p.hash, file: "640.jpg" },
      ),
    );
    expect(again.status).toBe(304);
    const missing = await image(
      args(new Request("http://localhost/images/x"), { hash: "0".repeat(32), file: "640.jpg" }),
    );
    expect(missing.status).toBe(404);
  });

  it("a certificate scan is stored in S3 and served only to those who may see it", async () => {
    const c = await client(HH1);
    const number = `VG-${uid()}`;
    const scan = Buffer.from(`%PDF-1.4\n% s3 test ${number}\n%%EOF\n`);
    const iso = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const res = await settle(() =>
      certAction(
        args(
          post(c, "/x", {
            kind: "VIETGAP",
            issuer: "Trung tâm Chứng nhận (test)",
            number,
            issuedAt: iso(-30),
            expiresAt: iso(600),
            document: new File([scan], "vietgap.pdf", { type: "application/pdf" }),
          }),
          { stallId: "stall-hh-001" },
        ),
      ),
    );
    expect((res as Response).status).toBe(302);
    const cert = await prisma.certification.findFirstOrThrow({ where: { number } });
    expect(await bucket.read(`documents/${cert.documentPath}`)).toEqual(scan);
    expect(await onDisk("documents", cert.documentPath!)).toBe(false);

    const doc = (await documentLoader(
      args(get(c, `/console/certificates/${cert.id}/document`), { certId: cert.id }),
    )) as Response;
    expect(doc.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await doc.arrayBuffer())).toEqual(scan);
    const stranger = await client(HH2);
    const other = await settle(() =>
      documentLoader(
        args(get(stranger, `/console/certificates/${cert.id}/document`), {
          certId: cert.id,
        }),
      ),
    );
    expect([403, 404]).toContain((other as Response).status);
  });

  it("a printed label sheet (PDF) is kept in S3, named in the print's audit row, and a reprint is served from the bucket", async () => {
    const c = await client(MANAGER);
    const batch = await prisma.batch.findFirstOrThrow({ where: { stallId: COOP } });
    const url = `/console/stalls/${COOP}/batches/${batch.id}/labels?format=pdf&size=50x30&count=3`;
    const first = (await labels(
      args(get(c, url), { stallId: COOP, batchId: batch.id }),
    )) as Response;
    expect(first.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await first.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const print = await prisma.auditLog.findFirstOrThrow({
      where: { action: "batch.labels", entityId: batch.id },
      orderBy: { at: "desc" },
    });
    const sheet = (JSON.parse(print.data) as { sheet: string }).sheet;
    expect(sheet).toMatch(/^[0-9a-f]{40}\.pdf$/);
    expect(await bucket.read(`labels/${sheet}`)).toEqual(pdf);
    expect(await onDisk("labels")).toBe(false);
    // the bucket's copy is what a reprint gets (here marked, to tell it from a new drawing)
    const marked = Buffer.concat([pdf, Buffer.from("% from the store\n")]);
    await bucket.put(`labels/${sheet}`, marked, "application/pdf");
    const reprint = (await labels(
      args(get(c, url), { stallId: COOP, batchId: batch.id }),
    )) as Response;
    expect(Buffer.from(await reprint.arrayBuffer())).toEqual(marked);
    // a different sheet (another size) is another file
    const other = (await labels(
      args(get(c, url.replace("50x30", "30x30")), { stallId: COOP, batchId: batch.id }),
    )) as Response;
    expect(Buffer.from(await other.arrayBuffer())).not.toEqual(marked);
  });

  it("the app's store is this bucket, and nothing of this file's went to DATA_DIR", async () => {
    expect(fileStore.kind).toBe("s3");
    expect(await onDisk("uploads")).toBe(false);
    expect(await onDisk("documents")).toBe(false);
  });
});
