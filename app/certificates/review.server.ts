import { enqueueProductSync, enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { Locale } from "~/i18n";
import type { RefusedDecision } from "~/officer/review.server";
import { now } from "~/utils/clock.server";
import { verifyRefusal } from "./rules";

// The officer's side of certificates: the queue of pending ones and the decision.

/** Pending certificates, oldest first, as the officer's queue shows them. */
export async function pendingCertificates(locale: Locale, now = new Date()) {
  const certs = await prisma.certification.findMany({
    where: { status: "PENDING" },
    include: { stall: { include: { commune: true } }, product: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  return certs.map((c) => ({
    id: c.id,
    kind: c.kind,
    stars: c.stars,
    issuer: c.issuer,
    number: c.number,
    scope: c.scope,
    issued: formatDate(c.issuedAt, locale),
    expires: formatDate(c.expiresAt, locale),
    expired: c.expiresAt <= now,
    stall: c.stall.name,
    commune: c.stall.commune.name,
    product: c.product?.name ?? null,
    hasDocument: !!c.documentPath,
  }));
}

/**
 * An officer's or admin's decision on a pending certificate. Verifying changes
 * badges and filters in search, so the affected products are queued for sync. A
 * certificate without its document, or expired, cannot be verified (only rejected).
 */
export async function reviewCertificate(
  user: SessionUser,
  certId: string,
  decision: "VERIFIED" | "REJECTED",
  note: string,
): Promise<boolean | RefusedDecision> {
  return prisma.$transaction(async (tx) => {
    if (decision === "VERIFIED") {
      const pending = await tx.certification.findFirst({
        where: { id: certId, status: "PENDING" },
        select: { documentPath: true, expiresAt: true },
      });
      const refusal = pending && verifyRefusal(pending, now());
      if (refusal) return refusal;
    }
    const moved = await tx.certification.updateMany({
      where: { id: certId, status: "PENDING" },
      data: {
        status: decision,
        reviewedById: user.id,
        reviewedAt: new Date(),
        reviewNote: note || null,
      },
    });
    if (moved.count !== 1) return false;
    const cert = await tx.certification.findUniqueOrThrow({ where: { id: certId } });
    if (cert.productId) await enqueueProductSync(tx, cert.productId);
    else await enqueueStallSync(tx, cert.stallId); // a stall-wide certificate shows on all its products
    await audit(
      {
        actorId: user.id,
        action: `certificate.${decision.toLowerCase()}`,
        entity: "Certification",
        entityId: certId,
        data: { note },
      },
      tx,
    );
    return true;
  });
}
