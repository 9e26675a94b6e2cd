// Console-side batch work: create/update with processing steps, unit serials.
// Every function here runs after an access check of ./access.server.
import { randomBytes } from "node:crypto";
import { makeShortCode } from "~/domain/digital-link";
import { audit } from "~/utils/audit.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { fromLocalDate, fromLocalDateTime, type BatchInput } from "./batch-schema";

type Stall = { id: string; householdId: string | null; cooperativeId: string | null };
type FieldErrors = Record<string, string[]>;

/** Checks references against the stall: product, variant, producing household, plot. */
export async function checkBatchRefs(
  stall: Stall,
  v: BatchInput,
  now = new Date(),
): Promise<{ errors: FieldErrors; householdId: string | null }> {
  const errors: FieldErrors = {};
  const product = await prisma.product.findFirst({
    where: { id: v.productId, stallId: stall.id, deletedAt: null },
    select: { id: true, householdId: true },
  });
  if (!product) errors.productId = ["batches.error.product"];
  if (
    v.variantId &&
    product &&
    !(await prisma.variant.findFirst({ where: { id: v.variantId, productId: product.id } }))
  )
    errors.variantId = ["batches.error.variant"];
  let householdId: string | null = stall.householdId;
  if (stall.cooperativeId) {
    const wanted = v.householdId ?? product?.householdId ?? null;
    if (wanted) {
      const member = await prisma.membership.findFirst({
        where: { cooperativeId: stall.cooperativeId, householdId: wanted, status: "ACTIVE" },
      });
      if (!member) errors.householdId = ["batches.error.household"];
      householdId = member ? wanted : null;
    } else householdId = null;
  }
  if (
    v.plotId &&
    !(await prisma.plot.findFirst({ where: { id: v.plotId, householdId: householdId ?? "-" } }))
  )
    errors.plotId = ["batches.error.plot"];
  if (fromLocalDate(v.harvestedAt).getTime() > now.getTime())
    errors.harvestedAt = ["batches.error.future"];
  if (v.producedAt && fromLocalDate(v.producedAt).getTime() > now.getTime())
    errors.producedAt = ["batches.error.future"];
  if (v.bestBefore && v.bestBefore < (v.producedAt ?? v.harvestedAt))
    errors.bestBefore = ["batches.error.bestBeforeEarly"];
  return { errors, householdId };
}

function stepRows(v: BatchInput) {
  return (v.steps ?? []).flatMap((s, i) =>
    s?.kind && s.at
      ? [{ kind: s.kind, startedAt: fromLocalDateTime(s.at), note: s.note ?? "", position: i }]
      : [],
  );
}

export class LotTakenError extends Error {}

/** Audit actions that put a batch's code on paper (label sheets, QR downloads). */
export const PRINT_ACTIONS = ["batch.labels", "batch.qr"] as const;

/**
 * Whether the batch's codes may already be out in the world: labels or a QR were
 * printed, unit serials issued, or someone scanned it. From then on the product,
 * pack size (its GTIN) and lot are fixed, because the printed Digital Link
 * /01/{gtin}/10/{lot} is made of them (the /t/{code} short form never changes).
 */
export async function codesInCirculation(batchId: string): Promise<boolean> {
  const [serials, scans, prints] = await Promise.all([
    prisma.serialUnit.count({ where: { batchId } }),
    prisma.scanEvent.count({ where: { batchId } }),
    prisma.auditLog.count({
      where: { entity: "Batch", entityId: batchId, action: { in: [...PRINT_ACTIONS] } },
    }),
  ]);
  return serials + scans + prints > 0;
}

/**
 * Of these variants, those with a batch whose codes are in circulation (same test as
 * codesInCirculation): their GTIN is printed in Digital Links, so it may no longer change.
 * Takes the caller's transaction so the check and the write see the same data.
 */
export async function variantsWithCodesOut(
  db: Prisma.TransactionClient,
  variantIds: string[],
): Promise<Set<string>> {
  if (!variantIds.length) return new Set();
  const batches = await db.batch.findMany({
    where: { variantId: { in: variantIds } },
    select: { id: true, variantId: true, _count: { select: { serials: true, scans: true } } },
  });
  if (!batches.length) return new Set();
  const printed = new Set(
    (
      await db.auditLog.findMany({
        where: {
          entity: "Batch",
          entityId: { in: batches.map((b) => b.id) },
          action: { in: [...PRINT_ACTIONS] },
        },
        select: { entityId: true },
      })
    ).map((a) => a.entityId),
  );
  return new Set(
    batches
      .filter((b) => b._count.serials + b._count.scans > 0 || printed.has(b.id))
      .map((b) => b.variantId!),
  );
}

/** Field errors for identity changes to a batch whose codes are in circulation. */
export function lockedFieldErrors(
  batch: { productId: string; variantId: string | null; lot: string },
  v: BatchInput,
): FieldErrors {
  const errors: FieldErrors = {};
  if (v.productId !== batch.productId) errors.productId = ["batches.error.locked"];
  if ((v.variantId ?? null) !== batch.variantId) errors.variantId = ["batches.error.locked"];
  if (v.lot !== batch.lot) errors.lot = ["batches.error.locked"];
  return errors;
}

/**
 * SQLite (WAL): a transaction that reads first and writes later fails at once with
 * "database is locked" if another connection wrote in between. Writing first makes
 * it wait its turn (busy_timeout) instead; this no-op update of the stall row does.
 */
async function takeWriteLock(tx: Prisma.TransactionClient, stallId: string) {
  await tx.$executeRaw`UPDATE "Stall" SET "id" = "id" WHERE "id" = ${stallId}`;
}

/** Creates (batchId null) or updates a batch and replaces its steps, in one transaction. */
export async function saveBatch(
  stall: Stall,
  actorId: string,
  batchId: string | null,
  v: BatchInput,
  householdId: string | null,
) {
  const fields = {
    productId: v.productId,
    variantId: v.variantId ?? null,
    lot: v.lot,
    householdId,
    plotId: v.plotId ?? null,
    harvestedAt: fromLocalDate(v.harvestedAt),
    producedAt: v.producedAt ? fromLocalDate(v.producedAt) : null,
    bestBefore: v.bestBefore ? fromLocalDate(v.bestBefore) : null,
    shelfKind: v.shelfKind,
    quantity: v.quantity,
    unit: v.unit || "kg",
    notes: v.notes ?? "",
  };
  const steps = stepRows(v);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        await takeWriteLock(tx, stall.id);
        const clash = await tx.batch.findFirst({
          where: {
            productId: v.productId,
            lot: v.lot,
            ...(batchId ? { id: { not: batchId } } : {}),
          },
        });
        if (clash) throw new LotTakenError();
        const batch = batchId
          ? await tx.batch.update({ where: { id: batchId }, data: fields })
          : await tx.batch.create({
              data: { ...fields, stallId: stall.id, code: makeShortCode() },
            });
        await tx.processingStep.deleteMany({ where: { batchId: batch.id } });
        if (steps.length)
          await tx.processingStep.createMany({
            data: steps.map((s) => ({ ...s, batchId: batch.id })),
          });
        await audit(
          {
            actorId,
            action: batchId ? "batch.update" : "batch.create",
            entity: "Batch",
            entityId: batch.id,
            onBehalfOfId: stall.cooperativeId ? householdId : null,
            data: { lot: v.lot, steps: steps.length },
          },
          tx,
        );
        return batch;
      });
    } catch (e) {
      // a short-code collision: draw another code
      const err = e as { code?: string; meta?: { target?: unknown } };
      if (err.code === "P2002" && !batchId && String(err.meta?.target ?? "").includes("code"))
        continue;
      throw e;
    }
  }
  throw new Error("could not allocate a batch code");
}

export const MAX_SERIALS_PER_ISSUE = 500;

/**
 * A unit serial: the running number people read ("U00012") plus 6 random characters,
 * so valid serials cannot be guessed and printed by a counterfeiter; a copied real
 * label then shows up as one serial scanned by many devices (domain/counterfeit.ts).
 */
export function unitSerial(n: number): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I
  const bytes = randomBytes(6);
  return `U${String(n).padStart(5, "0")}-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

/** Issues `count` new unit serials, numbered after the highest existing one. */
export async function issueSerials(batchId: string, count: number, actorId: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE "Batch" SET "id" = "id" WHERE "id" = ${batchId}`;
    const existing = await tx.serialUnit.findMany({ where: { batchId }, select: { serial: true } });
    let max = 0;
    for (const s of existing) {
      const n = /^U(\d+)/.exec(s.serial);
      if (n) max = Math.max(max, Number(n[1]));
    }
    const rows = Array.from({ length: count }, (_, i) => ({
      batchId,
      serial: unitSerial(max + i + 1),
    }));
    await tx.serialUnit.createMany({ data: rows });
    await audit(
      {
        actorId,
        action: "serial.issue",
        entity: "Batch",
        entityId: batchId,
        data: { count, from: rows[0]?.serial, to: rows.at(-1)?.serial },
      },
      tx,
    );
    return rows.map((r) => r.serial);
  });
}

/**
 * Records that a batch's codes were printed or exported (labels, a QR file): from
 * then on its product, GTIN and lot are fixed (codesInCirculation reads these).
 */
export async function recordPrint(
  actorId: string,
  batchId: string,
  action: (typeof PRINT_ACTIONS)[number],
  data: Record<string, unknown>,
) {
  await audit({ actorId, action, entity: "Batch", entityId: batchId, data });
}
