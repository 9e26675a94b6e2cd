import { canManageStall } from "~/domain/roles";
import { requireStallAccess } from "~/stalls/access.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

// Ownership checks of traceability: a batch, a unit serial, through the stall that owns them.

/** The stall (managed by this user) and one of its batches; 404 if the batch is another stall's. */
export async function requireBatchAccess(request: Request, stallId: string, batchId: string) {
  const access = await requireStallAccess(request, stallId);
  const batch = await prisma.batch.findUnique({ where: { id: batchId } });
  if (!batch) throw new Response("Not found", { status: 404 });
  if (batch.stallId !== access.stall.id) throw new Response("Forbidden", { status: 403 });
  return { ...access, batch };
}

/**
 * A unit serial of one of this stall's batches (the stall already checked with
 * requireStallAccess); null if there is none, 403 if it is another stall's.
 */
export async function stallSerial(stall: { id: string }, serialId: string) {
  const unit = await prisma.serialUnit.findUnique({
    where: { id: serialId },
    select: { id: true, serial: true, batch: { select: { stallId: true } } },
  });
  if (unit && unit.batch.stallId !== stall.id) throw new Response("Forbidden", { status: 403 });
  return unit;
}

/**
 * The stall's own people and the officers and admins who check it: they see the full
 * trace (EPCIS with private fields) and their visits are not counted as scans.
 */
export async function isTraceStaff(
  request: Request,
  stall: { householdId: string | null; cooperativeId: string | null },
) {
  const user = await getUser(request);
  return (
    !!user && (user.role === "OFFICER" || user.role === "ADMIN" || canManageStall(user, stall))
  );
}
