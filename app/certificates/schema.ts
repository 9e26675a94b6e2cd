// The certificate form's schema, shared by the browser (conform) and the server.
// Cross-field rules come from certificateProblems.
import { z } from "zod";
import { CERT_KINDS, certificateProblems } from "./rules";

const date = z
  .string({ required_error: "form.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "cert.dateInvalid")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "cert.dateInvalid")
  .transform((v) => new Date(`${v}T00:00:00Z`));

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
