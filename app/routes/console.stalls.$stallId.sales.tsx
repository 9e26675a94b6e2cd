import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatVnd } from "~/domain/money";
import { topProducts, weekDays, weeklySales } from "~/domain/sales";
import { useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";

const WEEKS = 12;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const since = new Date(Date.now() - WEEKS * 7 * 86_400_000);
  const orders = await prisma.order.findMany({
    where: { stallId: stall.id, createdAt: { gte: since } },
    select: {
      createdAt: true,
      status: true,
      totalVnd: true,
      items: { select: { productName: true, variantId: true, quantity: true, unitPriceVnd: true } },
    },
  });
  return { weeks: weeklySales(orders), top: topProducts(orders, 5) };
}

export default function Sales() {
  const t = useT();
  const { weeks, top } = useLoaderData<typeof loader>();
  const max = Math.max(1, ...weeks.map((w) => w.revenueVnd));
  const weekLabel = (week: string) => {
    const d = weekDays(week);
    return d ? t("sales.weekLabel", { number: d.number, from: d.from, to: d.to }) : week;
  };
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">{t("sales.title")}</h2>
      <p className="text-sm text-stone-600">{t("sales.period")}</p>
      {weeks.length === 0 ? (
        <p>{t("sales.none")}</p>
      ) : (
        <section className="card p-4">
          <h3 className="mb-2 font-semibold">{t("sales.byWeek")}</h3>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left">
                <th>{t("sales.week")}</th>
                <th className="text-right">{t("sales.orders")}</th>
                <th className="text-right">{t("sales.revenue")}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week} className="border-t border-stone-100">
                  <td className="py-1">{weekLabel(w.week)}</td>
                  <td className="py-1 text-right">{w.orders}</td>
                  <td className="py-1 text-right">
                    {formatVnd(w.revenueVnd)}
                    <span
                      aria-hidden
                      className="ml-auto block h-1.5 rounded bg-tea-600"
                      style={{ width: `${Math.round((w.revenueVnd / max) * 100)}%` }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {top.length ? (
        <section className="card p-4">
          <h3 className="mb-2 font-semibold">{t("sales.top")}</h3>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {top.map((p) => (
              <li key={p.name}>
                {p.name} · {t("sales.units", { count: p.units })} · {formatVnd(p.revenueVnd)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
