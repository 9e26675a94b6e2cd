// Who may do what with a harvest campaign. Managing it (terms, status, the day board,
// weighing, publishing): whoever may manage its stall (canManageStall). Confirming a
// day's pick: the household itself when it takes part, or the campaign's managers for it.
import { canManageStall } from "~/domain/roles";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

const SELLERS = ["HOUSEHOLD", "COOP_MANAGER", "ADMIN"] as const;

/** The campaign and its stall, if this user may manage it; 404 / 403 otherwise. */
export async function requireCampaignAccess(request: Request, campaignId: string) {
  const user = await requireUser(request, SELLERS);
  const campaign = await prisma.harvestCampaign.findUnique({
    where: { id: campaignId },
    include: { stall: true },
  });
  if (!campaign) throw new Response("Not found", { status: 404 });
  if (!canManageStall(user, campaign.stall)) throw new Response("Forbidden", { status: 403 });
  return { user, campaign, stall: campaign.stall };
}

export function mayManageCampaign(
  user: SessionUser,
  campaign: { stall: { householdId: string | null; cooperativeId: string | null } },
) {
  return canManageStall(user, campaign.stall);
}

/** May this user confirm picks for this household in this campaign? */
export function mayConfirmFor(
  user: SessionUser,
  campaign: { stall: { householdId: string | null; cooperativeId: string | null } },
  householdId: string,
) {
  if (user.role === "HOUSEHOLD" && user.householdId === householdId) return true;
  return user.role !== "HOUSEHOLD" && canManageStall(user, campaign.stall);
}
