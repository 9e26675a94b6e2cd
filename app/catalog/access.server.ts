import { data } from "@remix-run/node";
import { canManageStall, SELLER_ROLES } from "~/domain/roles";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

// Product ownership: load the product, then apply the stall rule (canManageStall).
// Stalls: ~/stalls/access.server; orders: ~/orders/access.server; cooperatives acting
// for their households: ~/cooperatives/access.server.

export async function requireProductAccess(request: Request, productId: string) {
  const user = await requireUser(request, SELLER_ROLES);
  const product = await prisma.product.findUnique({
    where: { id: productId },
    include: { stall: true },
  });
  if (!product || product.deletedAt) throw new Response("Not found", { status: 404 });
  if (!canManageStall(user, product.stall)) throw new Response("Forbidden", { status: 403 });
  return { user, product, stall: product.stall };
}

export function forbidden() {
  return data({ error: "error.forbidden" }, { status: 403 });
}
