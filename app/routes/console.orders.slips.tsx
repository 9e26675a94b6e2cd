import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadSlips } from "~/orders/slips.server";
import { SlipSheet } from "~/orders/components/packing-slip";
import { requireUser } from "~/utils/auth.server";
import { privateMeta } from "~/storefront/seo";
import { SELLER_ROLES } from "~/domain/roles";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "order.slipTitle");

// Many slips on one printable page (one per sheet). Orders the user may not
// manage are left out by loadSlips.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, SELLER_ROLES);
  const ids = new URL(request.url).searchParams.getAll("ids");
  return { slips: await loadSlips(user, ids, request) };
}

export default function Slips() {
  const { slips } = useLoaderData<typeof loader>();
  return <SlipSheet slips={slips} />;
}
