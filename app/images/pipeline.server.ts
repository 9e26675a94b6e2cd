import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { PHOTO_WIDTHS } from "./sizes";

// Phone photos: auto-rotate by EXIF, drop every piece of metadata (GPS must
// never leak: sharp writes none unless asked), store responsive AVIF/WebP/JPEG
// under the content hash. Files are written to a temp dir and renamed into place,
// so a failure never leaves a half-written photo.

export const MAX_INPUT_PIXELS = 50_000_000; // ~ a 50 MP camera; beyond that it is a bomb
const ACCEPTED = new Set(["jpeg", "png", "webp", "heif", "avif", "gif", "tiff"]);

export type PhotoErrorCode = "photo.notImage" | "photo.tooManyPixels" | "photo.corrupt" | "photo.tooLarge";

export class PhotoError extends Error {
  constructor(public code: PhotoErrorCode) {
    super(code);
  }
}

export type StoredPhoto = { hash: string; width: number; height: number; placeholder: string; bytesOut: number };

export async function processPhoto(input: Buffer, uploadsDir: string, maxBytes = Infinity): Promise<StoredPhoto> {
  if (input.length > maxBytes) throw new PhotoError("photo.tooLarge");
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoError("photo.notImage");
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new PhotoError("photo.notImage");
  if ((meta.width ?? 0) * (meta.height ?? 0) * (meta.pages ?? 1) > MAX_INPUT_PIXELS) throw new PhotoError("photo.tooManyPixels");

  let master: { data: Buffer; info: sharp.OutputInfo };
  try {
    master = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: 1600, height: 1600, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new PhotoError("photo.corrupt");
  }
  const { width, height, channels } = master.info;
  const hash = createHash("sha256").update(master.data).update(`${width}x${height}x${channels}`).digest("hex").slice(0, 32);
  const finalDir = path.join(uploadsDir, hash);
  const raw = () => sharp(master.data, { raw: { width, height, channels } });

  const placeholderBuf = await raw().resize(16, 16, { fit: "inside" }).blur(1).webp({ quality: 40 }).toBuffer();
  const placeholder = `data:image/webp;base64,${placeholderBuf.toString("base64")}`;

  let bytesOut = 0;
  const exists = await fs.stat(finalDir).then(() => true, () => false);
  if (!exists) {
    const tmp = path.join(uploadsDir, `.tmp-${hash}-${randomBytes(4).toString("hex")}`);
    await fs.mkdir(tmp, { recursive: true });
    try {
      await Promise.all(
        PHOTO_WIDTHS.map(async (w) => {
          const base = raw().resize({ width: Math.min(w, width), withoutEnlargement: true });
          const outputs = await Promise.all([
            base.clone().avif({ quality: 50, effort: 2 }).toBuffer(),
            base.clone().webp({ quality: 75 }).toBuffer(),
            base.clone().jpeg({ quality: 78, mozjpeg: true }).toBuffer(),
          ]);
          await Promise.all(
            (["avif", "webp", "jpg"] as const).map((ext, i) => fs.writeFile(path.join(tmp, `${w}.${ext}`), outputs[i])),
          );
          bytesOut += outputs.reduce((s, b) => s + b.length, 0);
        }),
      );
      await fs.rename(tmp, finalDir).catch(async (e) => {
        // another upload of the same picture won the race: keep theirs
        await fs.rm(tmp, { recursive: true, force: true });
        if (!(await fs.stat(finalDir).then(() => true, () => false))) throw e;
      });
    } catch (e) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  return { hash, width, height, placeholder, bytesOut };
}
