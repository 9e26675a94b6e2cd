import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

// A cooperative and the households it acts for: the manager's cooperative, the
// producer of goods on a cooperative stall, and whom an action is audited for.

/** A cooperative manager and their cooperative. */
export async function requireCooperative(request: Request) {
  const user = await requireUser(request, ["COOP_MANAGER"]);
  if (!user.cooperativeId) throw new Response("Forbidden", { status: 403 });
  const cooperative = await prisma.cooperative.findUniqueOrThrow({
    where: { id: user.cooperativeId },
  });
  return { user, cooperative };
}

/**
 * Who produced the goods on a cooperative stall: an ACTIVE member household of
 * that cooperative, or null when the id is not one (the form reports it).
 * On a household's own stall the producer is always that household.
 */
export async function resolveProducer(
  stall: { householdId: string | null; cooperativeId: string | null },
  householdId: string | undefined | null,
) {
  if (stall.householdId) return stall.householdId;
  if (!stall.cooperativeId || !householdId) return null;
  const m = await prisma.membership.findFirst({
    where: { cooperativeId: stall.cooperativeId, householdId, status: "ACTIVE" },
  });
  return m ? householdId : null;
}

/** The audit "on behalf of" household: set when a manager acts for a member. */
export function onBehalfOf(user: SessionUser, producerId: string | null): string | null {
  return user.role === "COOP_MANAGER" && producerId ? producerId : null;
}
