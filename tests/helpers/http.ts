// Drive Remix loaders and actions directly with real Request objects, the way
// the server would: signed cookies, CSRF token, form bodies.
import { DEMO_PASSWORD } from "~/domain/demo-users";
import { normalizePhone } from "~/domain/phone";
import { csrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { createSession } from "~/utils/session.server";

export const BASE = "http://localhost:3000";

export type Client = { cookie: string; csrf: string; userId: string | null };

function cookiePair(setCookie: string) {
  return setCookie.split(";")[0];
}

/** A browser-like client: CSRF cookie, and a session when a phone is given. */
export async function client(phone?: string): Promise<Client> {
  const { token, setCookie } = await csrfToken(new Request(BASE));
  const cookies = [cookiePair(setCookie!)];
  let userId: string | null = null;
  if (phone) {
    const user = await prisma.user.findUniqueOrThrow({ where: { phone: normalizePhone(phone)! } });
    userId = user.id;
    cookies.push(cookiePair(await createSession(user.id, new Request(BASE))));
  }
  return { cookie: cookies.join("; "), csrf: token, userId };
}

export function get(c: Client | null, path: string, headers: Record<string, string> = {}) {
  return new Request(new URL(path, BASE), {
    headers: { ...(c ? { Cookie: c.cookie } : {}), ...headers },
  });
}

export function post(
  c: Client | null,
  path: string,
  fields: Record<string, string | string[] | Blob>,
  opts: { csrf?: boolean } = {},
) {
  const body = new FormData();
  if (c && opts.csrf !== false) body.set("csrf", c.csrf);
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) v.forEach((x) => body.append(k, x));
    else body.set(k, v);
  }
  return new Request(new URL(path, BASE), {
    method: "POST",
    body,
    headers: c ? { Cookie: c.cookie, "X-Client-Address": "203.0.113.7" } : {},
  });
}

export const demoPassword = DEMO_PASSWORD;

/** Runs a loader/action and returns the thrown or returned Response or data. */
export async function settle<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    if (
      e &&
      typeof e === "object" &&
      "type" in e &&
      (e as { type: string }).type === "DataWithResponseInit"
    )
      return e as T;
    throw e;
  }
}

/** The arguments a loader or action is called with: the request, the route's params. */
export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});

/** The HTTP status of what settle() gave back: a Response's, or data()'s init (200 when none). */
export const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
