import { createHash } from "node:crypto";
import sharp from "sharp";
import { shelfOf, type FileShelf } from "../files/store.server";
import { PHOTO_FORMATS, PHOTO_WIDTHS } from "./sizes";

// Phone photos: auto-rotate by EXIF, drop every piece of metadata (GPS must
// never leak: sharp writes none unless asked), store responsive AVIF/WebP/JPEG
// under the content hash in the file store (local disk or S3, app/files/).

const PHOTO_TYPES = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" } as const;

export const MAX_INPUT_PIXELS = 50_000_000; // ~ a 50 MP camera; beyond that it is a bomb
const ACCEPTED = new Set(["jpeg", "png", "webp", "heif", "avif", "gif", "tiff"]);

export type PhotoErrorCode =
  "photo.notImage" | "photo.tooManyPixels" | "photo.corrupt" | "photo.tooLarge" | "photo.heic";

/**
 * An iPhone HEIC photo is HEVC inside a HEIF box. This libvips build decodes only
 * AV1 (AVIF) from HEIF, so such a file would fail as "corrupt": say what it is and
 * how to send it instead. (The file inputs do not offer image/heic, so iOS Safari
 * converts to JPEG on the way; this catches files that arrive as HEIC anyway.)
 */
export function unreadableHeif(meta: { format?: string; compression?: string }): boolean {
  return meta.format === "heif" && meta.compression !== undefined && meta.compression !== "av1";
}

export class PhotoError extends Error {
  constructor(public code: PhotoErrorCode) {
    super(code);
  }
}

// created: this call wrote the directory (a duplicate of an existing photo did not);
// a caller whose database write then fails removes it again with discardPhotoFiles.
export type StoredPhoto = {
  hash: string;
  width: number;
  height: number;
  placeholder: string;
  bytesOut: number;
  created: boolean;
};

/**
 * Checks, normalises and stores a photo on a shelf (the app's photoShelf, or a bare
 * directory for the bench and unit tests).
 */
export async function processPhoto(
  input: Buffer,
  target: FileShelf | string,
  maxBytes = Infinity,
): Promise<StoredPhoto> {
  const shelf = shelfOf(target);
  if (input.length > maxBytes) throw new PhotoError("photo.tooLarge");
  if (input.length === 0) throw new PhotoError("photo.notImage");
  // The header alone decides what this is (never the file name or the browser's
  // MIME type) and how many pixels it claims: a 20000x20000 PNG is a few hundred
  // kilobytes on disk and gigabytes once decoded, so it is refused before decoding.
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false, pages: -1 }).metadata();
  } catch {
    throw new PhotoError("photo.notImage");
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new PhotoError("photo.notImage");
  if (unreadableHeif(meta)) throw new PhotoError("photo.heic");
  const frames = meta.pages ?? 1;
  if (!meta.width || !meta.height) throw new PhotoError("photo.corrupt");
  if (
    meta.width * (meta.pageHeight ?? meta.height) * frames > MAX_INPUT_PIXELS ||
    meta.width * meta.height > MAX_INPUT_PIXELS
  )
    throw new PhotoError("photo.tooManyPixels");

  let master: { data: Buffer; info: sharp.OutputInfo };
  try {
    // failOn "error" also catches truncated files (a phone upload cut off on 3G)
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
  const hash = createHash("sha256")
    .update(master.data)
    .update(`${width}x${height}x${channels}`)
    .digest("hex")
    .slice(0, 32);
  const raw = () => sharp(master.data, { raw: { width, height, channels } });

  const placeholderBuf = await raw()
    .resize(16, 16, { fit: "inside" })
    .blur(1)
    .webp({ quality: 40 })
    .toBuffer();
  const placeholder = `data:image/webp;base64,${placeholderBuf.toString("base64")}`;

  // The database hears of the photo before its files are written (the clean-up finds
  // orphans from it); a photo it knew is reused if all its files are there.
  const dir = `${shelf.prefix}${hash}/`;
  const claim = shelf.claim ? await shelf.claim(`${shelf.prefix}${hash}`) : "stored";
  const keys = PHOTO_WIDTHS.flatMap((w) => PHOTO_FORMATS.map((ext) => `${dir}${w}.${ext}`));
  const present =
    claim === "stored"
      ? (await Promise.all(keys.map((k) => shelf.store.exists(k)))).every(Boolean)
      : false;
  let bytesOut = 0;
  let created = false;
  if (!present) {
    await Promise.all(
      PHOTO_WIDTHS.map(async (w) => {
        const base = raw().resize({ width: Math.min(w, width), withoutEnlargement: true });
        const outputs = await Promise.all([
          base.clone().avif({ quality: 50, effort: 2 }).toBuffer(),
          base.clone().webp({ quality: 75 }).toBuffer(),
          base.clone().jpeg({ quality: 78, mozjpeg: true }).toBuffer(),
        ]);
        // each file is written whole (temp file + rename, or one S3 PUT): a failure
        // never leaves half a file, and a re-upload writes what is missing
        await Promise.all(
          PHOTO_FORMATS.map((ext, i) =>
            shelf.store.put(`${dir}${w}.${ext}`, outputs[i], PHOTO_TYPES[ext]),
          ),
        );
        bytesOut += outputs.reduce((s, b) => s + b.length, 0);
      }),
    );
    created = true;
  }
  return { hash, width, height, placeholder, bytesOut, created };
}

/** Removes a photo's files, for a caller whose database write failed right after processPhoto. */
export async function discardPhotoFiles(target: FileShelf | string, photo: StoredPhoto) {
  if (!photo.created || !/^[0-9a-f]{32}$/.test(photo.hash)) return;
  const shelf = shelfOf(target);
  await shelf.store.remove(`${shelf.prefix}${photo.hash}/`);
  await shelf.release?.(`${shelf.prefix}${photo.hash}`);
}
