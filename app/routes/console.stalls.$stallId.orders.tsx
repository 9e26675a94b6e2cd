import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { bulkAction, listOrders } from "~/orders/seller-list.server";
import { SellerOrderList } from "~/orders/components/seller-order-list";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { readForm } from "~/utils/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  return { orders: await listOrders(request, { stallId: stall.id }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStallAccess(request, params.stallId!);
  return bulkAction(user, await readForm(request));
}

export default function StallOrders() {
  const t = useT();
  const { orders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-2">
      {actionData?.error ? (
        <p role="alert" className="field-error">
          {translateText(t, actionData.error)}
        </p>
      ) : null}
      <SellerOrderList orders={orders} bulk={actionData?.bulk ?? null} showStall={false} />
    </div>
  );
}
