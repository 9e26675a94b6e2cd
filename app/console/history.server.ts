import { prisma } from "~/utils/db.server";

const when = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short", timeStyle: "short" });

export type HistoryEntry = { id: string; at: string; action: string; actor: string | null; onBehalfOf: string | null };

/**
 * The audit trail of one thing, oldest first, with who did it and, for a
 * cooperative manager's edit, which member household it was done for
 * ("by manager X for household Y").
 */
export async function loadHistory(entity: string, entityId: string, take = 50): Promise<HistoryEntry[]> {
  const rows = await prisma.auditLog.findMany({
    where: { entity, entityId },
    include: { actor: { select: { name: true } }, onBehalfOf: { select: { name: true } } },
    orderBy: { at: "desc" },
    take,
  });
  return rows.reverse().map((h) => ({ id: h.id, at: when.format(h.at), action: h.action, actor: h.actor?.name ?? null, onBehalfOf: h.onBehalfOf?.name ?? null }));
}
