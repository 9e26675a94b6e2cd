// HTTP server: Express in front of Remix. Serves built assets and stored photos,
// adds security headers, refuses cross-origin mutations, and runs background work.
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express from "express";
import type { ServerBuild } from "@remix-run/node";
import { cacheRouteMatching } from "./app/http/route-matching";
import { bodyClass, bodyLimit, formatBytes, normalisedPath } from "./app/http/limits";
import { httpErrorPage, httpErrorText, type HttpMessage } from "./app/http/strings";

// Remix's router is loaded first, with its route matching cached (decision 0076): every
// Remix module is imported after this (dynamically), none of the imports above loads one.
cacheRouteMatching();
const { createRequestHandler } = await import("@remix-run/express");

const mode = process.env.NODE_ENV === "production" ? "production" : "development";
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? path.resolve("data");
const host = process.env.HOST ?? "0.0.0.0";
const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");

// APP_WORKERS app processes share the port through node:cluster (one per core: a flash
// sale is CPU-bound, docs/decisions/0049). Each worker has its own caches (query plans,
// campaign terms, places), which hold nothing that must be the same everywhere; SQLite
// (WAL, busy_timeout) serialises their writes. Background jobs run in the first worker
// only. One process in development and with the browser tests' movable clock, which
// lives in one process.
const workers =
  mode === "production" && process.env.TEST_CLOCK !== "true"
    ? Math.max(1, Math.min(16, Math.floor(Number(process.env.APP_WORKERS || 1)) || 1))
    : 1;
if (cluster.isPrimary && workers > 1) await superviseWorkers(workers); // never returns

/** The cluster's primary: starts the workers, restarts one that dies, stops them all with the supervisor. */
function superviseWorkers(count: number): Promise<never> {
  cluster.setupPrimary({ execArgv: process.execArgv });
  let stopping = false;
  let listening = 0;
  const start = (index: number, delayMs = 0) =>
    setTimeout(() => {
      if (stopping) return;
      const worker = cluster.fork({ APP_WORKER_INDEX: String(index) });
      worker.once("listening", () => {
        if (++listening === count) {
          console.log(`Xứ Trà listening on http://localhost:${port} (${count} workers)`);
          process.send?.({ type: "listening", port });
        }
      });
      worker.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`[app] worker ${index} exited (${signal ?? code}); restarting`);
        start(index, 1000);
      });
    }, delayMs);
  for (let i = 0; i < count; i++) start(i);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const done = () =>
      Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead()) && process.exit(0);
    cluster.on("exit", done);
    done();
    setTimeout(() => process.exit(0), 6000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (process.send) process.on("disconnect", stop);
  return new Promise<never>(() => {});
}

const viteDevServer =
  mode === "production"
    ? undefined
    : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const trustProxy = process.env.TRUST_PROXY === "true";
const uploadMaxBytes = Number(process.env.UPLOAD_MAX_BYTES ?? 15 * 1024 * 1024);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);
// gzip at its fastest level: pages come out somewhat larger than at the default level 6
// for a fraction of the CPU, which a flash sale's refusal pages are short of
// (decision 0061).
app.use(compression({ level: 1 }));

/** The lang cookie as Remix writes it (base64 JSON), or a bare value. */
function localeOf(req: express.Request): "vi" | "en" {
  const raw = /(?:^|;\s*)lang=([^;]*)/.exec(req.headers.cookie ?? "")?.[1];
  if (!raw) return "vi";
  let value = decodeURIComponent(raw);
  try {
    value = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as string;
  } catch {
    /* a bare value */
  }
  return value === "en" ? "en" : "vi";
}

/** A translated refusal before the app runs: HTML for browsers, text otherwise; the connection closes. */
function refuse(
  req: express.Request,
  res: express.Response,
  status: number,
  message: HttpMessage,
  params: Record<string, string> = {},
) {
  const locale = localeOf(req);
  const html = req.accepts(["html", "text"]) === "html";
  res.status(status).set({ "Content-Language": locale, "Cache-Control": "no-store" });
  if (status === 413) res.once("finish", () => linger(req));
  res
    .type(html ? "html" : "text")
    .send(html ? httpErrorPage(message, locale, params) : httpErrorText(message, locale, params));
}

// After a 413 the client is usually still sending. Closing at once resets the
// connection and the browser shows "connection reset" instead of our page (the
// client's write fails before it reads the answer). So the rest is read and thrown
// away (nothing is kept) for a moment, then the connection is closed.
const LINGER_MS = 2000;
function linger(req: express.Request) {
  req.resume();
  setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
}

app.use((req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(self), geolocation=()",
  });
  // The app reads the client address from here; never trust a client-sent one.
  req.headers["x-client-address"] = req.ip ?? "unknown";
  next();
});

// Paths are judged as the app will route them: "/webhooks/%2e%2e/login" is /login
// to Remix, so it must not pass for a webhook here. Dot segments and backslashes
// are refused outright (decision 0039).
app.use((req, res, next) => {
  const path = normalisedPath(req.originalUrl);
  if (path === null) return refuse(req, res, 400, "badPath");
  res.locals.path = path;
  next();
});

// Without a trusted proxy, forwarded headers are the client's own words: drop
// them so nothing downstream (Remix's own origin check reads X-Forwarded-Host) uses them.
if (!trustProxy) {
  app.use((req, _res, next) => {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-for"];
    next();
  });
}

// Request bodies are limited per kind of route (app/http/limits.ts, decision 0039):
// a declared Content-Length over the limit is refused before reading; otherwise
// bytes are counted as the socket delivers them and the request is cut off at the
// limit, before any parser (Remix's formData, the multipart reader) holds them.
class BodyTooLarge extends Error {}
app.use((req, res, next) => {
  const limit = bodyLimit(
    bodyClass(res.locals.path as string, req.get("content-type")),
    uploadMaxBytes,
  );
  const params = { limit: formatBytes(limit) };
  const declared = req.get("content-length");
  if (declared !== undefined && !(Number(declared) <= limit))
    return refuse(req, res, 413, "tooLarge", params);
  if (!declared && !req.get("transfer-encoding")) return next(); // no body
  let seen = 0;
  let cut = false;
  const push = req.push;
  // IncomingMessage gets each body chunk from the HTTP parser through push().
  // Past the limit nothing more reaches the stream, not even its end: a parser
  // waiting on it never sees a truncated body as a whole one.
  req.push = function (chunk: unknown, encoding?: BufferEncoding) {
    // past the limit, bytes are dropped (the socket keeps being read: see linger)
    if (cut) return true;
    if (chunk !== null && chunk !== undefined) {
      seen += (chunk as Buffer).length;
      if (seen > limit) {
        cut = true;
        if (!res.headersSent) {
          // the app never acts on a cut-off body: its stream fails when the connection closes
          refuse(req, res, 413, "tooLarge", params);
          res.once("finish", () =>
            setTimeout(
              () => req.destroy(new BodyTooLarge("request body too large")),
              LINGER_MS,
            ).unref(),
          );
        } else req.destroy(new BodyTooLarge("request body too large"));
        return true;
      }
    }
    return push.call(req, chunk, encoding);
  };
  next();
});

// CSRF, first line: browsers send Origin on every cross-site POST. Stripe's
// webhooks send none, so this holds for /webhooks/ too. Origin "null" (sandboxed
// frames, file: pages) is refused. Compared with the host the way Remix compares
// (X-Forwarded-Host, then Host), so Remix's own check never throws a 500 after us.
// Forms also carry a token (csrf.server.ts).
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE.has(req.method)) return next();
  const origin = req.get("origin");
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {
      /* malformed */
    }
    const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
    if (!originHost || originHost !== host) return refuse(req, res, 403, "crossOrigin");
  }
  next();
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use(
    "/assets",
    express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
}
app.use(express.static("public", { maxAge: "1h" }));
// Photos are stored under their content hash: they never change. On the local disk
// they are static files here; with the S3 store (S3_BUCKET) nothing is read from this
// machine's disk and the app streams them (app/files/serve.server.ts, decision 0074).
// (send's mime table predates AVIF: name the type, or browsers get octet-stream)
if (!process.env.S3_BUCKET)
  app.use(
    "/images",
    express.static(path.join(dataDir, "uploads"), {
      immutable: true,
      maxAge: "1y",
      dotfiles: "ignore",
      index: false,
      setHeaders: (res, file) => {
        if (file.endsWith(".avif")) res.setHeader("Content-Type", "image/avif");
      },
    }),
  );

async function getBuild(): Promise<ServerBuild> {
  if (viteDevServer)
    return (await viteDevServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  return (await import(
    pathToFileURL(path.join(buildDir, "server", "index.js")).href
  )) as ServerBuild;
}

app.all("*", createRequestHandler({ build: viteDevServer ? getBuild : await getBuild(), mode }));
// A body cut off at its limit already got its 413: whatever the app makes of the
// broken stream afterwards has nowhere to go.
app.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  if (res.headersSent || err instanceof BodyTooLarge) return void req.socket.destroy();
  next(err);
});

const server = app.listen(port, host, () => {
  if (cluster.isWorker) return; // the primary tells the supervisor once every worker listens
  console.log(`Xứ Trà listening on http://localhost:${port}`);
  process.send?.({ type: "listening", port });
});

// Background work (outbox, reservation expiry) runs beside the server. In production
// the jobs come from the same build as the requests (entry.server re-exports them):
// loading app/jobs.server.ts from the sources would hold a second copy of every
// module, Prisma client included, in memory (issue #15, decision 0042).
const { startBackgroundJobs } = viteDevServer
  ? ((await viteDevServer.ssrLoadModule(
      "/app/jobs.server.ts",
    )) as typeof import("./app/jobs.server"))
  : ((await getBuild()).entry.module as unknown as typeof import("./app/jobs.server"));
const stopJobs =
  !cluster.isWorker || process.env.APP_WORKER_INDEX === "0" ? startBackgroundJobs() : () => {};

function shutdown() {
  stopJobs();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
// Exit with the supervisor: never outlive `npm start`.
if (process.send) process.on("disconnect", shutdown);
