// Group training sessions: the officer's record of who attended, each attendee's
// TRAINING record (which households_trained counts, app/province/report.server.ts),
// one audit entry for the session. Sessions carry an idempotency key (the offline
// queue resends them when the signal returns), so a resend never records twice.
import type { MessageKey } from "~/i18n";
import { once } from "~/offline/idempotency.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { sessionTimeProblem } from "./curriculum";
import { fromLocalDateTime, type TrainingSessionInput } from "./schema";

export type SessionOutcome =
  | { ok: true; sessionId: string; attendees: number; replay: boolean }
  | { ok: false; error: MessageKey; status: number };

export async function recordTrainingSession(
  officer: SessionUser,
  v: TrainingSessionInput,
): Promise<SessionOutcome> {
  const at = fromLocalDateTime(v.at);
  const problem = sessionTimeProblem(at, now());
  if (problem) return { ok: false, error: problem, status: 400 };
  if (
    !(await prisma.commune.findUnique({ where: { code: v.communeCode }, select: { code: true } }))
  )
    return { ok: false, error: "training.error.commune", status: 400 };
  const households = await prisma.household.findMany({
    where: { id: { in: v.householdIds }, communeCode: v.communeCode },
    select: { id: true },
  });
  if (households.length !== v.householdIds.length)
    return { ok: false, error: "training.error.notInCommune", status: 400 };

  const { result, replay } = await prisma.$transaction((tx) =>
    once(tx, v.idempotencyKey, officer.id, "training.session.record", async () => {
      const session = await tx.trainingSession.create({
        data: {
          officerId: officer.id,
          communeCode: v.communeCode,
          topic: v.topic,
          place: v.place,
          at,
          note: v.note ?? "",
        },
      });
      await tx.onboardingRecord.createMany({
        data: v.householdIds.map((householdId) => ({
          officerId: officer.id,
          householdId,
          kind: "TRAINING",
          topic: v.topic,
          note: v.note ?? "",
          at,
          sessionId: session.id,
        })),
      });
      // a household nobody has looked after yet becomes this officer's
      await tx.household.updateMany({
        where: { id: { in: v.householdIds }, onboardedById: null },
        data: { onboardedById: officer.id },
      });
      // one entry for the session, not one per household
      await audit(
        {
          actorId: officer.id,
          action: "training.session.record",
          entity: "TrainingSession",
          entityId: session.id,
          data: {
            topic: v.topic,
            communeCode: v.communeCode,
            at: at.toISOString(),
            households: v.householdIds.length,
          },
        },
        tx,
      );
      return { sessionId: session.id, attendees: v.householdIds.length };
    }),
  );
  return { ok: true, ...result, replay };
}

/** The sessions an officer held (an admin sees everyone's), newest first. */
export async function sessionsHeld(user: SessionUser, take = 30) {
  const sessions = await prisma.trainingSession.findMany({
    where: user.role === "ADMIN" ? {} : { officerId: user.id },
    include: {
      commune: { select: { name: true } },
      officer: { select: { name: true } },
      _count: { select: { attendees: true } },
    },
    orderBy: { at: "desc" },
    take,
  });
  return sessions.map((s) => ({
    id: s.id,
    topic: s.topic,
    place: s.place,
    at: s.at,
    commune: s.commune.name,
    officer: s.officer.name,
    attendees: s._count.attendees,
  }));
}

export class SessionAccessError extends Error {
  constructor(public status: 403 | 404) {
    super(status === 404 ? "not found" : "forbidden");
  }
}

/** A session with its attendees for the sign-in sheet: the officer who held it, or an admin. */
export async function sessionSheet(user: SessionUser, sessionId: string) {
  const s = await prisma.trainingSession.findUnique({
    where: { id: sessionId },
    include: {
      commune: { select: { name: true } },
      officer: { select: { name: true } },
      attendees: {
        select: { household: { select: { name: true, hamlet: true, phone: true } } },
      },
    },
  });
  if (!s) throw new SessionAccessError(404);
  if (user.role !== "ADMIN" && s.officerId !== user.id) throw new SessionAccessError(403);
  return {
    id: s.id,
    topic: s.topic,
    place: s.place,
    at: s.at,
    commune: s.commune.name,
    officer: s.officer.name,
    attendees: s.attendees
      .map((a) => a.household)
      .sort((a, b) => a.name.localeCompare(b.name, "vi")),
  };
}
export type SessionSheet = Awaited<ReturnType<typeof sessionSheet>>;
