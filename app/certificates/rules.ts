// Certificate rules (OCOP, VietGAP, organic). Pure (no framework, no database; lint
// enforces it); the stall's form, its list and the officer review all use them.
import type { CertificateKey } from "./strings";

export const CERT_KINDS = ["OCOP", "VIETGAP", "ORGANIC"] as const;
export type CertKind = (typeof CERT_KINDS)[number];

export function isCertKind(kind: string): kind is CertKind {
  return (CERT_KINDS as readonly string[]).includes(kind);
}

/** Adds whole calendar months (UTC), clamping to the month's last day. */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(d.getUTCDate(), last));
  return r;
}

/** VietGAP is valid for at most 2 years; we accept 3 months of grace on top. */
export const VIETGAP_MAX_MONTHS = 24 + 3;

export type CertDraft = { kind: string; stars: number | null; issuedAt: Date; expiresAt: Date };

export type CertField = "kind" | "stars" | "issuedAt" | "expiresAt";

/** Problems as [field, message key] pairs; empty when the certificate is acceptable. */
export function certificateProblems(c: CertDraft, now = new Date()): [CertField, CertificateKey][] {
  const problems: [CertField, CertificateKey][] = [];
  if (!isCertKind(c.kind)) problems.push(["kind", "cert.kindInvalid"]);
  if (c.kind === "OCOP" && (c.stars === null || c.stars < 3 || c.stars > 5))
    problems.push(["stars", "cert.starsInvalid"]);
  // one message per field, the most basic first
  if (c.expiresAt <= c.issuedAt) problems.push(["expiresAt", "cert.expiryBeforeIssue"]);
  else if (c.kind === "VIETGAP" && c.expiresAt > addMonths(c.issuedAt, VIETGAP_MAX_MONTHS))
    problems.push(["expiresAt", "cert.vietgapTooLong"]);
  else if (c.expiresAt <= now) problems.push(["expiresAt", "cert.expired"]);
  if (c.issuedAt > now) problems.push(["issuedAt", "cert.issuedInFuture"]);
  return problems;
}

export type CertificateState = "PENDING" | "VERIFIED" | "REJECTED" | "EXPIRED";

/** What a seller sees: pending review, verified, rejected, or expired. */
export function certificateState(
  c: { status: string; expiresAt: Date },
  now = new Date(),
): CertificateState {
  if (c.status === "REJECTED") return "REJECTED";
  if (c.expiresAt <= now) return "EXPIRED";
  return c.status === "VERIFIED" ? "VERIFIED" : "PENDING";
}

/**
 * Why an officer may not verify a certificate, or null: without its document there is
 * nothing to check it against (certificates have been sold without checks), and an
 * expired one has nothing left to verify. Rejecting is always allowed.
 */
export function verifyRefusal(
  c: { documentPath: string | null; expiresAt: Date },
  now = new Date(),
): "cert.verifyNeedsDocument" | "cert.expired" | null {
  if (!c.documentPath) return "cert.verifyNeedsDocument";
  if (c.expiresAt <= now) return "cert.expired";
  return null;
}

/** A verified certificate's holder and officer are reminded this many days before expiry. */
export const CERT_REMINDER_DAYS = 30;

/** "%PDF-" at the start: the only document type besides images we accept. */
export function isPdf(bytes: Uint8Array): boolean {
  return (
    bytes.length > 5 &&
    bytes[0] === 0x25 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x44 &&
    bytes[3] === 0x46 &&
    bytes[4] === 0x2d
  );
}
