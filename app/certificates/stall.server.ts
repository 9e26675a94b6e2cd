import type { z } from "zod";
import { onBehalfOf } from "~/cooperatives/access.server";
import type { Locale } from "~/i18n";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { discardDocument, DocumentError, storeDocument } from "./documents.server";
import { certificateState } from "./rules";
import type { CertificateSchema } from "./schema";
import type { CertificateKey } from "./strings";

// The stall's side of certificates: its list, a submission (scan stored, row and
// audit entry in one transaction) and withdrawal.

/** The stall's certificates, newest first, and the products one may apply to. */
export async function stallCertificates(stallId: string, locale: Locale) {
  const [certs, products] = await Promise.all([
    prisma.certification.findMany({
      where: { stallId },
      include: { product: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    prisma.product.findMany({
      where: { stallId, deletedAt: null },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  return {
    products,
    certs: certs.map((c) => ({
      id: c.id,
      kind: c.kind,
      stars: c.stars,
      issuer: c.issuer,
      number: c.number,
      product: c.product?.name ?? null,
      state: certificateState(c),
      expires: formatDate(c.expiresAt, locale),
      note: c.reviewNote,
      hasDocument: !!c.documentPath,
      withdrawable: isWithdrawable(c.status),
    })),
  };
}

export type SubmitProblem = { field: "productId" | "document"; key: CertificateKey };

/**
 * A stall files a certificate for review: the scan is stored first, then the row and
 * its audit entry in one transaction; if that fails the scan is discarded again.
 */
export async function submitCertificate(
  user: SessionUser,
  stall: { id: string },
  v: z.infer<typeof CertificateSchema>,
  file: { buffer: Buffer } | "tooLarge" | null,
): Promise<SubmitProblem | null> {
  const product = v.productId
    ? await prisma.product.findFirst({
        where: { id: v.productId, stallId: stall.id, deletedAt: null },
      })
    : null;
  if (v.productId && !product) return { field: "productId", key: "cert.productInvalid" };
  if (file === "tooLarge") return { field: "document", key: "cert.documentTooLarge" };
  if (!file) return { field: "document", key: "cert.documentRequired" };
  let doc: { name: string; created: boolean };
  try {
    doc = await storeDocument(file.buffer);
  } catch (e) {
    if (e instanceof DocumentError) return { field: "document", key: e.code };
    throw e;
  }
  try {
    await prisma.$transaction(async (tx) => {
      const cert = await tx.certification.create({
        data: {
          kind: v.kind,
          stars: v.kind === "OCOP" ? (v.stars ?? null) : null,
          issuer: v.issuer,
          number: v.number,
          scope: v.scope ?? "",
          issuedAt: v.issuedAt,
          expiresAt: v.expiresAt,
          documentPath: doc.name,
          status: "PENDING",
          stallId: stall.id,
          productId: v.productId || null,
        },
      });
      // a manager filing a member's product certificate acts for that household
      await audit(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf(user, product?.householdId ?? null),
          action: "certificate.submit",
          entity: "Certification",
          entityId: cert.id,
          data: { kind: v.kind, number: v.number, productId: product?.id ?? null },
        },
        tx,
      );
    });
  } catch (e) {
    await discardDocument(doc);
    throw e;
  }
  return null;
}

/**
 * Statuses a stall may withdraw. A verified certificate is not withdrawable: it
 * expires, or an officer revokes it.
 */
export const WITHDRAWABLE_CERT_STATUSES = ["PENDING", "REJECTED"] as const;

export function isWithdrawable(status: string): boolean {
  return (WITHDRAWABLE_CERT_STATUSES as readonly string[]).includes(status);
}

/**
 * A stall takes back a certificate submission (pending, or rejected). The row is
 * deleted (docs/decisions/0036-certificate-withdrawal.md); the audit entry keeps what
 * it was. The delete is conditional on the status, so an officer verifying it at the
 * same moment wins and the withdrawal is refused. The scan, when no other row uses it,
 * is left to the file clean-up job. Pending and rejected certificates never count in
 * search, so nothing is queued for sync.
 */
export async function withdrawCertificate(
  user: SessionUser,
  stallId: string,
  certId: string,
): Promise<"withdrawn" | "notWithdrawable"> {
  return prisma.$transaction(async (tx) => {
    const cert = await tx.certification.findFirst({
      where: { id: certId, stallId },
      include: { product: { select: { householdId: true } } },
    });
    if (!cert) return "notWithdrawable";
    const gone = await tx.certification.deleteMany({
      where: { id: certId, stallId, status: { in: [...WITHDRAWABLE_CERT_STATUSES] } },
    });
    if (gone.count !== 1) return "notWithdrawable";
    await audit(
      {
        actorId: user.id,
        onBehalfOfId: onBehalfOf(user, cert.product?.householdId ?? null),
        action: "certificate.withdraw",
        entity: "Certification",
        entityId: cert.id,
        data: {
          status: cert.status,
          kind: cert.kind,
          stars: cert.stars,
          issuer: cert.issuer,
          number: cert.number,
          productId: cert.productId,
          issuedAt: cert.issuedAt.toISOString(),
          expiresAt: cert.expiresAt.toISOString(),
          documentPath: cert.documentPath,
          reviewNote: cert.reviewNote,
        },
      },
      tx,
    );
    return "withdrawn";
  });
}
