import { enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

/**
 * An officer's or admin's decision on a stall. From the review queue only a stall
 * that asked (PENDING) is decided; an officer who has visited the household may
 * verify its stall whatever its state (`from` then lists every unverified state).
 */
export async function reviewStall(
  user: SessionUser,
  stallId: string,
  decision: "VERIFIED" | "REJECTED",
  note: string,
  from: readonly string[] = ["PENDING"],
) {
  return prisma.$transaction(async (tx) => {
    const moved = await tx.stall.updateMany({
      where: { id: stallId, verification: { in: [...from] } },
      data:
        decision === "VERIFIED"
          ? { verification: "VERIFIED", verifiedById: user.id, verifiedAt: new Date() }
          : { verification: "REJECTED" },
    });
    if (moved.count !== 1) return false;
    const stall = await tx.stall.findUniqueOrThrow({ where: { id: stallId } });
    if (decision === "VERIFIED" && stall.householdId)
      await tx.onboardingRecord.create({
        data: { officerId: user.id, householdId: stall.householdId, kind: "STALL_VERIFIED", note },
      });
    await enqueueStallSync(tx, stallId);
    await audit(
      {
        actorId: user.id,
        action: `stall.${decision.toLowerCase()}`,
        entity: "Stall",
        entityId: stallId,
        data: { note },
      },
      tx,
    );
    return true;
  });
}

/** The stall asks an officer to verify it (only from unverified or rejected). */
export async function requestStallVerification(
  user: SessionUser,
  stall: { id: string; verification: string },
) {
  if (stall.verification !== "UNVERIFIED" && stall.verification !== "REJECTED") return;
  await prisma.$transaction(async (tx) => {
    await tx.stall.update({ where: { id: stall.id }, data: { verification: "PENDING" } });
    await audit(
      {
        actorId: user.id,
        action: "stall.verification.request",
        entity: "Stall",
        entityId: stall.id,
      },
      tx,
    );
  });
}
