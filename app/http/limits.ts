// How many bytes a request body may have, decided from the (normalised) path and
// the content type before a single byte is read (server.ts counts while it
// streams and answers 413 past the limit). Decision 0039.

export const KB = 1024;
export const MB = 1024 * KB;

export type BodyClass = "form" | "staffForm" | "upload" | "webhook";

export const FORM_LIMIT = 64 * KB; // login, signup, cart, checkout, …: a few short fields
export const STAFF_FORM_LIMIT = 256 * KB; // console/officer/admin forms: descriptions, many variants
export const WEBHOOK_LIMIT = 1 * MB; // Stripe events are a few KB
// Multipart is for files, and only the console takes files. The route's own reader
// (app/console/upload.server.ts) enforces the per-file limit part by part, so a
// photo one byte too large still gets its friendly message with the form kept;
// this ceiling is what that reader could ever need: the largest file plus 1 MB of fields.
const UPLOAD_FIELDS_SLACK = 1 * MB;
const CSV_MAX_BYTES = 2 * MB; // app/routes/console.stalls.$stallId.csv.tsx, with its text copy

const STAFF = /^\/(console|officer|admin)(\/|$)/;

export function bodyClass(path: string, contentType: string | undefined): BodyClass {
  if (path === "/webhooks" || path.startsWith("/webhooks/")) return "webhook";
  const staff = STAFF.test(path);
  if (staff && /^multipart\/form-data\b/i.test(contentType ?? "")) return "upload";
  return staff ? "staffForm" : "form";
}

export function bodyLimit(cls: BodyClass, uploadMaxBytes: number): number {
  switch (cls) {
    case "webhook":
      return WEBHOOK_LIMIT;
    case "upload":
      return Math.max(uploadMaxBytes, 2 * CSV_MAX_BYTES) + UPLOAD_FIELDS_SLACK;
    case "staffForm":
      return STAFF_FORM_LIMIT;
    default:
      return FORM_LIMIT;
  }
}

/** "64 KB", "16 MB": for the 413 message. */
export function formatBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / KB)} KB`;
}

/**
 * The path as the app will route it (WHATWG URL rules: "%2e%2e" is "..", "\\" is "/"),
 * or null when that differs from what was sent in a way that moves it between
 * routes (dot segments, backslashes): such a path is refused with 400, so
 * "/webhooks/%2e%2e/login" is never classed as a webhook while Remix runs /login.
 */
export function normalisedPath(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl, "http://x");
  } catch {
    return null;
  }
  const rawPath = rawUrl.split("?")[0].split("#")[0];
  if (/\\|%5c/i.test(rawPath)) return null;
  if (rawPath.split("/").some((seg) => /^(\.|%2e){1,2}$/i.test(seg))) return null;
  // an absolute-form or protocol-relative request target is not a path of ours
  if (!rawPath.startsWith("/") || rawPath.startsWith("//")) return null;
  return url.pathname;
}
