import { createReadableStreamFromReadable } from "@remix-run/node";
import { PHOTO_FORMATS, PHOTO_WIDTHS } from "~/images/sizes";
import { fileStore } from "./files.server";

// Stored photos served through the app, from whichever store holds them: the same
// URLs (/images/<hash>/<width>.<ext>), headers and rules as the local files that
// server.ts serves from DATA_DIR (public, immutable: named by their content). With
// the local store those never reach here unless missing; with S3 every photo does.
// Why not signed URLs: docs/decisions/0074.

const TYPES: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" };
const FILE = new RegExp(`^(${PHOTO_WIDTHS.join("|")})\\.(${PHOTO_FORMATS.join("|")})$`);

export async function servePhoto(request: Request, hash: string, file: string) {
  const m = FILE.exec(file);
  if (!/^[0-9a-f]{32}$/.test(hash) || !m) return new Response("Not found", { status: 404 });
  const etag = `"${hash}-${file}"`;
  const headers = {
    "Content-Type": TYPES[m[2]],
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag, // nosniff and the other security headers come from server.ts
  };
  if (
    request.headers
      .get("if-none-match")
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return new Response(null, { status: 304, headers });
  const obj = await fileStore.get(`uploads/${hash}/${file}`);
  if (!obj)
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (request.method === "HEAD") {
    obj.body.destroy();
    return new Response(null, { headers: { ...headers, "Content-Length": String(obj.size) } });
  }
  return new Response(createReadableStreamFromReadable(obj.body), {
    headers: { ...headers, "Content-Length": String(obj.size) },
  });
}
