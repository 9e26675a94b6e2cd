import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  discardPhotoFiles,
  processPhoto,
  PhotoError,
  unreadableHeif,
} from "~/images/pipeline.server";
import { action as photos } from "~/routes/console.products.$productId_.photos";
import { action as newProduct } from "~/routes/console.stalls.$stallId.products.new";
import { prisma } from "~/utils/db.server";
import { uploadsDir } from "~/utils/env.server";
import { BASE, client, post, settle } from "../helpers/http";
import { exifHasGps, fixture, uid } from "../helpers/seller";

const HH1 = "0912000002";
const args = (request: Request, params: Record<string, string>) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

async function uploadsState() {
  const dirs = await fs.readdir(uploadsDir).catch(() => [] as string[]);
  return { dirs: dirs.sort(), photos: await prisma.photo.count() };
}

async function draftProduct() {
  const c = await client(HH1);
  const name = `Ảnh thử ${uid()}`;
  await settle(() =>
    newProduct(args(post(c, "/x", { name, intent: "draft" }), { stallId: "stall-hh-001" })),
  );
  return { c, product: await prisma.product.findFirstOrThrow({ where: { name } }) };
}

const BAD: [string, () => File, string][] = [
  ["a text file named .jpg", () => fixture("not-an-image.jpg"), "photo.notImage"],
  [
    "a PDF",
    () =>
      new File([Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF")], "scan.jpg", {
        type: "image/jpeg",
      }),
    "photo.notImage",
  ],
  [
    "a decompression bomb (144 MP PNG, 160 kB)",
    () => fixture("bomb.png", "image/png"),
    "photo.tooManyPixels",
  ],
  ["a truncated JPEG", () => fixture("truncated.jpg"), "photo.corrupt"],
  [
    "a file over the size limit",
    () => new File([Buffer.alloc(15 * 1024 * 1024 + 10, 0xff)], "big.jpg", { type: "image/jpeg" }),
    "photo.tooLarge",
  ],
];

describe("photo upload refuses bad files with a translated reason and leaves nothing behind", () => {
  for (const [what, file, code] of BAD) {
    it(what, async () => {
      const { c, product } = await draftProduct();
      const before = await uploadsState();
      // the JavaScript uploader gets JSON...
      const res = await settle(() =>
        photos(args(post(c, "/x", { photo: file(), _xhr: "1" }), { productId: product.id })),
      );
      expect(status(res)).toBeGreaterThanOrEqual(400);
      expect(await (res as Response).json()).toEqual({ ok: false, error: code });
      // ...a plain form post is sent back to the product page with the reason
      const plain = await settle(() =>
        photos(args(post(c, "/x", { photo: file() }), { productId: product.id })),
      );
      expect((plain as Response).headers.get("Location")).toBe(
        `/console/products/${product.id}?photoError=${encodeURIComponent(code)}`,
      );
      // nothing behind: no photo directory, no temp file, no row
      expect(await uploadsState()).toEqual(before);
    });
  }

  it("on the create form the bad photo is a field error and no product is written", async () => {
    const c = await client(HH1);
    const name = `Ảnh hỏng ${uid()}`;
    const res = await settle(() =>
      newProduct(
        args(post(c, "/x", { name, intent: "draft", photo: fixture("truncated.jpg") }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    expect(status(res)).toBe(400);
    const reply = (
      res as {
        data: {
          result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
        };
      }
    ).data.result;
    expect(reply.error.photo).toEqual(["photo.corrupt"]);
    expect(reply.initialValue.name).toBe(name); // what was typed comes back
    expect(await prisma.product.count({ where: { name } })).toBe(0);
  });
});

describe("the create form sent by XMLHttpRequest (upload progress)", () => {
  it("answers JSON: where to go on success, the form's errors otherwise; same ownership and CSRF rules", async () => {
    const { action: upload } =
      await import("~/routes/console.stalls.$stallId.products.new_.upload");
    const c = await client(HH1);
    const name = `Chè tải ảnh ${uid()}`;
    const fields = {
      name,
      intent: "publish",
      categoryId: (await prisma.category.findFirstOrThrow()).id,
      description: "Chè búp hái tay, sao chảo gang.",
      "variants[0].label": "Túi 200 g",
      "variants[0].price": "150k",
      "variants[0].stock": "5",
    };
    const ok = await (
      (await upload(
        args(post(c, "/x", { ...fields, photo: fixture("phone-gps.jpg") }), {
          stallId: "stall-hh-001",
        }),
      )) as Response
    ).json();
    const product = await prisma.product.findFirstOrThrow({
      where: { name },
      include: { photos: true },
    });
    expect(ok).toEqual({ ok: true, location: `/console/products/${product.id}?saved=publish` });
    expect(product.status).toBe("ACTIVE");
    expect(product.photos).toHaveLength(1);

    const badName = `Chè ảnh hỏng ${uid()}`;
    const bad = await settle(() =>
      upload(
        args(post(c, "/x", { ...fields, name: badName, photo: fixture("truncated.jpg") }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    expect(status(bad)).toBe(400);
    const reply = (await (bad as Response).json()) as {
      ok: boolean;
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(reply.ok).toBe(false);
    expect(reply.result.error.photo).toEqual(["photo.corrupt"]);
    expect(reply.result.initialValue.name).toBe(badName);
    expect(await prisma.product.count({ where: { name: badName } })).toBe(0);

    // another household's stall, and a form without its CSRF token
    const other = await client("0913000002");
    expect(
      status(
        await settle(() =>
          upload(
            args(
              post(other, "/x", { ...fields, name: `x ${uid()}`, photo: fixture("phone-gps.jpg") }),
              { stallId: "stall-hh-001" },
            ),
          ),
        ),
      ),
    ).toBe(403);
    const noCsrf = await settle(() =>
      upload(
        args(post(c, "/x", { ...fields, photo: fixture("phone-gps.jpg") }, { csrf: false }), {
          stallId: "stall-hh-001",
        }),
      ),
    );
    expect(status(noCsrf)).toBe(403);
    expect(((await (noCsrf as Response).json()) as { error: string }).error).toBe("form.csrf");
  });
});

describe("a good upload", () => {
  it("adds the photo, strips EXIF/GPS from every stored size, and queues a search sync", async () => {
    const { c, product } = await draftProduct();
    const res = await settle(() =>
      photos(
        args(post(c, "/x", { photo: fixture("phone-gps.jpg"), _xhr: "1" }), {
          productId: product.id,
        }),
      ),
    );
    expect(await (res as Response).json()).toEqual({ ok: true });
    const photo = await prisma.photo.findFirstOrThrow({ where: { productId: product.id } });
    const files = await fs.readdir(path.join(uploadsDir, photo.hash));
    expect(files.sort()).toEqual(
      ["1024", "160", "320", "640"]
        .flatMap((w) => ["avif", "jpg", "webp"].map((e) => `${w}.${e}`))
        .sort(),
    );
    for (const f of files) {
      const meta = await sharp(path.join(uploadsDir, photo.hash, f)).metadata();
      expect(meta.exif).toBeUndefined();
      expect(exifHasGps(meta.exif)).toBe(false);
      expect(meta.icc).toBeUndefined();
    }
    expect(photo.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(await prisma.outbox.count({ where: { topic: "search.product", key: product.id } })).toBe(
      2,
    );
    // removing it takes it off the product; the remove button is a plain (urlencoded) form
    const form = new URLSearchParams({ csrf: c.csrf, _action: "remove", photoId: photo.id });
    const plain = new Request(new URL(`/console/products/${product.id}/photos`, BASE), {
      method: "POST",
      body: form,
      headers: { Cookie: c.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const rm = await settle(() => photos(args(plain, { productId: product.id })));
    expect(status(rm)).toBe(302);
    expect((rm as Response).headers.get("Location")).toBe(`/console/products/${product.id}`);
    expect(await prisma.photo.count({ where: { productId: product.id } })).toBe(0);
  });

  it("AVIF (AV1 in HEIF) photos are read; iPhone HEIC (HEVC) is named as such instead of 'corrupt'", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-photos-"));
    const avif = await sharp({
      create: { width: 800, height: 600, channels: 3, background: "#3a7d44" },
    })
      .avif({ quality: 60 })
      .toBuffer();
    expect((await sharp(avif).metadata()).format).toBe("heif");
    const stored = await processPhoto(avif, dir);
    expect(stored).toMatchObject({ width: 800, height: 600 });
    expect(unreadableHeif({ format: "heif", compression: "av1" })).toBe(false);
    expect(unreadableHeif({ format: "heif", compression: "hevc" })).toBe(true);
    expect(unreadableHeif({ format: "jpeg" })).toBe(false);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("the pipeline stores the same picture once (content hash) and never leaves temp dirs", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-photos-"));
    const buf = Buffer.from(await fixture("phone-gps.jpg").arrayBuffer());
    const a = await processPhoto(buf, dir);
    const b = await processPhoto(buf, dir);
    expect(b.hash).toBe(a.hash);
    expect(b.created).toBe(false);
    for (const bad of ["truncated.jpg", "not-an-image.jpg", "bomb.png"]) {
      await expect(
        processPhoto(Buffer.from(await fixture(bad).arrayBuffer()), dir),
      ).rejects.toBeInstanceOf(PhotoError);
    }
    await expect(processPhoto(Buffer.alloc(0), dir)).rejects.toBeInstanceOf(PhotoError);
    expect(await fs.readdir(dir)).toEqual([a.hash]); // one dir, no temp leftovers
    await discardPhotoFiles(dir, a);
    expect(await fs.readdir(dir)).toEqual([]);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe("stall photos", () => {
  it("adds and removes a stall photo for the owner only, with a stall search sync", async () => {
    const { action: stallPhotos } = await import("~/routes/console.stalls.$stallId.photos");
    const c = await client("0913000008"); // hh-008's own stall
    const before = await prisma.outbox.count({
      where: { topic: "search.stall", key: "stall-hh-008" },
    });
    const res = await settle(() =>
      stallPhotos(
        args(post(c, "/x", { photo: fixture("phone-gps.jpg") }), { stallId: "stall-hh-008" }),
      ),
    );
    expect((res as Response).headers.get("Location")).toBe(
      "/console/stalls/stall-hh-008/settings?saved=1",
    );
    const photo = await prisma.photo.findFirstOrThrow({ where: { stallId: "stall-hh-008" } });
    expect(
      await prisma.outbox.count({ where: { topic: "search.stall", key: "stall-hh-008" } }),
    ).toBe(before + 1);
    const bad = await settle(() =>
      stallPhotos(
        args(post(c, "/x", { photo: fixture("bomb.png", "image/png"), _xhr: "1" }), {
          stallId: "stall-hh-008",
        }),
      ),
    );
    expect(await (bad as Response).json()).toEqual({ ok: false, error: "photo.tooManyPixels" });
    const other = await client(HH1);
    expect(
      status(
        await settle(() =>
          stallPhotos(
            args(post(other, "/x", { _action: "remove", photoId: photo.id }), {
              stallId: "stall-hh-008",
            }),
          ),
        ),
      ),
    ).toBe(403);
    expect(
      status(
        await settle(() =>
          stallPhotos(
            args(post(other, "/x", { _action: "remove", photoId: photo.id }), {
              stallId: "stall-hh-001",
            }),
          ),
        ),
      ),
    ).toBe(302);
    expect(await prisma.photo.count({ where: { id: photo.id } })).toBe(1); // another stall's photo id matches nothing
    await settle(() =>
      stallPhotos(
        args(post(c, "/x", { _action: "remove", photoId: photo.id }), { stallId: "stall-hh-008" }),
      ),
    );
    expect(await prisma.photo.count({ where: { id: photo.id } })).toBe(0);
  });
});
