// Cooperative membership with the household's consent (docs/decisions/0041). The
// one place that changes memberships: every step is a conditional update from the
// states it may start from (two clicks, or a household answering while the
// cooperative withdraws, never both win), audited in the same transaction.
import { formatPhone, normalizePhone } from "~/domain/phone";
import { STEPS, type MembershipStep } from "~/domain/membership";
import { enqueue } from "~/search/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { Locale } from "~/i18n";

export type InviteError =
  "form.phoneInvalid" | "coop.householdNotFound" | "coop.alreadyMember" | "coop.alreadyInvited";
export type InviteResult = { ok: true; householdId: string } | { ok: false; error: InviteError };

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

/**
 * A cooperative manager invites the household with this phone. Nothing is shared
 * until the household accepts (or an officer witnesses it); the household gets an SMS.
 */
export async function inviteHousehold(
  manager: SessionUser,
  cooperativeId: string,
  rawPhone: string,
): Promise<InviteResult> {
  const phone = normalizePhone(rawPhone);
  if (!phone) return { ok: false, error: "form.phoneInvalid" };
  const household = await prisma.household.findFirst({
    where: { OR: [{ phone }, { user: { phone } }] },
    include: { user: { select: { phone: true } } },
  });
  if (!household) return { ok: false, error: "coop.householdNotFound" };
  const cooperative = await prisma.cooperative.findUniqueOrThrow({
    where: { id: cooperativeId },
    select: { name: true },
  });
  const now = new Date();
  const invitation = {
    status: "INVITED",
    invitedById: manager.id,
    invitedAt: now,
    joinedAt: now,
    acceptedAt: null,
    witnessedById: null,
    endedAt: null,
  };
  try {
    const invited = await prisma.$transaction(async (tx) => {
      const existing = await tx.membership.findUnique({
        where: { cooperativeId_householdId: { cooperativeId, householdId: household.id } },
      });
      if (existing) {
        // asked again after a "no" or after leaving: only from those states
        const again = await tx.membership.updateMany({
          where: { id: existing.id, status: { in: [...STEPS.invite.from] } },
          data: invitation,
        });
        if (again.count !== 1)
          return existing.status === "ACTIVE" ? "coop.alreadyMember" : "coop.alreadyInvited";
      } else {
        await tx.membership.create({
          data: { cooperativeId, householdId: household.id, ...invitation },
        });
      }
      await audit(
        {
          actorId: manager.id,
          onBehalfOfId: household.id,
          action: "membership.invite",
          entity: "Cooperative",
          entityId: cooperativeId,
          data: { householdId: household.id },
        },
        tx,
      );
      const to = household.user?.phone ?? household.phone;
      if (to)
        await enqueue(tx, "notify.sms", to, {
          template: "membership.invited",
          cooperative: cooperative.name,
        });
      return null;
    });
    return invited ? { ok: false, error: invited } : { ok: true, householdId: household.id };
  } catch (e) {
    // invited twice at the same moment: the other request made the row
    if (isUniqueViolation(e)) return { ok: false, error: "coop.alreadyInvited" };
    throw e;
  }
}

type Party =
  | { kind: "cooperative"; cooperativeId: string }
  | { kind: "household"; householdId: string }
  | { kind: "officer" };

// One step on one membership, for the party allowed to take it, or nothing (false).
async function step(
  actor: SessionUser,
  membershipId: string,
  move: MembershipStep,
  party: Party,
): Promise<boolean> {
  const rule = STEPS[move];
  if (rule.by !== party.kind) return false;
  const where = {
    id: membershipId,
    status: { in: [...rule.from] },
    ...(party.kind === "cooperative"
      ? { cooperativeId: party.cooperativeId }
      : party.kind === "household"
        ? { householdId: party.householdId }
        : {}),
  };
  const now = new Date();
  const data =
    rule.to === "ACTIVE"
      ? {
          status: rule.to,
          acceptedAt: now,
          joinedAt: now,
          ...(party.kind === "officer" ? { witnessedById: actor.id } : {}),
        }
      : { status: rule.to, endedAt: now };
  return prisma.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({
      where,
      select: { cooperativeId: true, householdId: true },
    });
    if (!m) return false;
    const moved = await tx.membership.updateMany({ where, data });
    if (moved.count !== 1) return false;
    await audit(
      {
        actorId: actor.id,
        onBehalfOfId: m.householdId,
        action: `membership.${move}`,
        entity: "Cooperative",
        entityId: m.cooperativeId,
        data: { householdId: m.householdId, membershipId },
      },
      tx,
    );
    return true;
  });
}

/** The household says yes or no to an invitation (its own only). */
export function answerInvitation(
  user: SessionUser,
  householdId: string,
  membershipId: string,
  answer: "accept" | "decline",
) {
  return step(user, membershipId, answer, { kind: "household", householdId });
}

/** The household leaves a cooperative it is a member of. */
export function leaveCooperative(user: SessionUser, householdId: string, membershipId: string) {
  return step(user, membershipId, "leave", { kind: "household", householdId });
}

/** The cooperative removes a member or withdraws an invitation (its own memberships only). */
export function removeMember(manager: SessionUser, cooperativeId: string, membershipId: string) {
  return step(manager, membershipId, "remove", { kind: "cooperative", cooperativeId });
}

/** An extension officer who heard the household agree confirms the invitation for it. */
export function witnessMembership(officer: SessionUser, membershipId: string) {
  return step(officer, membershipId, "witness", { kind: "officer" });
}

/** A cooperative's members and invitations, for its members page. */
export async function listMembers(cooperativeId: string, locale: Locale) {
  const members = await prisma.membership.findMany({
    where: { cooperativeId },
    include: {
      household: {
        include: {
          commune: true,
          _count: {
            select: { products: { where: { deletedAt: null, stall: { cooperativeId } } } },
          },
        },
      },
    },
    orderBy: [{ status: "asc" }, { household: { name: "asc" } }],
  });
  return members.map((m) => ({
    id: m.id,
    householdId: m.householdId,
    name: m.household.name,
    status: m.status,
    joined: formatDate(m.acceptedAt ?? m.joinedAt, locale),
    invited: m.invitedAt ? formatDate(m.invitedAt, locale) : null,
    witnessed: !!m.witnessedById,
    commune: m.household.commune.name,
    hamlet: m.household.hamlet,
    phone: m.household.phone ? formatPhone(m.household.phone) : null,
    products: m.household._count.products,
  }));
}

/** A household's invitations and cooperatives, for its console. */
export async function membershipsOf(householdId: string, locale: Locale) {
  const rows = await prisma.membership.findMany({
    where: { householdId, status: { in: ["INVITED", "ACTIVE"] } },
    include: { cooperative: { select: { name: true, slug: true } } },
    orderBy: { joinedAt: "desc" },
  });
  return rows.map((m) => ({
    id: m.id,
    status: m.status,
    cooperative: m.cooperative.name,
    slug: m.cooperative.slug,
    since: formatDate(m.acceptedAt ?? m.invitedAt ?? m.joinedAt, locale),
  }));
}

/** Open invitations of these households, for the officer who visits them. */
export async function openInvitations(householdIds: string[]) {
  if (!householdIds.length) return [];
  const rows = await prisma.membership.findMany({
    where: { householdId: { in: householdIds }, status: "INVITED" },
    include: { cooperative: { select: { name: true } } },
  });
  return rows.map((m) => ({
    id: m.id,
    householdId: m.householdId,
    cooperative: m.cooperative.name,
  }));
}
