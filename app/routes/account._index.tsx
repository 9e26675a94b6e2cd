import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderList } from "~/orders/components/order-list";
import { formatPhone } from "~/domain/phone";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { claimGuestCheckouts } from "~/checkout/access.server";
import { buyerOrders, toOrderRow } from "~/orders/buyer.server";
import { requireUser } from "~/utils/auth.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.account");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await claimGuestCheckouts(request, user.id);
  const orders = await buyerOrders(user.id, 10);
  return {
    name: user.name,
    phone: formatPhone(user.phone),
    role: user.role,
    orders: orders.map(toOrderRow),
  };
}

export default function Account() {
  const t = useT();
  const user = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 p-4">
        <dt className="text-stone-600">{t("account.phone")}</dt>
        <dd>{user.phone}</dd>
        <dt className="text-stone-600">{t("nav.account")}</dt>
        <dd>
          {user.name} · {translateText(t, `role.${user.role}`)}
        </dd>
        <dd className="col-span-2">
          <Link to="/account/password" className="underline">
            {t("password.link")}
          </Link>
        </dd>
      </dl>
      <section aria-labelledby="orders" className="space-y-2">
        <h2 id="orders" className="text-xl font-bold">
          {t("orders.title")}
        </h2>
        <OrderList orders={user.orders} />
        {user.orders.length >= 10 ? (
          <Link to="/orders" className="underline">
            {t("orders.viewAll")}
          </Link>
        ) : null}
      </section>
    </div>
  );
}
