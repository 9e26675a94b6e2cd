// Loader data for the batch console screens.
import { prisma } from "~/utils/db.server";
import { toLocalDate, toLocalDateTime } from "./batch-schema";

type Stall = { id: string; householdId: string | null; cooperativeId: string | null };

export async function batchFormOptions(stall: Stall) {
  const products = await prisma.product.findMany({
    where: { stallId: stall.id, deletedAt: null },
    select: {
      id: true,
      name: true,
      variants: { select: { id: true, label: true, gtin: true }, orderBy: { position: "asc" } },
    },
    orderBy: { name: "asc" },
    take: 500,
  });
  const households = await prisma.household.findMany({
    where: stall.cooperativeId
      ? { memberships: { some: { cooperativeId: stall.cooperativeId, status: "ACTIVE" } } }
      : { id: stall.householdId ?? "-" },
    select: { id: true, name: true, plots: { select: { id: true, name: true } } },
    orderBy: { name: "asc" },
  });
  return { products, households, coop: !!stall.cooperativeId };
}

export function batchDefaults(b: {
  productId: string;
  variantId: string | null;
  lot: string;
  householdId: string | null;
  plotId: string | null;
  harvestedAt: Date;
  quantity: number;
  unit: string;
  notes: string;
  steps: { kind: string; startedAt: Date; note: string }[];
}) {
  return {
    productId: b.productId,
    variantId: b.variantId ?? "",
    lot: b.lot,
    householdId: b.householdId ?? "",
    plotId: b.plotId ?? "",
    harvestedAt: toLocalDate(b.harvestedAt),
    quantity: String(b.quantity),
    unit: b.unit,
    notes: b.notes,
    steps: b.steps.map((s) => ({ kind: s.kind, at: toLocalDateTime(s.startedAt), note: s.note })),
  };
}
