// The pre-order form, for the browser and the server. Messages are i18n keys;
// the campaign's own limits (cap, days, area, payment) are checked by
// rules/preorder.ts on the server, where the campaign is known.
import { z } from "zod";
import { phoneField } from "~/domain/account-fields";
import { vi as commonVi } from "~/i18n/common";
import type { MessageKey } from "~/i18n";
import { vi as buyerVi } from "./buyer-strings";

/** How a pre-order may be paid (a campaign offers some of them): one list for the form, the schema and the campaign page. */
export const PREORDER_PAYMENTS = ["COD", "VIETQR_DEPOSIT", "VIETQR_FULL", "CARD"] as const;
export type PreorderPayment = (typeof PREORDER_PAYMENTS)[number];

const text = (max: number) =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .min(1, "form.required")
    .max(max, "form.tooLong");

export const PreorderSchema = z
  .object({
    units: z
      .number({ required_error: "form.required", invalid_type_error: "preorder.error.tooFew" })
      .int("preorder.error.tooFew")
      .min(1, "preorder.error.tooFew")
      .max(1000, "preorder.error.tooFew"),
    // "first" = the first day possible, else a YYYY-MM-DD harvest day
    when: z
      .string({ required_error: "form.required" })
      .regex(/^(first|\d{4}-\d{2}-\d{2})$/, "form.required"),
    allowCarryOver: z.boolean().optional(),
    fulfilment: z.enum(["DELIVERY", "PICKUP"]).default("DELIVERY"),
    collectionPointId: z.string().max(40).optional(),
    recipient: text(100),
    phone: phoneField,
    provinceCode: z.string().max(20).optional(),
    communeCode: z.string().max(40).optional(),
    line: z.string().trim().max(200, "form.tooLong").optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    paymentMethod: z.enum(PREORDER_PAYMENTS, {
      required_error: "form.required",
      invalid_type_error: "form.required",
    }),
    idempotencyKey: z.string().min(16).max(100),
  })
  .superRefine((v, ctx) => {
    if (v.fulfilment === "PICKUP") {
      if (!v.collectionPointId)
        ctx.addIssue({
          code: "custom",
          path: ["collectionPointId"],
          message: "preorder.error.pickupPoint",
        });
      return;
    }
    if (!v.provinceCode)
      ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "form.required" });
    if (!v.communeCode)
      ctx.addIssue({ code: "custom", path: ["communeCode"], message: "form.required" });
    if (!v.line || v.line.length < 3)
      ctx.addIssue({ code: "custom", path: ["line"], message: "form.required" });
  });

export type PreorderForm = z.infer<typeof PreorderSchema>;

/** A change: how many, which day, carry-over. Address and payment stay as placed. */
export const ChangeSchema = z.object({
  units: z
    .number({ required_error: "form.required", invalid_type_error: "preorder.error.tooFew" })
    .int("preorder.error.tooFew")
    .min(1, "preorder.error.tooFew")
    .max(1000, "preorder.error.tooFew"),
  when: z
    .string({ required_error: "form.required" })
    .regex(/^(first|\d{4}-\d{2}-\d{2})$/, "form.required"),
  allowCarryOver: z.boolean().optional(),
});

const known = new Set<string>([...Object.keys(buyerVi), ...Object.keys(commonVi)]);

/** Is this error a message key (else it is a sentence the server already translated)? */
export function isMessageKey(s: string): s is MessageKey {
  return known.has(s);
}
