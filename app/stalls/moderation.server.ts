import { enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

/**
 * An admin suspends (bans) or restores a stall; search is told. Conditional, so a
 * double submit writes one audit entry. False when there is no such stall.
 */
export async function setStallBanned(
  admin: SessionUser,
  stallId: string,
  banned: boolean,
  reason: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const moved = await tx.stall.updateMany({
      where: { id: stallId, banned: !banned },
      data: { banned },
    });
    if (!moved.count) return (await tx.stall.count({ where: { id: stallId } })) > 0;
    await enqueueStallSync(tx, stallId);
    await audit(
      {
        actorId: admin.id,
        action: banned ? "stall.banned" : "stall.unbanned",
        entity: "Stall",
        entityId: stallId,
        data: banned ? { reason } : {},
      },
      tx,
    );
    return true;
  });
}
