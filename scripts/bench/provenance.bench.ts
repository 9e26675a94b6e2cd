// Provenance page budget: transfer size (HTML + CSS, gzip as served) and server
// time (p50/p95) over many batches of the demo data. Starts the whole stack like
// `npm start` in a temporary data dir (as scripts/test-e2e.ts does), or measures a
// running one: BASE_URL=http://localhost:3000 DATA_DIR=./data npm run bench -- provenance
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { freePort, stop } from "../lib/process";
import { root } from "../lib/stack";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const WARMUP = 20;
const PHONE_UA =
  "Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36";

let stack: ChildProcess | null = null;
let tmp: string | null = null;
let baseUrl = process.env.BASE_URL ?? "";
let dataDir = process.env.DATA_DIR ?? path.join(root, "data");

async function startStack() {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "xutra-bench-"));
  dataDir = tmp;
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  const { MEILI_URL: _m, DATABASE_URL: _d, ...inherited } = process.env;
  const buildDir = path.join(
    root,
    "node_modules",
    ".cache",
    "xutra",
    `build-${path.basename(tmp)}`,
  );
  stack = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start.ts")], {
    cwd: root,
    env: { ...inherited, DATA_DIR: tmp, PORT: String(port), BUILD_DIR: buildDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let ready = false;
  stack.stdout!.on("data", (b: Buffer) => {
    if (b.toString().includes("ready:")) ready = true;
  });
  const deadline = Date.now() + 300_000;
  while (!ready) {
    if (stack.exitCode !== null || Date.now() > deadline)
      throw new Error("the stack did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  return buildDir;
}

/** GET with gzip, returning the bytes on the wire and the elapsed time. */
function fetchRaw(url: string): Promise<{
  status: number;
  wire: number;
  body: Buffer;
  ms: number;
  encoding: string | undefined;
}> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(
      url,
      {
        headers: {
          "Accept-Encoding": "gzip",
          "User-Agent": PHONE_UA,
          "Accept-Language": "vi-VN,vi;q=0.9",
          Accept: "text/html",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({
            status: res.statusCode ?? 0,
            wire: chunks.reduce((n, c) => n + c.length, 0),
            body: Buffer.concat(chunks),
            ms,
            encoding: res.headers["content-encoding"],
          });
        });
      },
    );
    req.on("error", reject);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

let buildDir: string | null = null;
try {
  if (!baseUrl) buildDir = await startStack();
  const db = new Database(path.join(dataDir, "app.db"), { readonly: true });
  const codes = (
    db.prepare("SELECT code FROM Batch ORDER BY code").all() as { code: string }[]
  ).map((r) => r.code);
  db.close();
  if (!codes.length) throw new Error("no batches in the database");

  // transfer size of one page as a phone on 3G would fetch it before images
  const { gunzipSync } = await import("node:zlib");
  const first = await fetchRaw(`${baseUrl}/t/${codes[0]}`);
  const html =
    first.encoding === "gzip"
      ? gunzipSync(first.body).toString("utf8")
      : first.body.toString("utf8");
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  const js = [
    ...new Set(
      [
        ...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g),
        ...html.matchAll(/import\("([^"]+)"\)/g),
      ].map((m) => m[1]),
    ),
  ];
  let cssWire = 0;
  for (const href of css) cssWire += (await fetchRaw(new URL(href, baseUrl).href)).wire;
  let jsWire = 0;
  for (const href of js) jsWire += (await fetchRaw(new URL(href, baseUrl).href)).wire;

  // server time over many batches (each request is a counted scan, as in real life)
  for (let i = 0; i < WARMUP; i++) await fetchRaw(`${baseUrl}/t/${codes[i % codes.length]}`);
  const times: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const r = await fetchRaw(`${baseUrl}/t/${codes[(i * 7) % codes.length]}`);
    if (r.status !== 200)
      throw new Error(`status ${r.status} for ${codes[(i * 7) % codes.length]}`);
    times.push(r.ms);
    sizes.push(r.wire);
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), node ${process.version}`,
  );
  console.log(
    `batches: ${codes.length}, requests: ${REQUESTS} sequential GET /t/{code} (gzip, phone UA), ${baseUrl}`,
  );
  console.log(
    `HTML (gzip on the wire): first page ${kb(first.wire)} KB, median ${kb(pct(sizes, 50))} KB, max ${kb(Math.max(...sizes))} KB; uncompressed ${kb(html.length)} KB`,
  );
  console.log(`CSS  (gzip on the wire): ${kb(cssWire)} KB in ${css.length} file(s)`);
  console.log(
    `HTML + CSS before images: ${kb(Math.max(...sizes) + cssWire)} KB (budget 30 KB) ${Math.max(...sizes) + cssWire <= 30 * 1024 ? "OK" : "OVER"}`,
  );
  console.log(
    `JS (optional enhancement, page works without it): ${kb(jsWire)} KB in ${js.length} file(s)`,
  );
  console.log(
    `server time: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (budget p95 < 50 ms) ${pct(times, 95) < 50 ? "OK" : "OVER"}`,
  );
} finally {
  await stop(stack, 10_000);
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  if (buildDir) await fs.rm(buildDir, { recursive: true, force: true });
}
