import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

/**
 * The app's own cookies: httpOnly, SameSite=Lax, signed with SESSION_SECRET, and
 * Secure when the site is served over https (PUBLIC_URL).
 */
export function signedCookie(name: string, maxAgeSeconds?: number) {
  return createCookie(name, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.PUBLIC_URL?.startsWith("https:") ?? false,
    secrets: [env.SESSION_SECRET],
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}
