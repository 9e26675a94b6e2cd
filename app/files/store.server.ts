import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type {
  DeleteObjectsCommandOutput,
  GetObjectCommandOutput,
  HeadObjectCommandOutput,
  ListObjectsV2CommandOutput,
  PutObjectCommandOutput,
  S3Client,
} from "@aws-sdk/client-s3";

// Where stored files live: the local disk under DATA_DIR (the default, one machine)
// or an S3-compatible bucket (several app instances share it). Keys are relative
// paths, the same in both: "uploads/<hash>/<width>.<ext>" (a photo's renditions),
// "documents/<hash>.<pdf|jpg>" (certificate scans), "labels/<hash>.pdf" (label sheets).
// No imports from the app's environment: the photo pipeline's bench and the seed use
// the local store without it (app/files/files.server.ts picks the app's store).
// See docs/decisions/0074-file-store.md.

export type StoredObject = { body: Readable; size: number };

export interface FileStore {
  readonly kind: "local" | "s3";
  /** Writes the whole object or nothing (a reader never sees half of it). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** A stream of the object, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  read(key: string): Promise<Buffer<ArrayBuffer> | null>;
  exists(key: string): Promise<boolean>;
  /** Removes one object, or every object under a key ending in "/"; returns the bytes freed. */
  remove(key: string): Promise<number>;
  /** Every key under a prefix (for adopting files stored before the database knew of them). */
  list(prefix: string): AsyncIterable<string>;
}

// lowercase path segments that never start with a dot: temp files (.tmp-*) are never a key
const KEY = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)*(\/[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)*)*\/?$/;

export function isStoreKey(key: string) {
  return KEY.test(key) && key.length <= 200;
}

function checkKey(key: string) {
  if (!isStoreKey(key)) throw new Error(`Not a store key: ${JSON.stringify(key)}`);
}

export class LocalFileStore implements FileStore {
  readonly kind = "local";
  constructor(readonly root: string) {}

  path(key: string) {
    checkKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, body: Buffer) {
    const final = this.path(key);
    await fs.mkdir(path.dirname(final), { recursive: true });
    const tmp = path.join(path.dirname(final), `.tmp-${randomBytes(6).toString("hex")}`);
    try {
      await fs.writeFile(tmp, body);
      await fs.rename(tmp, final);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string) {
    const file = this.path(key);
    const handle = await fs.open(file, "r").catch(() => null);
    if (!handle) return null;
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      return null;
    }
    return { body: handle.createReadStream(), size: st.size };
  }

  read(key: string) {
    return fs.readFile(this.path(key)).catch(() => null);
  }

  exists(key: string) {
    return fs.stat(this.path(key)).then(
      (st) => st.isFile(),
      () => false,
    );
  }

  async remove(key: string) {
    const full = this.path(key);
    let bytes = 0;
    if (key.endsWith("/")) {
      for (const name of await fs.readdir(full).catch(() => [] as string[])) {
        const st = await fs.lstat(path.join(full, name)).catch(() => null);
        if (st?.isFile()) bytes += st.size;
      }
      await fs.rm(full, { recursive: true, force: true });
      return bytes;
    }
    const st = await fs.lstat(full).catch(() => null);
    if (st?.isFile()) bytes = st.size;
    await fs.rm(full, { force: true });
    return bytes;
  }

  async *list(prefix: string): AsyncIterable<string> {
    const walk = async function* (dir: string, rel: string): AsyncIterable<string> {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (e.name.startsWith(".")) continue;
        const key = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(path.join(dir, e.name), key);
        else if (e.isFile() && isStoreKey(key)) yield key;
      }
    };
    const base = prefix.replace(/\/$/, "");
    yield* walk(path.join(this.root, base), base);
  }

  /**
   * Removes what interrupted writes left (.tmp-* beside the files, and the .trash-*
   * of the file-time clean-up of decision 0035) once older than the cutoff. The only place
   * file times still count: such leftovers are no row's and no key's.
   */
  async removeLeftovers(prefix: string, cutoffMs: number) {
    let count = 0;
    let bytes = 0;
    const walk = async (dir: string, depth: number) => {
      for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, e.name);
        if (/^\.(tmp|trash)-/.test(e.name)) {
          const st = await fs.lstat(full).catch(() => null);
          if (!st || st.mtimeMs >= cutoffMs) continue;
          bytes += st.isFile() ? st.size : 0;
          await fs.rm(full, { recursive: true, force: true });
          count += 1;
        } else if (e.isDirectory() && depth < 2) await walk(full, depth + 1);
      }
    };
    await walk(path.join(this.root, prefix.replace(/\/$/, "")), 0);
    return { count, bytes };
  }
}

export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

function isMissing(e: unknown) {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404
  );
}

// The SDK is loaded on first use: ~25 MB that an install on the local disk never needs.
const sdk = () => import("@aws-sdk/client-s3");

export class S3FileStore implements FileStore {
  readonly kind = "s3";
  readonly bucket: string;
  private client?: Promise<S3Client>;

  constructor(private settings: S3Settings) {
    this.bucket = settings.bucket;
  }

  private async send<T>(make: (s3: Awaited<ReturnType<typeof sdk>>) => unknown): Promise<T> {
    const s3 = await sdk();
    this.client ??= Promise.resolve(
      new s3.S3Client({
        endpoint: this.settings.endpoint,
        region: this.settings.region,
        forcePathStyle: this.settings.forcePathStyle,
        credentials: this.settings.credentials,
        // checksums only where S3 requires them: many S3-compatible servers refuse the newer ones
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 3,
      }),
    );
    return (await (await this.client).send(make(s3) as never)) as T;
  }

  async put(key: string, body: Buffer, contentType: string) {
    checkKey(key);
    await this.send<PutObjectCommandOutput>(
      (s3) =>
        new s3.PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: body.length,
        }),
    );
  }

  async get(key: string) {
    checkKey(key);
    try {
      const r = await this.send<GetObjectCommandOutput>(
        (s3) => new s3.GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!r.Body) return null;
      return { body: r.Body as Readable, size: Number(r.ContentLength ?? 0) };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async read(key: string) {
    const obj = await this.get(key);
    return obj ? readAll(obj.body) : null;
  }

  async exists(key: string) {
    checkKey(key);
    try {
      await this.send<HeadObjectCommandOutput>(
        (s3) => new s3.HeadObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  async remove(key: string) {
    checkKey(key);
    const objects: { Key: string; Size: number }[] = [];
    if (key.endsWith("/")) {
      for await (const o of this.objects(key)) objects.push(o);
    } else {
      try {
        const h = await this.send<HeadObjectCommandOutput>(
          (s3) => new s3.HeadObjectCommand({ Bucket: this.bucket, Key: key }),
        );
        objects.push({ Key: key, Size: Number(h.ContentLength ?? 0) });
      } catch (e) {
        if (!isMissing(e)) throw e;
      }
    }
    for (let i = 0; i < objects.length; i += 1000) {
      const chunk = objects.slice(i, i + 1000);
      const r = await this.send<DeleteObjectsCommandOutput>(
        (s3) =>
          new s3.DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: chunk.map((o) => ({ Key: o.Key })), Quiet: true },
          }),
      );
      if (r.Errors?.length)
        throw new Error(`S3 refused to delete ${r.Errors[0].Key}: ${r.Errors[0].Message}`);
    }
    return objects.reduce((s, o) => s + o.Size, 0);
  }

  private async *objects(prefix: string) {
    let token: string | undefined;
    do {
      const page = await this.send<ListObjectsV2CommandOutput>(
        (s3) =>
          new s3.ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key) yield { Key: o.Key, Size: Number(o.Size ?? 0) };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *list(prefix: string): AsyncIterable<string> {
    for await (const o of this.objects(prefix)) if (isStoreKey(o.Key)) yield o.Key;
  }
}

/**
 * A shelf in a store: where one kind of file goes (photos under "uploads/"), and how
 * the database is told before anything is written (claim) and after a discard
 * (release). The app's shelves are in files.server.ts; a bare directory (the photo
 * bench, a unit test) is a local shelf the database never hears of.
 */
export type FileShelf = {
  store: FileStore;
  prefix: string;
  /** "stored": the database knew the file set and it is kept now; "new": write it. */
  claim?: (key: string) => Promise<"stored" | "new">;
  release?: (key: string) => Promise<void>;
};

export function shelfOf(target: FileShelf | string): FileShelf {
  return typeof target === "string" ? { store: new LocalFileStore(target), prefix: "" } : target;
}

/** Reads a whole stream (a stored object) into memory. */
export async function readAll(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}
