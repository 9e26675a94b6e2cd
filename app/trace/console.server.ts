// Loader data for the batch console screens.
import { prisma } from "~/utils/db.server";
import { toLocalDate, toLocalDateTime } from "./batch-schema";
import { defaultBestBefore, TRACE_TEMPLATES, traceKindOf } from "./steps";

type Stall = { id: string; householdId: string | null; cooperativeId: string | null };

export async function batchFormOptions(stall: Stall) {
  const products = await prisma.product.findMany({
    where: { stallId: stall.id, deletedAt: null },
    select: {
      id: true,
      name: true,
      category: { select: { slug: true } },
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
  return {
    products: products.map(({ category, ...p }) => ({
      ...p,
      traceKind: traceKindOf(category?.slug),
    })),
    households,
    coop: !!stall.cooperativeId,
  };
}

/**
 * A new batch's form: the product picked (?product=, else the first) sets the
 * processing steps of its kind and the usual HSD, packed today.
 */
export function newBatchDefaults(
  products: { id: string; traceKind: ReturnType<typeof traceKindOf> }[],
  productId: string | null,
  now = new Date(),
) {
  const product = products.find((p) => p.id === productId) ?? products[0];
  const kind = product?.traceKind ?? "tea";
  const template = TRACE_TEMPLATES[kind];
  const today = toLocalDate(now);
  return {
    productId: product && productId ? product.id : "",
    harvestedAt: today,
    producedAt: today,
    bestBefore: toLocalDate(defaultBestBefore(kind, now)),
    shelfKind: template.shelfKind,
    unit: "kg",
    steps: template.steps.map((s) => ({ kind: s.kind, note: s.note })),
  };
}

export function batchDefaults(b: {
  productId: string;
  variantId: string | null;
  lot: string;
  householdId: string | null;
  plotId: string | null;
  harvestedAt: Date;
  producedAt: Date | null;
  bestBefore: Date | null;
  shelfKind: string;
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
    producedAt: b.producedAt ? toLocalDate(b.producedAt) : "",
    bestBefore: b.bestBefore ? toLocalDate(b.bestBefore) : "",
    shelfKind: b.shelfKind,
    quantity: String(b.quantity),
    unit: b.unit,
    notes: b.notes,
    steps: b.steps.map((s) => ({ kind: s.kind, at: toLocalDateTime(s.startedAt), note: s.note })),
  };
}
