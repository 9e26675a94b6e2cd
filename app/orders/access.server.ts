import { canManageStall, SELLER_ROLES } from "~/domain/roles";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

/** A seller's order: its stall's managers (the household, its cooperative's manager, admins). */
export async function requireOrderAccess(request: Request, orderId: string) {
  const user = await requireUser(request, SELLER_ROLES);
  const order = await prisma.order.findUnique({ where: { id: orderId }, include: { stall: true } });
  if (!order) throw new Response("Not found", { status: 404 });
  if (!canManageStall(user, order.stall)) throw new Response("Forbidden", { status: 403 });
  return { user, order, stall: order.stall };
}
