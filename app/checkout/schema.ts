import { z } from "zod";
import { phoneField } from "~/domain/account-fields";

/** How a shop order may be paid: the one list the form, the schema and checkout use. */
export const PAYMENT_METHODS = ["COD", "VIETQR", "CARD"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

// One schema for the browser and the server; messages are i18n keys.
export const CheckoutSchema = z.object({
  recipient: z
    .string({ required_error: "form.required" })
    .trim()
    .min(2, "form.required")
    .max(100, "form.tooLong"),
  phone: phoneField,
  line: z
    .string({ required_error: "form.required" })
    .trim()
    .min(3, "form.required")
    .max(200, "form.tooLong"),
  provinceCode: z.string({ required_error: "form.required" }).min(1, "form.required").max(20),
  communeCode: z.string({ required_error: "form.required" }).min(1, "form.required").max(40),
  note: z.string().max(500, "form.tooLong").optional(),
  paymentMethod: z.enum(PAYMENT_METHODS, {
    required_error: "form.required",
    invalid_type_error: "form.required",
  }),
  idempotencyKey: z.string().min(16).max(100),
});
