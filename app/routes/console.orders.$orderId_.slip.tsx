import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOrderAccess } from "~/orders/access.server";
import { loadSlips } from "~/orders/slips.server";
import { SlipSheet } from "~/orders/components/packing-slip";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  privateMeta(matches, "order.slipTitle", ` ${data?.slips[0]?.number ?? ""}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, order } = await requireOrderAccess(request, params.orderId!);
  return { slips: await loadSlips(user, [order.id], request) };
}

export default function OrderSlip() {
  const { slips } = useLoaderData<typeof loader>();
  return <SlipSheet slips={slips} />;
}
