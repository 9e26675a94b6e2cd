// Finds the batch (and unit serial) a scanned code stands for, and builds the
// links the resolver offers for it. Read-only; scans are logged in scans.server.ts.
import {
  batchLink,
  digitalLinkPath,
  shortLinkPath,
  type DigitalLinkKey,
} from "~/domain/digital-link";
import { toGtin14 } from "~/domain/gs1";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** The origin printed on labels and used in EPCIS identifiers. */
export function publicBase(): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

export type TraceTarget = {
  batchId: string;
  code: string;
  lot: string;
  gtin: string | null;
  serialId: string | null;
  serial: string | null;
  productSlug: string;
  stall: { householdId: string | null; cooperativeId: string | null };
};

const targetSelect = {
  id: true,
  code: true,
  lot: true,
  variant: { select: { gtin: true } },
  product: { select: { slug: true } },
  stall: { select: { householdId: true, cooperativeId: true } },
} as const;

type BatchRow = {
  id: string;
  code: string;
  lot: string;
  variant: { gtin: string | null } | null;
  product: { slug: string };
  stall: { householdId: string | null; cooperativeId: string | null };
};

async function withSerial(
  batch: BatchRow,
  serial: string | undefined,
): Promise<TraceTarget | null> {
  let serialId: string | null = null;
  if (serial !== undefined) {
    const unit = await prisma.serialUnit.findUnique({
      where: { batchId_serial: { batchId: batch.id, serial } },
      select: { id: true, status: true },
    });
    if (!unit || unit.status === "VOID") return null;
    serialId = unit.id;
  }
  return {
    batchId: batch.id,
    code: batch.code,
    lot: batch.lot,
    gtin: batch.variant?.gtin ? toGtin14(batch.variant.gtin) : null,
    serialId,
    serial: serial ?? null,
    productSlug: batch.product.slug,
    stall: batch.stall,
  };
}

/** A short code (/t/{code}[/{serial}]). */
export async function findByShortCode(code: string, serial?: string): Promise<TraceTarget | null> {
  const batch = await prisma.batch.findUnique({ where: { code }, select: targetSelect });
  return batch ? withSerial(batch, serial) : null;
}

export type GtinResolution =
  | { kind: "batch"; target: TraceTarget }
  | { kind: "product"; productSlug: string; gtin: string }
  | null;

/**
 * A Digital Link key: GTIN + lot (+ serial) is a batch; a bare GTIN is the product
 * (its pip); GTIN + serial without lot looks the serial up among that GTIN's batches.
 */
export async function findByDigitalLink(key: DigitalLinkKey): Promise<GtinResolution> {
  const variant = await prisma.variant.findUnique({
    where: { gtin: key.gtin },
    select: { id: true, productId: true, product: { select: { slug: true } } },
  });
  if (!variant) return null;
  if (key.lot !== undefined) {
    const batch = await prisma.batch.findFirst({
      where: { productId: variant.productId, lot: key.lot },
      select: targetSelect,
    });
    if (!batch) return null;
    const target = await withSerial(batch, key.serial);
    return target ? { kind: "batch", target } : null;
  }
  if (key.serial !== undefined) {
    const unit = await prisma.serialUnit.findFirst({
      where: {
        serial: key.serial,
        status: { not: "VOID" },
        batch: { productId: variant.productId },
      },
      select: { batch: { select: targetSelect } },
    });
    if (!unit) return null;
    const target = await withSerial(unit.batch, key.serial);
    return target ? { kind: "batch", target } : null;
  }
  return { kind: "product", productSlug: variant.product.slug, gtin: key.gtin };
}

/**
 * A unit serial the seller voided (a copied label), for a clear answer instead of
 * "not found": the stall's name and the unit's page path, or null.
 */
export async function findVoidSerial(
  where: { code: string } | { gtin: string; lot?: string },
  serial: string,
) {
  const batch =
    "code" in where
      ? { code: where.code }
      : { variant: { gtin: where.gtin }, ...(where.lot !== undefined ? { lot: where.lot } : {}) };
  const unit = await prisma.serialUnit.findFirst({
    where: { serial, status: "VOID", batch },
    select: { batch: { select: { code: true, stall: { select: { name: true } } } } },
  });
  return unit
    ? { stall: unit.batch.stall.name, path: shortLinkPath(unit.batch.code, serial) }
    : null;
}

/** The URI on the label: Digital Link when the variant has a GTIN, else /t/. */
export function labelUri(
  t: { code: string; lot: string; gtin: string | null },
  serial?: string | null,
): string {
  return batchLink(publicBase(), t, serial ?? undefined);
}

/** Where the provenance page lives (always the short form: one page per code). */
export function pagePath(t: { code: string; serial: string | null }): string {
  return shortLinkPath(t.code, t.serial ?? undefined);
}

/** The Digital Link path for a target when it has a GTIN, else null. */
export function digitalLinkPathOf(t: TraceTarget): string | null {
  if (!t.gtin) return null;
  try {
    return digitalLinkPath({ gtin: t.gtin, lot: t.lot, serial: t.serial ?? undefined });
  } catch {
    return null;
  }
}
