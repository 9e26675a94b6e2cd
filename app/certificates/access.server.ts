import { canManageStall, SELLER_AND_REVIEWER_ROLES } from "~/domain/roles";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

/**
 * Who may see a certificate (and its scan, which carries names and addresses): the
 * stall's own managers, and the officers and admins who review it. Never public.
 */
export async function requireCertificateAccess(request: Request, certId: string) {
  const user = await requireUser(request, SELLER_AND_REVIEWER_ROLES);
  const cert = await prisma.certification.findUnique({
    where: { id: certId },
    include: { stall: true },
  });
  if (!cert) throw new Response("Not found", { status: 404 });
  if (user.role !== "OFFICER" && !canManageStall(user, cert.stall))
    throw new Response("Forbidden", { status: 403 });
  return { user, cert, stall: cert.stall };
}
