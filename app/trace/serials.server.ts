// Unit serials after they are issued: handed over (one, or a shipment's range) and,
// when the scan rules flag one, voided or cleared by the seller. Each change and its
// audit entry are written in one transaction.
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { MAX_SERIALS_PER_ISSUE } from "./batches.server";
import { SERIAL_CLEARED } from "./scans.server";

const running = (n: number) => `U${String(n).padStart(5, "0")}`;

/**
 * Marks one unit delivered, found by its full serial or just its printed running
 * number ("U00012"). Null when the batch has no such (live) unit.
 */
export async function deliverSerial(batchId: string, typed: string, actorId: string) {
  const unit =
    (await prisma.serialUnit.findUnique({
      where: { batchId_serial: { batchId, serial: typed } },
    })) ??
    (/^U\d{5}$/.test(typed)
      ? await prisma.serialUnit.findFirst({
          where: { batchId, serial: { startsWith: `${typed}-` } },
        })
      : null);
  if (!unit || unit.status === "VOID") return null;
  await prisma.$transaction(async (tx) => {
    await tx.serialUnit.update({
      where: { id: unit.id },
      data: { status: "DELIVERED", deliveredAt: new Date() },
    });
    await audit(
      {
        actorId,
        action: "serial.deliver",
        entity: "SerialUnit",
        entityId: unit.id,
        data: { serial: unit.serial },
      },
      tx,
    );
  });
  return unit.serial;
}

/** Whether from..to is a range of running numbers one hand-over may cover. */
export function isDeliverableRange(from: number, to: number): boolean {
  return (
    Number.isInteger(from) &&
    Number.isInteger(to) &&
    from >= 1 &&
    to >= from &&
    to <= 99_999 &&
    to - from < MAX_SERIALS_PER_ISSUE
  );
}

/** A whole shipment at once: running numbers from..to (U00012..U00020); how many moved. */
export async function deliverSerialRange(
  batchId: string,
  from: number,
  to: number,
  actorId: string,
) {
  return prisma.$transaction(async (tx) => {
    const done = await tx.serialUnit.updateMany({
      where: {
        batchId,
        status: { notIn: ["VOID", "DELIVERED"] },
        serial: { gte: running(from), lt: running(to + 1) },
      },
      data: { status: "DELIVERED", deliveredAt: new Date() },
    });
    await audit(
      {
        actorId,
        action: "serial.deliver",
        entity: "Batch",
        entityId: batchId,
        data: { from: running(from), to: running(to), count: done.count },
      },
      tx,
    );
    return done.count;
  });
}

/**
 * A flagged serial, settled by the seller. "clear": they checked (say, the buyer's
 * family scanned it) and it is genuine; the warning goes away and the rules count
 * afresh from now. Otherwise the code is voided.
 */
export async function settleFlaggedSerial(
  unit: { id: string; serial: string },
  clear: boolean,
  actorId: string,
) {
  await prisma.$transaction(async (tx) => {
    await tx.serialUnit.update({
      where: { id: unit.id },
      data: clear ? { flaggedAt: null } : { status: "VOID" },
    });
    await audit(
      {
        actorId,
        action: clear ? SERIAL_CLEARED : "serial.void",
        entity: "SerialUnit",
        entityId: unit.id,
        data: { serial: unit.serial },
      },
      tx,
    );
  });
}
