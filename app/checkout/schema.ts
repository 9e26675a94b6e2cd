import { z } from "zod";
import { phoneField } from "~/domain/account-fields";

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
  paymentMethod: z.enum(["COD", "VIETQR", "CARD"], {
    required_error: "form.required",
    invalid_type_error: "form.required",
  }),
  idempotencyKey: z.string().min(16).max(100),
});
