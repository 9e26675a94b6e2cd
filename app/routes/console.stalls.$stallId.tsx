import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.stall.name ?? ""} · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const newOrders = await prisma.order.count({ where: { stallId: stall.id, status: "NEW" } });
  return {
    stall: {
      id: stall.id,
      name: stall.name,
      slug: stall.slug,
      verification: stall.verification,
      status: stall.status,
      banned: stall.banned,
      coop: !!stall.cooperativeId,
    },
    newOrders,
  };
}

const tab = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-tea-700 text-tea-800" : "border-transparent text-stone-600"}`;

export default function StallLayout() {
  const t = useT();
  const { stall, newOrders } = useLoaderData<typeof loader>();
  const base = `/console/stalls/${stall.id}`;
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold">{stall.name}</h1>
        <p className="text-sm text-stone-600">
          {translateText(t, `verification.${stall.verification}`)} ·{" "}
          {translateText(t, `stall.status.${stall.status}`)}
        </p>
      </header>
      {/* why buyers see nothing: say it where the seller looks */}
      {stall.banned ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t("stall.bannedNotice")}
        </p>
      ) : null}
      {!stall.banned && stall.status !== "OPEN" ? (
        <p
          role="status"
          className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="stall-closed-notice"
        >
          {t(stall.status === "VACATION" ? "stall.vacationNotice" : "stall.closedNotice")}
        </p>
      ) : null}
      <nav
        aria-label={t("console.stallNav")}
        className="-mx-3 flex overflow-x-auto border-b border-stone-200 px-3"
      >
        <NavLink to={`${base}/products`} className={tab}>
          {t("console.tab.products")}
        </NavLink>
        <NavLink to={`${base}/orders`} className={tab}>
          {t("console.tab.orders")}
          {newOrders ? (
            <span className="ml-1 rounded-full bg-clay-500 px-2 text-xs text-white">
              {newOrders}
            </span>
          ) : null}
        </NavLink>
        <NavLink to={`${base}/certificates`} className={tab}>
          {t("console.tab.certificates")}
        </NavLink>
        <NavLink to={`${base}/batches`} className={tab}>
          {t("console.tab.batches")}
        </NavLink>
        <NavLink to={`${base}/campaigns`} className={tab}>
          {t("harvest.nav")}
        </NavLink>
        <NavLink to={`${base}/sales`} className={tab}>
          {t("console.tab.sales")}
        </NavLink>
        <NavLink to={`${base}/csv`} className={tab}>
          {t("console.tab.csv")}
        </NavLink>
        <NavLink to={`${base}/settings`} className={tab}>
          {t("console.tab.settings")}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
