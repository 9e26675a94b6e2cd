// Visit notes on a household (issue 12): written and read by extension officers and
// admins only (a household never sees them). Sent through the offline queue like the
// harvest picks and the group trainings; the idempotency key makes a resend harmless.
import { parseWithZod } from "@conform-to/zod";
import { isMessageKey, type MessageKey } from "~/i18n";
import { once } from "~/offline/idempotency.server";
import { sessionTimeProblem } from "~/trainings/curriculum";
import { fromLocalDateTime } from "~/trainings/schema";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { VisitSchema } from "./visit-schema";

export type VisitOutcome =
  | { ok: true; recordId: string; replay: boolean }
  | { ok: false; error: MessageKey; status: number };

const STAFF = ["OFFICER", "ADMIN"];

export async function recordVisitFromForm(
  user: SessionUser,
  formData: FormData,
): Promise<VisitOutcome> {
  if (!STAFF.includes(user.role)) return { ok: false, error: "error.forbidden", status: 403 };
  const submission = parseWithZod(formData, { schema: VisitSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.reply().error ?? {}).flat()[0];
    return { ok: false, error: isMessageKey(first) ? first : "form.required", status: 400 };
  }
  const v = submission.value;
  const at = fromLocalDateTime(v.at);
  if (Number.isNaN(at.getTime())) return { ok: false, error: "training.error.when", status: 400 };
  const problem = sessionTimeProblem(at, now());
  if (problem) return { ok: false, error: problem, status: 400 };
  const household = await prisma.household.findUnique({
    where: { id: v.householdId },
    select: { id: true, onboardedById: true },
  });
  if (!household) return { ok: false, error: "error.notFound", status: 404 };
  const { result, replay } = await prisma.$transaction((tx) =>
    once(tx, v.idempotencyKey, user.id, "visit.record", async () => {
      const r = await tx.onboardingRecord.create({
        data: { officerId: user.id, householdId: household.id, kind: "VISIT", note: v.note, at },
      });
      if (!household.onboardedById)
        await tx.household.update({
          where: { id: household.id },
          data: { onboardedById: user.id },
        });
      await audit(
        {
          actorId: user.id,
          onBehalfOfId: household.id,
          action: "onboarding.record",
          entity: "OnboardingRecord",
          entityId: r.id,
          data: { kind: "VISIT" },
        },
        tx,
      );
      return { recordId: r.id };
    }),
  );
  return { ok: true, ...result, replay };
}

/** A household as officers see it: who, where, its stalls, and the visits and trainings. */
export async function householdForOfficer(user: SessionUser, householdId: string) {
  if (!STAFF.includes(user.role)) return null;
  const h = await prisma.household.findUnique({
    where: { id: householdId },
    include: {
      commune: { select: { name: true } },
      stalls: { select: { id: true, name: true, verification: true } },
      onboarding: {
        include: { officer: { select: { name: true } } },
        orderBy: { at: "desc" },
        take: 50,
      },
    },
  });
  if (!h) return null;
  return {
    id: h.id,
    name: h.name,
    hamlet: h.hamlet,
    phone: h.phone,
    commune: h.commune.name,
    stalls: h.stalls,
    records: h.onboarding.map((r) => ({
      id: r.id,
      kind: r.kind,
      topic: r.topic,
      note: r.note,
      at: r.at,
      officer: r.officer.name,
    })),
  };
}
