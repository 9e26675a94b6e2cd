// The group-training form: one zod schema for browser and server; messages are i18n keys.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { MAX_ATTENDEES, TOPICS, uniqueAttendees } from "./curriculum";

const m = (key: MessageKey) => key;

/** "2026-12-03T08:30" in Vietnam time (UTC+7, no DST) -> the instant. */
export function fromLocalDateTime(v: string): Date {
  return new Date(`${v}:00+07:00`);
}

export const TrainingSessionSchema = z.object({
  communeCode: z.string({ required_error: m("form.required") }).max(40),
  topic: z.enum(TOPICS, {
    required_error: m("training.error.topic"),
    invalid_type_error: m("training.error.topic"),
  }),
  place: z
    .string({ required_error: m("form.required") })
    .trim()
    .min(2, m("form.required"))
    .max(200, m("form.tooLong")),
  at: z
    .string({ required_error: m("form.required") })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, m("training.error.when"))
    .refine((v) => !Number.isNaN(fromLocalDateTime(v).getTime()), m("training.error.when")),
  householdIds: z
    .array(z.string().max(40), { required_error: m("training.error.noAttendees") })
    .transform(uniqueAttendees)
    .pipe(
      z
        .array(z.string())
        .min(1, m("training.error.noAttendees"))
        .max(MAX_ATTENDEES, m("training.error.tooMany")),
    ),
  note: z.string().trim().max(1000, m("form.tooLong")).optional(),
  idempotencyKey: z.string().max(64).optional(),
});

export type TrainingSessionInput = z.infer<typeof TrainingSessionSchema>;
