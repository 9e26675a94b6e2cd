import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderList } from "~/components/order-list";
import { useT } from "~/i18n/react";
import { claimGuestCheckouts } from "~/checkout/access.server";
import { buyerOrders, toOrderRow } from "~/orders/buyer.server";
import { requireUser } from "~/utils/auth.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.orders");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await claimGuestCheckouts(request, user.id);
  const orders = await buyerOrders(user.id, 100);
  return { orders: orders.map(toOrderRow) };
}

export default function Orders() {
  const t = useT();
  const { orders } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.title")}</h1>
      <OrderList orders={orders} />
    </div>
  );
}
