import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loader as image } from "~/routes/images.$hash.$file";
import { env, uploadsDir } from "~/utils/env.server";
import { cleanUpFiles } from "./clean-up.server";
import { cleanUpSuite, photo } from "./clean-up.suite";

// The local disk (no S3 settings, the default): the same clean-up as on S3, plus
// what only a disk has (files in their old places, leftovers of interrupted writes).
cleanUpSuite("local");

const HOUR = 3_600_000;
const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );
const age = async (p: string, hours: number) => {
  const t = new Date(Date.now() - hours * HOUR);
  await fs.utimes(p, t, t);
};

describe("local file store", () => {
  it("keeps photos where they always were (DATA_DIR/uploads/<hash>/), served at /images/...", async () => {
    const p = await photo();
    const dir = path.join(env.DATA_DIR, "uploads", p.hash);
    expect(dir).toBe(path.join(uploadsDir, p.hash));
    expect((await fs.readdir(dir)).sort()).toHaveLength(12); // no temp files left
    const res = await image({
      request: new Request(`http://localhost/images/${p.hash}/320.webp`),
      params: { hash: p.hash, file: "320.webp" },
      context: {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(
      await fs.readFile(path.join(dir, "320.webp")),
    );
    for (const [hash, file] of [
      [p.hash, "321.webp"],
      [p.hash, ".tmp-x"],
      ["../../app.db", "320.jpg"],
    ]) {
      const bad = await image({
        request: new Request("http://localhost/images/x/y"),
        params: { hash, file },
        context: {},
      });
      expect(bad.status).toBe(404);
    }
  });

  it("removes interrupted writes (.tmp-*) older than the grace when it looks through the store, keeps younger ones and files it does not know", async () => {
    const p = await photo();
    const dir = path.join(uploadsDir, p.hash);
    const oldTmp = path.join(dir, ".tmp-aaaaaaaaaaaa");
    const newTmp = path.join(dir, ".tmp-bbbbbbbbbbbb");
    const other = path.join(uploadsDir, "README-not-a-photo");
    for (const f of [oldTmp, newTmp]) await fs.writeFile(f, Buffer.alloc(1000));
    await fs.writeFile(other, "keep me");
    await age(oldTmp, 25);
    await age(other, 100);
    const r = await cleanUpFiles({ graceMs: 24 * HOUR, adopt: true });
    expect(await exists(oldTmp)).toBe(false);
    expect(await exists(newTmp)).toBe(true);
    expect(await exists(other)).toBe(true);
    expect(await exists(path.join(dir, "160.jpg"))).toBe(true);
    expect(r.photos.leftovers).toBe(1);
  });
});
