// Cooperative membership needs the household's consent (docs/decisions/0041).
// Pure rules: which step moves a membership from which state, and who may take it.
//
// A cooperative INVITES a household; the household ACCEPTS (in its console) or
// DECLINES, or an extension officer who heard the household agree WITNESSES it.
// Only an ACTIVE membership lets the cooperative list products and batches naming
// the household and its plots. The household may LEAVE; the cooperative may remove
// a member or withdraw an invitation.

export const MEMBERSHIP_STATUSES = ["INVITED", "ACTIVE", "DECLINED", "LEFT"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** The one status that lets a cooperative act for a household. */
export const ACTIVE_MEMBER = "ACTIVE" satisfies MembershipStatus;

export type MembershipStep = "invite" | "accept" | "decline" | "witness" | "leave" | "remove";
export type MembershipParty = "cooperative" | "household" | "officer";

export const STEPS: Record<
  MembershipStep,
  { from: readonly MembershipStatus[]; to: MembershipStatus; by: MembershipParty }
> = {
  invite: { from: ["DECLINED", "LEFT"], to: "INVITED", by: "cooperative" }, // or no membership yet
  accept: { from: ["INVITED"], to: "ACTIVE", by: "household" },
  decline: { from: ["INVITED"], to: "DECLINED", by: "household" },
  witness: { from: ["INVITED"], to: "ACTIVE", by: "officer" },
  leave: { from: ["ACTIVE"], to: "LEFT", by: "household" },
  remove: { from: ["ACTIVE", "INVITED"], to: "LEFT", by: "cooperative" },
};

export function isMembershipStatus(s: unknown): s is MembershipStatus {
  return typeof s === "string" && (MEMBERSHIP_STATUSES as readonly string[]).includes(s);
}

/** The status after `step` by `party`, or null when that step is not open from `status`. */
export function nextStatus(
  status: MembershipStatus | null,
  step: MembershipStep,
  party: MembershipParty,
): MembershipStatus | null {
  const rule = STEPS[step];
  if (rule.by !== party) return null;
  if (status === null) return step === "invite" ? rule.to : null;
  return rule.from.includes(status) ? rule.to : null;
}

/** Whether a cooperative may name the household on products and batches. */
export function mayActFor(status: MembershipStatus | null): boolean {
  return status === ACTIVE_MEMBER;
}
