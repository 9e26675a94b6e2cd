import { data } from "@remix-run/node";
import { isOrderStatus } from "~/domain/order-status";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { moveOrders } from "./seller.server";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";

/** Orders for the inbox, filtered by ?status= (NEW by default, ALL for everything). */
export async function listOrders(request: Request, where: Prisma.OrderWhereInput) {
  const locale = await getLocale(request);
  const status = new URL(request.url).searchParams.get("status") ?? "NEW";
  const orders = await prisma.order.findMany({
    where: { ...where, ...(isOrderStatus(status) ? { status } : {}) },
    include: { checkout: true, stall: true, items: true },
    orderBy: { createdAt: status === "NEW" ? "asc" : "desc" }, // oldest new order first: it has waited longest
    take: 300,
  });
  return orders.map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status,
    paymentStatus: o.paymentStatus,
    paymentMethod: o.checkout.paymentMethod,
    totalVnd: o.totalVnd,
    recipient: o.checkout.recipient,
    createdAt: formatDate(o.createdAt, locale, "dayMonthTime"),
    stall: o.stall.name,
    items: o.items.map((i) => `${i.quantity} × ${i.productName} (${i.variantLabel})`).join(", "),
  }));
}

/** The bulk bar's POST: every order id is checked against this user's stalls in moveOrders. */
export async function bulkAction(user: SessionUser, formData: FormData) {
  const ids = formData.getAll("ids").map(String).filter(Boolean);
  const to = String(formData.get("to") ?? "");
  if (!isOrderStatus(to))
    return data({ bulk: null, error: "order.badTransition" }, { status: 400 });
  if (!ids.length) return data({ bulk: null, error: "order.bulkNone" }, { status: 400 });
  return data({ bulk: await moveOrders(user, ids, to), error: null });
}
