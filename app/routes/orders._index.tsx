import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderList } from "~/orders/components/order-list";
import { useT } from "~/i18n/react";
import { claimGuestCheckouts } from "~/checkout/access.server";
import { PreorderList } from "~/harvest/components/preorder-list";
import { buyerPreorders } from "~/harvest/preorders.server";
import { buyerOrders, toOrderRow } from "~/orders/buyer.server";
import { requireUser } from "~/utils/auth.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.orders");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await claimGuestCheckouts(request, user.id);
  const [orders, preorders] = await Promise.all([
    buyerOrders(user.id, 100),
    buyerPreorders(user.id),
  ]);
  return { orders: orders.map(toOrderRow), preorders };
}

export default function Orders() {
  const t = useT();
  const { orders, preorders } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.title")}</h1>
      <PreorderList preorders={preorders} />
      <OrderList orders={orders} />
    </div>
  );
}
