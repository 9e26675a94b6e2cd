// The visit-note form: one zod schema for browser and server; messages are i18n keys.
import { z } from "zod";
import type { MessageKey } from "~/i18n";

const m = (key: MessageKey) => key;

export const VisitSchema = z.object({
  householdId: z.string({ required_error: m("form.required") }).max(40),
  at: z
    .string({ required_error: m("form.required") })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, m("training.error.when")),
  note: z
    .string({ required_error: m("visit.error.note") })
    .trim()
    .min(3, m("visit.error.note"))
    .max(2000, m("form.tooLong")),
  idempotencyKey: z.string().max(64).optional(),
});
export type VisitInput = z.infer<typeof VisitSchema>;
