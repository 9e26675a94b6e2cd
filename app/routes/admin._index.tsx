import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { auditLabel } from "~/components/audit-history";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  const [users, stalls, products, orders, audit] = await Promise.all([
    prisma.user.count(),
    prisma.stall.count(),
    prisma.product.count({ where: { deletedAt: null } }),
    prisma.order.count(),
    prisma.auditLog.findMany({
      include: { actor: true, onBehalfOf: true },
      orderBy: { at: "desc" },
      take: 30,
    }),
  ]);
  return {
    counts: { users, stalls, products, orders },
    audit: audit.map((a) => ({
      id: a.id,
      at: a.at.toISOString().replace("T", " ").slice(0, 19),
      action: a.action,
      actor: a.actor?.name ?? null,
      onBehalfOf: a.onBehalfOf?.name ?? null,
      entity: `${a.entity} ${a.entityId ?? ""}`,
    })),
  };
}

export default function AdminHome() {
  const t = useT();
  const { counts, audit } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <nav className="flex flex-wrap gap-2">
        <Link to="/officer/certificates" className="btn-secondary">
          {t("officer.certReview")}
        </Link>
        <Link to="/officer/stalls" className="btn-secondary">
          {t("officer.stallReview")}
        </Link>
        <Link to="/officer/households/new" className="btn-secondary">
          {t("officer.newHousehold")}
        </Link>
        <Link to="/admin/stalls" className="btn-secondary">
          {t("admin.stalls")}
        </Link>
      </nav>
      <section aria-label={t("admin.counts")} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Object.entries(counts).map(([k, v]) => (
          <div key={k} className="card p-3">
            <p className="text-sm text-stone-600">{translateText(t, `admin.count.${k}`)}</p>
            <p className="text-2xl font-bold">{v}</p>
          </div>
        ))}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("admin.audit")}</h2>
        <ul className="card divide-y text-sm">
          {audit.map((a) => (
            <li key={a.id} className="break-words p-2">
              <code>{a.at}</code> {auditLabel(t, a.action)} ·{" "}
              {a.actor && a.onBehalfOf
                ? t("history.onBehalf", { actor: a.actor, household: a.onBehalfOf })
                : t("history.by", { actor: a.actor ?? t("history.system") })}{" "}
              · <span className="text-stone-600">{a.entity}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
