import { prisma, type Prisma } from "./db.server";

type AuditEntry = {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  onBehalfOfId?: string | null;
  data?: Record<string, unknown>;
};

export async function audit(entry: AuditEntry, tx: Prisma.TransactionClient = prisma) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      onBehalfOfId: entry.onBehalfOfId ?? null,
      data: JSON.stringify(entry.data ?? {}),
    },
  });
}
