// An extension officer signs up a farm household on the spot: its login (the
// household's phone), the household, and its first stall. One schema for the
// browser and the server; messages are i18n keys.
import { z } from "zod";
import { normalizePhone } from "./phone";

export const MIN_PASSWORD = 8;

export const NewHouseholdSchema = z.object({
  // the head of household, as on their ID card; the household is "Hộ <name>"
  personName: z
    .string({ required_error: "form.required" })
    .trim()
    .min(2, "form.required")
    .max(80, "form.tooLong"),
  phone: z
    .string({ required_error: "form.required" })
    .trim()
    .max(20, "form.tooLong")
    .refine((v) => normalizePhone(v) !== null, "form.phoneInvalid"),
  hamlet: z.string().trim().max(80, "form.tooLong").optional(),
  communeCode: z.string({ required_error: "form.required" }).max(40),
  stallName: z
    .string({ required_error: "form.required" })
    .trim()
    .min(2, "form.required")
    .max(80, "form.tooLong"),
  // chosen by the household at the training session, typed on the officer's phone; left
  // empty when the phone already has a buyer account (the household keeps its password)
  password: z
    .string()
    .min(MIN_PASSWORD, "onboard.passwordShort")
    .max(200, "form.tooLong")
    .optional(),
  // the officer has seen the farm and its papers: the stall starts verified
  verifiedInPerson: z.boolean().optional(),
  note: z.string().trim().max(1000, "form.tooLong").optional(),
});

export type NewHousehold = z.infer<typeof NewHouseholdSchema>;

export function householdName(personName: string): string {
  return /^hộ\s/i.test(personName) ? personName : `Hộ ${personName}`;
}
