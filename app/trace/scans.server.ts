// Scan logging without raw IPs: a device is an HMAC of (address + user agent)
// under a salt derived from SESSION_SECRET, the place is a region at most.
import { createHmac } from "node:crypto";
import { coarsePlace, isCountableScan, serialFlagReason } from "~/domain/counterfeit";
import { audit } from "~/utils/audit.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { clientAddress } from "~/utils/rate-limit.server";
import type { TraceTarget } from "./lookup.server";

// Derived, so rotating SESSION_SECRET also unlinks old device hashes.
const salt = createHmac("sha256", env.SESSION_SECRET).update("xutra:scan-device-salt:v1").digest();

export function deviceHash(address: string, userAgent: string): string {
  return createHmac("sha256", salt).update(`${address}\n${userAgent}`).digest("hex");
}

/**
 * Logs a provenance-page scan when it is a person's GET (not HEAD, prefetch or a
 * link preview). For unit serials, re-checks the counterfeit rules and flags once.
 */
export async function recordScan(
  request: Request,
  target: TraceTarget,
  now = clockNow(),
): Promise<boolean> {
  const userAgent = request.headers.get("User-Agent");
  const purpose =
    request.headers.get("Sec-Purpose") ??
    request.headers.get("Purpose") ??
    request.headers.get("X-Purpose");
  if (!isCountableScan({ method: request.method, userAgent, purpose })) return false;
  const url = new URL(request.url);
  const place = coarsePlace(url.searchParams.get("src"), request.headers.get("Accept-Language"));
  const hash = deviceHash(clientAddress(request), userAgent ?? "");
  await prisma.scanEvent.create({
    data: {
      batchId: target.batchId,
      serialId: target.serialId,
      deviceHash: hash,
      place,
      scannedAt: now,
    },
  });
  if (target.serialId) {
    const unit = await prisma.serialUnit.findUnique({
      where: { id: target.serialId },
      select: { status: true, deliveredAt: true, flaggedAt: true },
    });
    if (unit && !unit.flaggedAt) {
      // after the seller checked and cleared a flag, the rules start counting again from then
      const cleared = await lastClearedAt(target.serialId);
      const since = cleared ? { scannedAt: { gt: cleared } } : {};
      const [devices, places] = await Promise.all([
        prisma.scanEvent.groupBy({
          by: ["deviceHash"],
          where: { serialId: target.serialId, ...since },
        }),
        prisma.scanEvent.groupBy({
          by: ["place"],
          where: { serialId: target.serialId, place: { not: null }, ...since },
        }),
      ]);
      const clock =
        cleared && unit.deliveredAt && cleared > unit.deliveredAt
          ? { ...unit, deliveredAt: cleared }
          : unit;
      const reason = serialFlagReason(
        { devices: devices.length, places: places.length },
        clock,
        now,
      );
      if (reason) {
        // updateMany with flaggedAt: null keeps the first flag time under concurrent scans
        const flagged = await prisma.serialUnit.updateMany({
          where: { id: target.serialId, flaggedAt: null },
          data: { flaggedAt: now },
        });
        if (flagged.count)
          await audit({
            actorId: null,
            action: "serial.flagged",
            entity: "SerialUnit",
            entityId: target.serialId,
            data: { reason, devices: devices.length, places: places.length },
          });
      }
    }
  }
  return true;
}

export const SERIAL_CLEARED = "serial.cleared";

/** When the seller last cleared this serial's flag (audited), or null. */
async function lastClearedAt(serialId: string): Promise<Date | null> {
  const row = await prisma.auditLog.findFirst({
    where: { entity: "SerialUnit", entityId: serialId, action: SERIAL_CLEARED },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return row?.at ?? null;
}

/** How often and since when this very code (the batch's own code, or one unit serial) has been scanned. */
export async function scanStats(target: { batchId: string; serialId: string | null }) {
  const where = target.serialId
    ? { serialId: target.serialId }
    : { batchId: target.batchId, serialId: null };
  const agg = await prisma.scanEvent.aggregate({
    where,
    _count: { _all: true },
    _min: { scannedAt: true },
  });
  return { count: agg._count._all, first: agg._min.scannedAt };
}
