import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOrderAccess } from "~/console/access.server";
import { loadSlips } from "~/console/slips.server";
import { PackingSlip, PRINT_CSS } from "~/components/packing-slip";
import { useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => privateMeta(matches, "order.slipTitle", ` ${data?.slips[0]?.number ?? ""}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, order } = await requireOrderAccess(request, params.orderId!);
  return { slips: await loadSlips(user, [order.id], request) };
}

export default function OrderSlip() {
  const t = useT();
  const { slips } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <style>{PRINT_CSS}</style>
      <button type="button" className="btn-primary no-print" onClick={() => window.print()}>{t("order.print")}</button>
      {slips.map((s) => <PackingSlip key={s.id} slip={s} />)}
    </div>
  );
}
