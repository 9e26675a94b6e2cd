// Certificate rules (OCOP, VietGAP, organic). Pure; the console form and the
// officer review both use them.
import { z } from "zod";

export const CERT_KINDS = ["OCOP", "VIETGAP", "ORGANIC"] as const;
export type CertKind = (typeof CERT_KINDS)[number];

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

/** Problems as [field, i18n key] pairs; empty when the certificate is acceptable. */
export function certificateProblems(c: CertDraft, now = new Date()): [string, string][] {
  const problems: [string, string][] = [];
  if (!(CERT_KINDS as readonly string[]).includes(c.kind))
    problems.push(["kind", "cert.kindInvalid"]);
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

/** What a seller sees: pending review, verified, rejected, or expired. */
export function certificateState(
  c: { status: string; expiresAt: Date },
  now = new Date(),
): "PENDING" | "VERIFIED" | "REJECTED" | "EXPIRED" {
  if (c.status === "REJECTED") return "REJECTED";
  if (c.expiresAt <= now) return "EXPIRED";
  return c.status === "VERIFIED" ? "VERIFIED" : "PENDING";
}

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

const date = z
  .string({ required_error: "form.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "cert.dateInvalid")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "cert.dateInvalid")
  .transform((v) => new Date(`${v}T00:00:00Z`));

/** The certificate form (browser and server); cross-field rules come from certificateProblems. */
export const CertificateSchema = z
  .object({
    kind: z.enum(CERT_KINDS, { errorMap: () => ({ message: "cert.kindInvalid" }) }),
    stars: z.number().int().min(3, "cert.starsInvalid").max(5, "cert.starsInvalid").optional(),
    issuer: z
      .string({ required_error: "form.required" })
      .trim()
      .min(2, "form.required")
      .max(160, "form.tooLong"),
    number: z
      .string({ required_error: "form.required" })
      .trim()
      .min(1, "form.required")
      .max(80, "form.tooLong"),
    scope: z.string().trim().max(300, "form.tooLong").optional(),
    issuedAt: date,
    expiresAt: date,
    productId: z.string().max(40).optional(),
  })
  .superRefine((v, ctx) => {
    for (const [field, message] of certificateProblems({
      kind: v.kind,
      stars: v.stars ?? null,
      issuedAt: v.issuedAt,
      expiresAt: v.expiresAt,
    }))
      ctx.addIssue({ code: "custom", path: [field], message });
  });
