import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

/**
 * A signed-in person's new password (the current one already checked): saved, every
 * other device signed out (this one, `keepSessionId`, stays), audited, in one transaction.
 */
export async function changePassword(
  userId: string,
  password: string,
  keepSessionId: string | null | undefined,
) {
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId, id: { not: keepSessionId ?? "" } } });
    await audit(
      { actorId: userId, action: "password.changed", entity: "User", entityId: userId },
      tx,
    );
  });
}
