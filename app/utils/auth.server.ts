import { redirect } from "@remix-run/node";
import { isRole, type Actor, type Role } from "~/domain/roles";
import { readSqlAsync } from "./db.server";
import { readSessionId } from "./session.server";

export type SessionUser = Actor & { name: string; phone: string; locale: string };

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

type SessionRow = {
  expiresAt: string;
  id: string;
  name: string;
  phone: string;
  role: string;
  locale: string;
  cooperativeId: string | null;
  householdId: string | null;
};

// Every request of a logged-in user runs this: one prepared statement (through Prisma's
// ORM it cost ~9 ms of CPU under load, docs/benchmarks.md).
const SESSION_SQL = `SELECT s."expiresAt", u."id", u."name", u."phone", u."role", u."locale", u."cooperativeId", h."id" AS "householdId"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Household" h ON h."userId" = u."id"
  WHERE s."id" = ?`;

async function loadUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const u = await readSqlAsync().get<SessionRow>(SESSION_SQL, sessionId);
  if (!u || new Date(u.expiresAt) < new Date() || !isRole(u.role)) return null;
  return {
    id: u.id,
    name: u.name,
    phone: u.phone,
    locale: u.locale,
    role: u.role as Role,
    householdId: u.householdId,
    cooperativeId: u.cooperativeId,
  };
}

/** The logged-in user, or null. Looked up once per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let p = cache.get(request);
  if (!p) {
    p = loadUser(request);
    cache.set(request, p);
  }
  return p;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Every protected loader and action starts here. */
export async function requireUser(request: Request, roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  if (roles && !roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}
