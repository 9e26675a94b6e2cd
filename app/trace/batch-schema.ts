// The batch form's schema, shared by the browser (conform) and the server.
// Messages are i18n keys.
import { z } from "zod";
import { isCset82 } from "~/domain/digital-link";
import { STEP_KINDS } from "./steps";

export { STEP_KINDS };
/** Step rows on the form: the longest template (tea) fits */
export const STEP_ROWS = 7;

const date = z
  .string({ required_error: "form.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "batches.error.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00+07:00`)), "batches.error.date");

/**
 * A lot size as people type it in Vietnam: "12,5" (decimal comma), "1.250" or
 * "1.250,5" (dot thousands), and also "12.5". Anything else stays as typed so the
 * number check fails with the translated message.
 */
export function readQuantity(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim().replace(/\s/g, "");
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return t.replace(/\./g, "").replace(",", ".");
  if (/^\d+,\d+$/.test(t)) return t.replace(",", ".");
  return t;
}

export const BatchSchema = z.object({
  productId: z.string({ required_error: "batches.error.product" }).max(64),
  variantId: z.string().max(64).optional(),
  lot: z
    .string({ required_error: "form.required" })
    .trim()
    .refine((v) => isCset82(v, 20) && /^[A-Za-z0-9\-._/]+$/.test(v), "batches.error.lot"),
  householdId: z.string().max(64).optional(),
  plotId: z.string().max(64).optional(),
  harvestedAt: date,
  // NSX and HSD (decision 0068): optional for old batches, shown wherever the batch is
  producedAt: date.optional(),
  bestBefore: date.optional(),
  shelfKind: z.enum(["BEST_BEFORE", "EXPIRY"]).default("BEST_BEFORE"),
  quantity: z.preprocess(
    readQuantity,
    z.coerce
      .number({ required_error: "form.required", invalid_type_error: "batches.error.quantity" })
      .positive("batches.error.quantity")
      .max(1_000_000, "batches.error.quantity"),
  ),
  unit: z.string().max(12, "form.tooLong").default("kg"),
  notes: z.string().max(1000, "form.tooLong").optional(),
  steps: z
    .array(
      z
        .object({
          kind: z.enum(STEP_KINDS).optional(),
          at: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "batches.error.date")
            .optional(),
          note: z.string().max(200, "form.tooLong").optional(),
        })
        .optional(),
    )
    .max(STEP_ROWS)
    .optional(),
});

export type BatchInput = z.infer<typeof BatchSchema>;

/** Vietnam local time (UTC+7, no DST) <-> the form's date and datetime-local values. */
export function fromLocalDate(v: string) {
  return new Date(`${v}T00:00:00+07:00`);
}
export function fromLocalDateTime(v: string) {
  return new Date(`${v}:00+07:00`);
}
export function toLocalDate(d: Date) {
  return new Date(d.getTime() + 7 * 3600e3).toISOString().slice(0, 10);
}
export function toLocalDateTime(d: Date) {
  return new Date(d.getTime() + 7 * 3600e3).toISOString().slice(0, 16);
}
