// Photo pipeline benchmark: a 12-megapixel phone JPEG (4000x3000, EXIF
// orientation + GPS, made with sharp from gradient + noise so it compresses like
// a camera photo) through processPhoto, end to end, several times.
// Budget (issue 4): median under 1.5 s on the 2-core machine; the product-page
// size (640 px: AVIF + WebP + JPEG) under 10% of the input bytes.
// `npm run bench -- photos`
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { processPhoto } from "../../app/images/pipeline.server";
import { PHOTO_WIDTHS } from "../../app/images/sizes";
import { phonePhoto } from "../../tests/fixtures/make-fixtures";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PAGE_WIDTH = 640; // what the product page loads on a phone

const input = await phonePhoto(4000, 3000, 90);
const meta = await sharp(input).metadata();
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-photo-bench-"));
const times: number[] = [];
let result: Awaited<ReturnType<typeof processPhoto>> | null = null;
try {
  // warm-up run (libvips init, first AVIF encoder load), not counted
  await processPhoto(input, path.join(dir, "warm"));
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(dir, `run-${i}`); // fresh dir each run: nothing is skipped as a duplicate
    const t = performance.now();
    result = await processPhoto(input, out);
    times.push(performance.now() - t);
  }
  const last = path.join(dir, `run-${RUNS - 1}`, result!.hash);
  const sizes: Record<string, number> = {};
  for (const f of await fs.readdir(last)) sizes[f] = (await fs.stat(path.join(last, f))).size;
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const page = ["avif", "webp", "jpg"].reduce((s, e) => s + sizes[`${PAGE_WIDTH}.${e}`], 0);
  const pageSmallest = Math.min(...["avif", "webp", "jpg"].map((e) => sizes[`${PAGE_WIDTH}.${e}`]));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const pct = (n: number) => `${((n / input.length) * 100).toFixed(2)}%`;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`,
  );
  console.log(
    `input: ${meta.width}x${meta.height} JPEG, orientation ${meta.orientation}, ${kb(input.length)}`,
  );
  console.log(`runs: ${RUNS}; times ms: ${times.map((t) => t.toFixed(0)).join(", ")}`);
  console.log(
    `median: ${median.toFixed(0)} ms (budget 1500 ms) ${median < 1500 ? "OK" : "OVER BUDGET"}`,
  );
  console.log(
    `product-page size (${PAGE_WIDTH}px avif+webp+jpg): ${kb(page)} = ${pct(page)} of input (budget 10%) ${page < input.length * 0.1 ? "OK" : "OVER BUDGET"}; the one a browser downloads: ${kb(pageSmallest)} = ${pct(pageSmallest)}`,
  );
  console.log(
    `all outputs (${PHOTO_WIDTHS.length} widths x 3 formats): ${kb(total)} = ${pct(total)} of input`,
  );
  for (const w of PHOTO_WIDTHS)
    console.log(
      `  ${w}px: ${["avif", "webp", "jpg"].map((e) => `${e} ${kb(sizes[`${w}.${e}`])}`).join(", ")}`,
    );
  if (median >= 1500 || page >= input.length * 0.1) process.exitCode = 1;
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
