import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { SELLER_ROLES } from "~/domain/roles";

// The seller console shell: a short nav that fits a 360 px phone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, SELLER_ROLES);
  return { coop: user.role === "COOP_MANAGER" && !!user.cooperativeId };
}

const tab = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-full px-3 py-2 text-sm font-medium ${isActive ? "bg-tea-700 text-white" : "bg-white text-stone-800 border border-stone-300"}`;

export default function ConsoleLayout() {
  const t = useT();
  const { coop } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <nav aria-label={t("console.nav")} className="-mx-3 flex gap-2 overflow-x-auto px-3 pb-1">
        <NavLink to="/console" end className={tab}>
          {t("console.nav.stalls")}
        </NavLink>
        <NavLink to="/console/picks" className={tab}>
          {t("harvest.nav.picks")}
        </NavLink>
        {coop ? (
          <>
            <NavLink to="/console/coop/orders" className={tab}>
              {t("console.nav.coopOrders")}
            </NavLink>
            <NavLink to="/console/coop/members" className={tab}>
              {t("console.nav.members")}
            </NavLink>
          </>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}
