import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatVnd } from "~/domain/money";
import { formatDay } from "~/harvest/format";
import { useLocale, useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";
import { statusKey } from "~/harvest/status-keys";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const campaigns = await prisma.harvestCampaign.findMany({
    where: { stallId: stall.id },
    orderBy: { firstDay: "desc" },
    select: {
      id: true,
      title: true,
      status: true,
      firstDay: true,
      lastDay: true,
      priceVnd: true,
      unitLabel: true,
      _count: { select: { preOrders: true, households: true } },
    },
  });
  return { stall: { id: stall.id }, campaigns };
}

export default function StallCampaigns() {
  const t = useT();
  const locale = useLocale();
  const { stall, campaigns } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-xl font-semibold">{t("harvest.campaigns")}</h2>
        <Link to={`/console/stalls/${stall.id}/campaigns/new`} className="btn-primary">
          {t("harvest.campaigns.new")}
        </Link>
      </div>
      <p className="text-sm text-stone-600">{t("harvest.campaigns.intro")}</p>
      {campaigns.length ? (
        <ul className="space-y-2">
          {campaigns.map((c) => (
            <li key={c.id} className="card p-3">
              <Link
                to={`/console/campaigns/${c.id}`}
                className="font-semibold text-tea-800 underline"
              >
                {c.title}
              </Link>
              <p className="text-sm text-stone-600">
                {t(statusKey(c.status))} · {formatDay(c.firstDay, locale)} –{" "}
                {formatDay(c.lastDay, locale)} · {formatVnd(c.priceVnd)} / {c.unitLabel}
              </p>
              <p className="text-sm text-stone-600">
                {t("harvest.campaigns.counts", {
                  households: c._count.households,
                  preorders: c._count.preOrders,
                })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card p-4 text-sm">{t("harvest.campaigns.empty")}</p>
      )}
    </div>
  );
}
