// HTTP server: Express in front of Remix. Serves built assets and stored photos,
// adds security headers, refuses cross-origin mutations, and runs background work.
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

const mode = process.env.NODE_ENV === "production" ? "production" : "development";
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? path.resolve("data");
const host = process.env.HOST ?? "0.0.0.0";
const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");

const viteDevServer =
  mode === "production"
    ? undefined
    : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true");
app.use(compression());

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

// CSRF, first line: browsers send Origin on every cross-site POST. Webhooks are
// authenticated by their signatures instead. Forms also carry a token (csrf.server.ts).
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE.has(req.method) || req.path.startsWith("/webhooks/")) return next();
  const origin = req.get("origin");
  if (origin && origin !== "null") {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      /* malformed */
    }
    if (originHost !== req.get("host")) {
      res.status(403).type("text/plain").send("Cross-origin request refused / Yêu cầu từ trang khác bị từ chối");
      return;
    }
  }
  next();
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
}
app.use(express.static("public", { maxAge: "1h" }));
// Photos are stored under their content hash: they never change.
app.use("/images", express.static(path.join(dataDir, "uploads"), { immutable: true, maxAge: "1y", dotfiles: "ignore", index: false }));

async function getBuild(): Promise<ServerBuild> {
  if (viteDevServer) return (await viteDevServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  return (await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href)) as ServerBuild;
}

app.all("*", createRequestHandler({ build: viteDevServer ? getBuild : await getBuild(), mode }));

const server = app.listen(port, host, () => {
  console.log(`Xứ Trà listening on http://localhost:${port}`);
  process.send?.({ type: "listening", port });
});

// Background work (outbox, reservation expiry) runs beside the server.
const { startBackgroundJobs } = viteDevServer
  ? ((await viteDevServer.ssrLoadModule("/app/jobs.server.ts")) as typeof import("./app/jobs.server"))
  : await import("./app/jobs.server");
const stopJobs = startBackgroundJobs();

function shutdown() {
  stopJobs();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
// Exit with the supervisor: never outlive `npm start`.
if (process.send) process.on("disconnect", shutdown);
