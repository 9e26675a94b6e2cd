// The one parse of a posted training form, for the page's action and the queue's door.
import { parseWithZod } from "@conform-to/zod";
import { isMessageKey, type MessageKey } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import { TrainingSessionSchema } from "./schema";
import { recordTrainingSession, type SessionOutcome } from "./sessions.server";

export function typedValues(formData: FormData) {
  return {
    topic: String(formData.get("topic") ?? ""),
    at: String(formData.get("at") ?? ""),
    place: String(formData.get("place") ?? "").slice(0, 200),
    note: String(formData.get("note") ?? "").slice(0, 1000),
    householdIds: formData.getAll("householdIds").map(String),
  };
}

export async function recordFromForm(
  user: SessionUser,
  formData: FormData,
): Promise<SessionOutcome> {
  const submission = parseWithZod(formData, { schema: TrainingSessionSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.reply().error ?? {}).flat()[0];
    const error: MessageKey = isMessageKey(first) ? first : "form.required";
    return { ok: false, error, status: 400 };
  }
  return recordTrainingSession(user, submission.value);
}
