import { randomBytes, timingSafeEqual } from "node:crypto";
import { signedCookie } from "./cookie.server";

// Double-submit token: a signed httpOnly cookie and the same value in every form.
// server.ts also refuses cross-origin mutations by Origin header (defence in depth).
export const CSRF_FIELD = "csrf";

const csrfCookie = signedCookie("__csrf");

/** The request's token, or a new one with the Set-Cookie header to send. */
export async function csrfToken(
  request: Request,
): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32)
    return { token: existing, setCookie: null };
  const token = randomBytes(24).toString("base64url");
  return { token, setCookie: await csrfCookie.serialize(token) };
}

export class CsrfError extends Error {}

export async function checkCsrf(formData: FormData, request: Request): Promise<void> {
  const fromCookie = await csrfCookie.parse(request.headers.get("Cookie"));
  const fromForm = formData.get(CSRF_FIELD) ?? request.headers.get("X-CSRF-Token");
  if (typeof fromCookie !== "string" || typeof fromForm !== "string")
    throw new CsrfError("missing token");
  const a = Buffer.from(fromCookie);
  const b = Buffer.from(fromForm);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CsrfError("bad token");
}
