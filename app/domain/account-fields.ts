// Fields shared by the account forms (log in, sign up, change and reset a password,
// checkout's contact phone): one definition, so the rules and messages never drift.
import { z } from "zod";
import { normalizePhone } from "./phone";

/** A Vietnamese phone number in any usual writing (normalised later with normalizePhone). */
export const phoneField = z
  .string({ required_error: "form.required" })
  .max(20, "form.tooLong")
  .refine((v) => normalizePhone(v) !== null, "form.phoneInvalid");

/** A new password: at least 8 characters. */
export const newPasswordField = z
  .string({ required_error: "form.required" })
  .min(8, "signup.passwordShort")
  .max(200, "form.tooLong");

/** The new password typed a second time; checked with `confirmMatches`. */
export const confirmField = z.string({ required_error: "form.required" }).max(200, "form.tooLong");

/** The error on `confirm` when the two new passwords differ (use in superRefine). */
export function confirmMatches(v: { password: string; confirm: string }, ctx: z.RefinementCtx) {
  if (v.password !== v.confirm)
    ctx.addIssue({ code: "custom", path: ["confirm"], message: "password.mismatch" });
}

/** Whole minutes to show for a throttled wait of `seconds` (never "0 minutes"). */
export function waitMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}
