import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Lô sản xuất · Xứ Trà" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const batches = await prisma.batch.findMany({
    where: { stallId: stall.id },
    select: {
      id: true,
      code: true,
      lot: true,
      harvestedAt: true,
      quantity: true,
      unit: true,
      product: { select: { name: true } },
      household: { select: { name: true } },
      _count: { select: { scans: true, serials: true } },
    },
    orderBy: { harvestedAt: "desc" },
    take: 200,
  });
  const flagged = await prisma.serialUnit.count({
    where: { batch: { stallId: stall.id }, flaggedAt: { not: null }, status: { not: "VOID" } },
  });
  return {
    stallId: stall.id,
    flagged,
    batches: batches.map((b) => ({
      id: b.id,
      code: b.code,
      lot: b.lot,
      harvestedAt: b.harvestedAt.toISOString(),
      quantity: b.quantity,
      unit: b.unit,
      product: b.product.name,
      household: b.household?.name ?? null,
      scans: b._count.scans,
      serials: b._count.serials,
    })),
  };
}

export default function Batches() {
  const t = useT();
  const locale = useLocale();
  const { stallId, batches, flagged } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xl font-bold">{t("batches.title")}</h2>
        <div className="flex gap-2">
          <Link to={`/console/stalls/${stallId}/codes`} className="btn-secondary">
            {t("batches.codes")}
            {flagged ? (
              <span className="ml-1 rounded-full bg-amber-600 px-2 text-xs text-white">
                {flagged}
              </span>
            ) : null}
          </Link>
          <Link to={`/console/stalls/${stallId}/batches/new`} className="btn-primary">
            {t("batches.new")}
          </Link>
        </div>
      </div>
      {batches.length === 0 ? <p>{t("batches.empty")}</p> : null}
      <ul className="space-y-2">
        {batches.map((b) => (
          <li key={b.id} className="card p-3">
            <Link
              to={`/console/stalls/${stallId}/batches/${b.id}`}
              className="font-semibold text-tea-800 hover:underline"
            >
              {b.product} · {t("trace.batch", { lot: b.lot })}
            </Link>
            <p className="text-sm text-stone-700">
              {t("batches.harvestedOn", {
                date: formatDate(b.harvestedAt, locale, "dayMonthYear"),
              })}{" "}
              · {b.quantity} {b.unit}
              {b.household ? ` · ${b.household}` : ""} · <span className="font-mono">{b.code}</span>{" "}
              · {t("batches.scans", { count: b.scans })}
              {b.serials ? ` · ${t("batches.serialsCount", { count: b.serials })}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
