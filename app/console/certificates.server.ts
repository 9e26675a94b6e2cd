import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { data, redirect } from "@remix-run/node";
import sharp from "sharp";
import { isPdf } from "~/domain/certificates";
import { MAX_INPUT_PIXELS } from "~/images/pipeline.server";
import { onBehalfOf } from "~/console/access.server";
import { enqueueProductSync, enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { documentsDir } from "~/utils/env.server";
import { reuseIfStored } from "~/files/reuse.server";
import { readForm } from "~/utils/form.server";

// Certificate scans. A PDF is kept as sent (checked by its magic bytes); an image
// is re-encoded as JPEG so no EXIF/GPS of the phone that took it is stored. Files
// are named by content hash and written through a temp file + rename.

export class DocumentError extends Error {
  constructor(public code: "cert.documentInvalid") {
    super(code);
  }
}

export async function storeDocument(input: Buffer): Promise<{ name: string; created: boolean }> {
  let bytes: Buffer;
  let ext: "pdf" | "jpg";
  if (isPdf(input)) {
    bytes = input;
    ext = "pdf";
  } else {
    try {
      const meta = await sharp(input, { limitInputPixels: false }).metadata();
      if (
        !meta.width ||
        !meta.height ||
        meta.width * meta.height > MAX_INPUT_PIXELS ||
        !["jpeg", "png", "webp", "heif", "avif", "tiff"].includes(meta.format ?? "")
      )
        throw new Error("refused");
      bytes = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
        .rotate()
        .resize({ width: 2400, height: 2400, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 85 })
        .toBuffer();
    } catch {
      throw new DocumentError("cert.documentInvalid");
    }
    ext = "jpg";
  }
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 40)}.${ext}`;
  await fs.mkdir(documentsDir, { recursive: true });
  const final = path.join(documentsDir, name);
  if (await reuseIfStored(final)) return { name, created: false };
  const tmp = path.join(documentsDir, `.tmp-${randomBytes(6).toString("hex")}`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, final);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  return { name, created: true };
}

export async function discardDocument(doc: { name: string; created: boolean }) {
  if (!doc.created) return;
  const used = await prisma.certification.count({ where: { documentPath: doc.name } });
  if (!used) await fs.rm(path.join(documentsDir, doc.name), { force: true });
}

export function documentFile(name: string) {
  if (!/^[0-9a-f]{40}\.(pdf|jpg)$/.test(name)) return null;
  return {
    path: path.join(documentsDir, name),
    type: name.endsWith(".pdf") ? "application/pdf" : "image/jpeg",
  };
}

/**
 * An officer's or admin's decision on a pending certificate. Verifying changes
 * badges and filters in search, so the affected products are queued for sync.
 */
export async function reviewCertificate(
  user: SessionUser,
  certId: string,
  decision: "VERIFIED" | "REJECTED",
  note: string,
) {
  return prisma.$transaction(async (tx) => {
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

/**
 * An officer's or admin's decision on a stall. From the review queue only a stall
 * that asked (PENDING) is decided; an officer who has visited the household may
 * verify its stall whatever its state (`from` then lists every unverified state).
 */
export async function reviewStall(
  user: SessionUser,
  stallId: string,
  decision: "VERIFIED" | "REJECTED",
  note: string,
  from: readonly string[] = ["PENDING"],
) {
  return prisma.$transaction(async (tx) => {
    const moved = await tx.stall.updateMany({
      where: { id: stallId, verification: { in: [...from] } },
      data:
        decision === "VERIFIED"
          ? { verification: "VERIFIED", verifiedById: user.id, verifiedAt: new Date() }
          : { verification: "REJECTED" },
    });
    if (moved.count !== 1) return false;
    const stall = await tx.stall.findUniqueOrThrow({ where: { id: stallId } });
    if (decision === "VERIFIED" && stall.householdId)
      await tx.onboardingRecord.create({
        data: { officerId: user.id, householdId: stall.householdId, kind: "STALL_VERIFIED", note },
      });
    await enqueueStallSync(tx, stallId);
    await audit(
      {
        actorId: user.id,
        action: `stall.${decision.toLowerCase()}`,
        entity: "Stall",
        entityId: stallId,
        data: { note },
      },
      tx,
    );
    return true;
  });
}

type Decide = (
  user: SessionUser,
  id: string,
  decision: "VERIFIED" | "REJECTED",
  note: string,
) => Promise<boolean>;

/**
 * The officer review queues' action (stalls, certificates): one decision from the
 * posted form. A rejection needs a note, as the household must learn what to fix.
 */
export async function decideFromForm(request: Request, decide: Decide, donePath: string) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const id = String(formData.get("id") ?? "");
  const decision = formData.get("decision");
  const note = String(formData.get("note") ?? "")
    .trim()
    .slice(0, 500);
  if (decision !== "VERIFIED" && decision !== "REJECTED")
    return data({ id, error: "error.generic" }, { status: 400 });
  if (decision === "REJECTED" && !note)
    return data({ id, error: "officer.noteRequired" }, { status: 400 });
  if (!(await decide(user, id, decision, note)))
    return data({ id, error: "officer.alreadyReviewed" }, { status: 409 });
  throw redirect(`${donePath}?done=${decision}`);
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
