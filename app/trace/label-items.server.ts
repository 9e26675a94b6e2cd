// What goes on a batch's labels: one URI per sticker (the batch's, or one per unit serial).
import { toGtin14 } from "~/domain/gs1";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { LabelItem } from "./labels.server";
import { labelUri } from "./lookup.server";

export const MAX_LABELS = 500;

/** "04/12/26": day, month, two-digit year in Vietnam's calendar (a label has 28 characters a line). */
function labelDate(d: Date): string {
  return formatDate(d, "vi", { day: "2-digit", month: "2-digit", year: "2-digit" });
}

/** Labels for a batch; unit labels start at running number `from` (serials are "U00001-XXXXXX"). */
export async function labelItems(
  batchId: string,
  kind: "batch" | "serial",
  count: number,
  from = 1,
): Promise<{ items: LabelItem[]; title: string }> {
  const batch = await prisma.batch.findUniqueOrThrow({
    where: { id: batchId },
    select: {
      code: true,
      lot: true,
      producedAt: true,
      bestBefore: true,
      product: { select: { name: true } },
      variant: { select: { gtin: true } },
      household: { select: { name: true } },
      stall: { select: { name: true, cooperative: { select: { name: true } } } },
    },
  });
  const target = {
    code: batch.code,
    lot: batch.lot,
    gtin: batch.variant?.gtin ? toGtin14(batch.variant.gtin) : null,
  };
  const base = {
    product: batch.product.name,
    lot: batch.lot,
    producer: batch.household?.name ?? batch.stall.cooperative?.name ?? batch.stall.name,
    producedAt: batch.producedAt ? labelDate(batch.producedAt) : null,
    bestBefore: batch.bestBefore ? labelDate(batch.bestBefore) : null,
  };
  const title = `${batch.product.name} · ${batch.lot}`;
  if (kind === "serial") {
    const serials = await prisma.serialUnit.findMany({
      where: {
        batchId,
        status: { not: "VOID" },
        ...(from > 1 ? { serial: { gte: `U${String(from).padStart(5, "0")}` } } : {}),
      },
      select: { serial: true },
      orderBy: { serial: "asc" },
      take: Math.min(count, MAX_LABELS),
    });
    return {
      title,
      items: serials.map((s) => ({ ...base, serial: s.serial, uri: labelUri(target, s.serial) })),
    };
  }
  const uri = labelUri(target);
  return {
    title,
    items: Array.from({ length: Math.min(count, MAX_LABELS) }, () => ({ ...base, uri })),
  };
}
