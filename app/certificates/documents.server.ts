import { createHash } from "node:crypto";
import sharp from "sharp";
import { claimStoredFile, fileStore, releaseStoredFile } from "~/files/files.server";
import { MAX_INPUT_PIXELS } from "~/images/pipeline.server";
import { prisma } from "~/utils/db.server";
import { isPdf } from "./rules";

// Certificate scans. A PDF is kept as sent (checked by its magic bytes); an image
// is re-encoded as JPEG so no EXIF/GPS of the phone that took it is stored. Files
// are named by content hash, under documents/ in the file store (app/files/).

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
  const key = `documents/${name}`;
  // the database hears of the scan before it is written (the clean-up finds orphans from it)
  if ((await claimStoredFile(key)) === "stored" && (await fileStore.exists(key)))
    return { name, created: false };
  await fileStore.put(key, bytes, documentType(name));
  return { name, created: true };
}

export async function discardDocument(doc: { name: string; created: boolean }) {
  if (!doc.created || !DOCUMENT_NAME.test(doc.name)) return;
  const used = await prisma.certification.count({ where: { documentPath: doc.name } });
  if (used) return;
  await fileStore.remove(`documents/${doc.name}`);
  await releaseStoredFile(`documents/${doc.name}`);
}

const DOCUMENT_NAME = /^[0-9a-f]{40}\.(pdf|jpg)$/;
const documentType = (name: string) => (name.endsWith(".pdf") ? "application/pdf" : "image/jpeg");

/** The bytes and type of a certificate's scan, or null when it has none (or it is gone). */
export async function readDocument(cert: { documentPath: string | null }) {
  const name = cert.documentPath;
  if (!name || !DOCUMENT_NAME.test(name)) return null;
  const bytes = await fileStore.read(`documents/${name}`);
  return bytes ? { bytes, type: documentType(name) } : null;
}
