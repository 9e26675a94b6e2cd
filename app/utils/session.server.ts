import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { mergeGuestCart } from "~/cart/cart.server";
import { signedCookie } from "./cookie.server";
import { prisma } from "./db.server";

const SESSION_DAYS = 30;

// The cookie carries only a random session id, signed with SESSION_SECRET; the
// session row in the database makes logout and revocation real.
export const sessionCookie = signedCookie("__session", SESSION_DAYS * 24 * 3600);

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/**
 * Logs the user in on this browser (log in, sign up, password reset). Where the
 * session changes, the browser's guest cart joins the account's, so no page view
 * has to write it (issue 13).
 */
export async function createSession(userId: string, request: Request): Promise<string> {
  await mergeGuestCart(request, userId);
  const id = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
      userAgent: request.headers.get("User-Agent")?.slice(0, 200) ?? null,
    },
  });
  return sessionCookie.serialize(id);
}

export async function destroySession(request: Request, redirectTo = "/") {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}
