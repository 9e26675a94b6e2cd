// The allocation input as JSON from outside (the auditors' command, imports): zod, so a
// bad file gets one clear line per problem instead of a stack trace.
import { z } from "zod";
import type { AllocationInput } from "./allocation";

const MAX = 1_000_000_000;
const missing = "thiếu / missing";
const count = (min = 0) =>
  z
    .number({ required_error: missing, invalid_type_error: "phải là số / must be a number" })
    .int("phải là số nguyên / must be a whole number")
    .min(min, `phải ≥ ${min} / must be >= ${min}`)
    .max(MAX, `quá lớn / too large (max ${MAX})`);
const text = () =>
  z
    .string({ required_error: missing, invalid_type_error: "phải là chuỗi / must be a string" })
    .min(1, "không được rỗng / must not be empty");

export const allocationRequestSchema = z
  .object({
    id: text(),
    units: count(),
    tier: count(),
    carryOver: z
      .boolean({ invalid_type_error: "phải là true/false / must be true or false" })
      .optional(),
  })
  .strict();

export const allocationInputSchema = z
  .object({
    supply: count(),
    seed: text(),
    reserve: count().optional(),
    cap: count(1).nullable().optional(),
    requests: z
      .array(allocationRequestSchema, {
        required_error: missing,
        invalid_type_error: "phải là mảng / must be an array",
      })
      .max(1_000_000),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.requests.forEach((r, i) => {
      const first = seen.get(r.id);
      if (first !== undefined)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["requests", i, "id"],
          message: `"${r.id}" trùng với requests[${first}] / duplicate of requests[${first}]`,
        });
      else seen.set(r.id, i);
    });
  }) satisfies z.ZodType<AllocationInput, z.ZodTypeDef, unknown>;

/** One line per problem: `requests[2].units: phải ≥ 0 / must be >= 0`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p))
      .join("");
    const message =
      issue.code === z.ZodIssueCode.unrecognized_keys
        ? `không rõ trường / unknown field: ${issue.keys.join(", ")}`
        : issue.message;
    return `${where || "(file)"}: ${message}`;
  });
}
