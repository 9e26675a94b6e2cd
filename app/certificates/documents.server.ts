import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { reuseIfStored } from "~/files/reuse.server";
import { MAX_INPUT_PIXELS } from "~/images/pipeline.server";
import { prisma } from "~/utils/db.server";
import { documentsDir } from "~/utils/env.server";
import { isPdf } from "./rules";

// Certificate scans. A PDF is kept as sent (checked by its magic bytes); an image
// is re-encoded as JPEG so no EXIF/GPS of the phone that took it is stored. Files
// are named by content hash and written through a temp file + rename.

export class DocumentError extends Error {
  constructor(public code: "cert.documentInvalid") {
    super(code);
  }
}

export async function storeDocument(input: Buffer): Promise<{ name: string; created: boolean }> {
  let bytes: Buffer;
  let ext: "pdf" | "jpg";
  if (isPdf(input)) {
    bytes = input;
    ext = "pdf";
  } else {
    try {
      const meta = await sharp(input, { limitInputPixels: false }).metadata();
      if (
        !meta.width ||
        !meta.height ||
        meta.width * meta.height > MAX_INPUT_PIXELS ||
        !["jpeg", "png", "webp", "heif", "avif", "tiff"].includes(meta.format ?? "")
      )
        throw new Error("refused");
      bytes = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
        .rotate()
        .resize({ width: 2400, height: 2400, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 85 })
        .toBuffer();
    } catch {
      throw new DocumentError("cert.documentInvalid");
    }
    ext = "jpg";
  }
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 40)}.${ext}`;
  await fs.mkdir(documentsDir, { recursive: true });
  const final = path.join(documentsDir, name);
  if (await reuseIfStored(final)) return { name, created: false };
  const tmp = path.join(documentsDir, `.tmp-${randomBytes(6).toString("hex")}`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, final);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  return { name, created: true };
}

export async function discardDocument(doc: { name: string; created: boolean }) {
  if (!doc.created) return;
  const used = await prisma.certification.count({ where: { documentPath: doc.name } });
  if (!used) await fs.rm(path.join(documentsDir, doc.name), { force: true });
}

export function documentFile(name: string) {
  if (!/^[0-9a-f]{40}\.(pdf|jpg)$/.test(name)) return null;
  return {
    path: path.join(documentsDir, name),
    type: name.endsWith(".pdf") ? "application/pdf" : "image/jpeg",
  };
}

/** The bytes and type of a certificate's scan, or null when it has none (or it is gone). */
export async function readDocument(cert: { documentPath: string | null }) {
  const file = cert.documentPath ? documentFile(cert.documentPath) : null;
  if (!file) return null;
  const bytes = await fs.readFile(file.path).catch(() => null);
  return bytes ? { bytes, type: file.type } : null;
}
