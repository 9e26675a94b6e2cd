import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { Locale } from "~/i18n";

export type HistoryEntry = {
  id: string;
  at: string;
  action: string;
  actor: string | null;
  onBehalfOf: string | null;
  subject?: string | null;
  /** why: the buyer's cancel reason (a message key) and their own words */
  reason?: string | null;
  note?: string | null;
};

function why(data: string): Pick<HistoryEntry, "reason" | "note"> {
  const d = JSON.parse(data) as { reason?: unknown; note?: unknown };
  return typeof d.reason === "string"
    ? { reason: d.reason, note: typeof d.note === "string" && d.note ? d.note : null }
    : {};
}

/**
 * The audit trail of one thing, oldest first, with who did it and, for a
 * cooperative manager's edit, which member household it was done for
 * ("by manager X for household Y").
 */
export async function loadHistory(
  entity: string,
  entityId: string,
  locale: Locale,
  take = 50,
): Promise<HistoryEntry[]> {
  const rows = await prisma.auditLog.findMany({
    where: { entity, entityId },
    include: { actor: { select: { name: true } }, onBehalfOf: { select: { name: true } } },
    orderBy: { at: "desc" },
    take,
  });
  return rows.reverse().map((h) => ({
    id: h.id,
    at: formatDate(h.at, locale, "dateTime"),
    action: h.action,
    actor: h.actor?.name ?? null,
    onBehalfOf: h.onBehalfOf?.name ?? null,
    ...(h.action === "order.cancelled" ? why(h.data) : {}),
  }));
}

/**
 * What others (a cooperative manager) did for this household, newest first, with
 * the product's name when the entry is about a product: the household's own view
 * of the "by manager X for household Y" trail.
 */
export async function loadDoneForHousehold(
  householdId: string,
  locale: Locale,
  take = 15,
): Promise<HistoryEntry[]> {
  const rows = await prisma.auditLog.findMany({
    where: { onBehalfOfId: householdId },
    include: { actor: { select: { name: true } }, onBehalfOf: { select: { name: true } } },
    orderBy: { at: "desc" },
    take,
  });
  const productIds = rows
    .filter((r) => r.entity === "Product" && r.entityId)
    .map((r) => r.entityId!);
  const products = productIds.length
    ? await prisma.product.findMany({
        where: { id: { in: productIds } },
        select: { id: true, name: true },
      })
    : [];
  const names = new Map(products.map((p) => [p.id, p.name]));
  return rows.map((h) => ({
    id: h.id,
    at: formatDate(h.at, locale, "dateTime"),
    action: h.action,
    actor: h.actor?.name ?? null,
    onBehalfOf: h.onBehalfOf?.name ?? null,
    subject: h.entity === "Product" && h.entityId ? (names.get(h.entityId) ?? null) : null,
  }));
}
