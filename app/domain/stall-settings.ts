// The stall details form: one schema for browser and server; messages are i18n keys.
import { z } from "zod";
import { parseVnd } from "./money";
import { normalizePhone } from "./phone";

export const STALL_STATUSES = ["OPEN", "VACATION", "CLOSED"] as const;

const amount = z
  .string()
  .trim()
  .refine((v) => parseVnd(v) !== null && (parseVnd(v) as number) <= 10_000_000, "stall.amountInvalid")
  .transform((v) => parseVnd(v) as number);

export const StallSettingsSchema = z.object({
  name: z.string({ required_error: "form.required" }).trim().min(2, "form.required").max(80, "form.tooLong"),
  story: z.string().trim().max(3000, "form.tooLong").optional(),
  communeCode: z.string({ required_error: "form.required" }).max(40),
  phone: z
    .string()
    .trim()
    .max(20, "form.tooLong")
    .refine((v) => normalizePhone(v) !== null, "form.phoneInvalid")
    .optional(),
  status: z.enum(STALL_STATUSES),
  offersPickup: z.boolean().optional(),
  shippingFee: amount.optional(),
  freeShippingFrom: amount.optional(),
  bankBin: z.string().trim().regex(/^\d{6}$/, "stall.bankBinInvalid").optional(),
  bankAccount: z.string().trim().regex(/^\d{6,19}$/, "stall.bankAccountInvalid").optional(),
  bankAccountName: z.string().trim().max(60, "form.tooLong").optional(),
});
