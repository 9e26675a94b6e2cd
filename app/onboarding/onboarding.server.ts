import { randomBytes } from "node:crypto";
import { householdName, type NewHousehold } from "~/domain/household-onboarding";
import { slugify } from "~/domain/listing";
import { normalizePhone } from "~/domain/phone";
import { enqueueStallSync } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, serializable } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

export class OnboardError extends Error {
  constructor(
    public field: "phone" | "communeCode" | "password",
    public code: string,
  ) {
    super(code);
  }
}

/**
 * Creates the household's login (role HOUSEHOLD), the household and its first
 * stall in one transaction, with the officer's onboarding records (account
 * created, stall opened, and stall verified when seen in person), an audit entry
 * and a stall search sync. A phone with a buyer account becomes that account's
 * household (role HOUSEHOLD, same password); a phone of a seller, officer or admin,
 * or of an existing household, is refused: that household is found by phone elsewhere.
 */
export async function onboardHousehold(officer: SessionUser, input: NewHousehold) {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new OnboardError("phone", "form.phoneInvalid");
  if (!(await prisma.commune.findUnique({ where: { code: input.communeCode } })))
    throw new OnboardError("communeCode", "form.required");
  // Many farmers already buy here (the province handed out buyer accounts first): such
  // an account becomes the household's seller login and keeps its password.
  const existing = await prisma.user.findUnique({
    where: { phone },
    select: { id: true, role: true },
  });
  if (existing && existing.role !== "BUYER") throw new OnboardError("phone", "onboard.phoneTaken");
  if (!existing && !input.password) throw new OnboardError("password", "form.required");
  const passwordHash = existing ? null : await hashPassword(input.password!);
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.household.count({ where: { OR: [{ phone }, { user: { phone } }] } }))
        throw new OnboardError("phone", "onboard.phoneTaken");
      const user = existing
        ? await tx.user.update({
            where: { id: existing.id, role: "BUYER" },
            data: { role: "HOUSEHOLD" },
          })
        : await tx.user.create({
            data: { phone, name: input.personName, passwordHash: passwordHash!, role: "HOUSEHOLD" },
          });
      const household = await tx.household.create({
        data: {
          name: householdName(input.personName),
          phone,
          hamlet: input.hamlet || null,
          communeCode: input.communeCode,
          userId: user.id,
          onboardedById: officer.id,
        },
      });
      const now = new Date();
      const verified = !!input.verifiedInPerson;
      const stall = await tx.stall.create({
        data: {
          slug: `${slugify(input.stallName)}-${randomBytes(3).toString("hex")}`,
          name: input.stallName,
          householdId: household.id,
          communeCode: input.communeCode,
          phone,
          verification: verified ? "VERIFIED" : "UNVERIFIED",
          verifiedById: verified ? officer.id : null,
          verifiedAt: verified ? now : null,
        },
      });
      const note = input.note ?? "";
      const kinds = [
        ...(existing ? [] : ["ACCOUNT_CREATED"]),
        "STALL_OPENED",
        ...(verified ? ["STALL_VERIFIED"] : []),
      ];
      for (const kind of kinds)
        await tx.onboardingRecord.create({
          data: { officerId: officer.id, householdId: household.id, kind, note, at: now },
        });
      await audit(
        {
          actorId: officer.id,
          onBehalfOfId: household.id,
          action: "household.onboard",
          entity: "Household",
          entityId: household.id,
          data: { stallId: stall.id, verified, fromBuyerAccount: !!existing },
        },
        tx,
      );
      await enqueueStallSync(tx, stall.id);
      return {
        householdId: household.id,
        stallId: stall.id,
        userId: user.id,
        fromBuyerAccount: !!existing,
      };
    });
  } catch (e) {
    // two officers registering the same phone at once: the unique index decides
    if (e && typeof e === "object" && "code" in e && (e as { code: string }).code === "P2002")
      throw new OnboardError("phone", "onboard.phoneTaken");
    throw e;
  }
}

/**
 * Opens a stall for a household that already has an account but sells nothing of its
 * own yet (say, a cooperative member who now wants a stall too). Same records as at
 * registration: stall opened, and verified when the officer has seen it in person.
 */
export async function openStallFor(
  officer: SessionUser,
  householdId: string,
  stallName: string,
  verifiedInPerson: boolean,
) {
  // one stall per household, read then written: Serializable (two officers at once on PostgreSQL)
  return serializable(async (tx) => {
    const household = await tx.household.findUnique({
      where: { id: householdId },
      include: { _count: { select: { stalls: true } } },
    });
    if (!household) return null;
    if (household._count.stalls > 0) throw new OnboardError("phone", "onboard.hasStall");
    const now = new Date();
    const stall = await tx.stall.create({
      data: {
        slug: `${slugify(stallName)}-${randomBytes(3).toString("hex")}`,
        name: stallName,
        householdId,
        communeCode: household.communeCode,
        phone: household.phone,
        verification: verifiedInPerson ? "VERIFIED" : "UNVERIFIED",
        verifiedById: verifiedInPerson ? officer.id : null,
        verifiedAt: verifiedInPerson ? now : null,
      },
    });
    for (const kind of ["STALL_OPENED", ...(verifiedInPerson ? ["STALL_VERIFIED"] : [])])
      await tx.onboardingRecord.create({
        data: { officerId: officer.id, householdId, kind, at: now },
      });
    await audit(
      {
        actorId: officer.id,
        onBehalfOfId: householdId,
        action: "stall.open",
        entity: "Stall",
        entityId: stall.id,
        data: { verified: verifiedInPerson },
      },
      tx,
    );
    await enqueueStallSync(tx, stall.id);
    return stall;
  });
}

/**
 * An officer records a visit or training for a household (and becomes the officer
 * who onboarded it, if it had none), audited as acting for that household.
 */
export async function recordOnboarding(
  officer: SessionUser,
  household: { id: string; onboardedById: string | null },
  values: { kind: string; topic: string; note: string },
) {
  await prisma.$transaction(async (tx) => {
    const r = await tx.onboardingRecord.create({
      data: {
        officerId: officer.id,
        householdId: household.id,
        kind: values.kind,
        topic: values.topic,
        note: values.note,
      },
    });
    if (!household.onboardedById)
      await tx.household.update({
        where: { id: household.id },
        data: { onboardedById: officer.id },
      });
    await audit(
      {
        actorId: officer.id,
        onBehalfOfId: household.id,
        action: "onboarding.record",
        entity: "OnboardingRecord",
        entityId: r.id,
        data: { kind: values.kind },
      },
      tx,
    );
  });
}
