export const ROLES = ["BUYER", "HOUSEHOLD", "COOP_MANAGER", "OFFICER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** Who sells: households, cooperative managers, and admins (who may act in any console). */
export const SELLER_ROLES = [
  "HOUSEHOLD",
  "COOP_MANAGER",
  "ADMIN",
] as const satisfies readonly Role[];

/** Sellers and the officers who review their stalls and certificates. */
export const SELLER_AND_REVIEWER_ROLES = [
  "HOUSEHOLD",
  "COOP_MANAGER",
  "OFFICER",
  "ADMIN",
] as const satisfies readonly Role[];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Where each kind of user lands after logging in. */
export function homeFor(role: Role): string {
  switch (role) {
    case "HOUSEHOLD":
    case "COOP_MANAGER":
      return "/console";
    case "OFFICER":
      return "/officer";
    case "ADMIN":
      return "/admin";
    default:
      return "/";
  }
}

export type StallOwner = { householdId: string | null; cooperativeId: string | null };
export type Actor = {
  id: string;
  role: Role;
  householdId: string | null;
  cooperativeId: string | null;
};

/**
 * Who may manage a stall: its own household, a manager of the cooperative that
 * runs it, and admins. Officers verify stalls but do not edit their goods.
 */
export function canManageStall(actor: Actor, stall: StallOwner): boolean {
  if (actor.role === "ADMIN") return true;
  if (actor.role === "HOUSEHOLD")
    return stall.householdId !== null && stall.householdId === actor.householdId;
  if (actor.role === "COOP_MANAGER")
    return stall.cooperativeId !== null && stall.cooperativeId === actor.cooperativeId;
  return false;
}
