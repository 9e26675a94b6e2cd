import { data } from "@remix-run/node";
import { canManageStall } from "~/domain/roles";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

// Ownership checks for console routes keyed by something other than a stall id:
// load the thing, then apply the same canManageStall rule to its stall.
const SELLERS = ["HOUSEHOLD", "COOP_MANAGER", "ADMIN"] as const;

export async function requireProductAccess(request: Request, productId: string) {
  const user = await requireUser(request, SELLERS);
  const product = await prisma.product.findUnique({
    where: { id: productId },
    include: { stall: true },
  });
  if (!product || product.deletedAt) throw new Response("Not found", { status: 404 });
  if (!canManageStall(user, product.stall)) throw new Response("Forbidden", { status: 403 });
  return { user, product, stall: product.stall };
}

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

export function forbidden() {
  return data({ error: "error.forbidden" }, { status: 403 });
}
