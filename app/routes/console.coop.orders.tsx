import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireCooperative } from "~/cooperatives/access.server";
import { bulkAction, listOrders } from "~/orders/seller-list.server";
import { SellerOrderList } from "~/orders/components/seller-order-list";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "coop.orders");

// Every order across the cooperative's stalls, with bulk status changes and
// bulk packing slips: the cooperative packs and ships for its members.
export async function loader({ request }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperative(request);
  return {
    name: cooperative.name,
    orders: await listOrders(request, { stall: { cooperativeId: cooperative.id } }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireCooperative(request);
  return bulkAction(user, await readForm(request));
}

export default function CoopOrders() {
  const t = useT();
  const { name, orders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">
        {t("coop.orders")} · {name}
      </h1>
      {actionData?.error ? (
        <p role="alert" className="field-error">
          {translateText(t, actionData.error)}
        </p>
      ) : null}
      <SellerOrderList orders={orders} bulk={actionData?.bulk ?? null} showStall />
    </div>
  );
}
