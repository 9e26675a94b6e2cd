import { canManageStall, SELLER_ROLES } from "~/domain/roles";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

// Stall ownership: who may manage a stall (domain/roles canManageStall), checked here
// for every console loader and action that takes a stall id.

/**
 * The stall, if this user may manage it; 404 for a stall that does not exist,
 * 403 for somebody else's. Use in every console loader/action that takes a stall id.
 */
export async function requireStallAccess(request: Request, stallId: string) {
  const user = await requireUser(request, SELLER_ROLES);
  const stall = await prisma.stall.findUnique({ where: { id: stallId } });
  if (!stall) throw new Response("Not found", { status: 404 });
  if (!canManageStall(user, stall)) throw new Response("Forbidden", { status: 403 });
  return { user, stall };
}

/** Stalls this user manages: their own household's, or their cooperative's. */
export function managedStallsWhere(user: SessionUser) {
  if (user.role === "ADMIN") return {};
  if (user.role === "HOUSEHOLD") return { householdId: user.householdId ?? "-" };
  if (user.role === "COOP_MANAGER") return { cooperativeId: user.cooperativeId ?? "-" };
  return { id: "-" };
}
