import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const [households, pendingStalls, pendingCerts, recent] = await Promise.all([
    prisma.household.count({ where: { onboardedById: user.id } }),
    prisma.stall.findMany({
      where: { verification: "PENDING" },
      include: { commune: true },
      take: 50,
    }),
    prisma.certification.findMany({
      where: { status: "PENDING" },
      include: { stall: true },
      take: 50,
    }),
    prisma.onboardingRecord.findMany({
      where: { officerId: user.id },
      include: { household: true },
      orderBy: { at: "desc" },
      take: 10,
    }),
  ]);
  return {
    households,
    pendingStalls: pendingStalls.map((s) => ({ id: s.id, name: s.name, commune: s.commune.name })),
    pendingCerts: pendingCerts.map((c) => ({
      id: c.id,
      kind: c.kind,
      number: c.number,
      stall: c.stall.name,
    })),
    recent: recent.map((r) => ({
      id: r.id,
      kind: r.kind,
      household: r.household.name,
      at: r.at.toISOString().slice(0, 10),
    })),
  };
}

export default function OfficerHome() {
  const t = useT();
  const { households, pendingStalls, pendingCerts, recent } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("officer.title")}</h1>
      <p className="card p-4 text-lg">
        <Link to="/officer/households" className="text-tea-800 underline">
          {t("officer.households")}
        </Link>
        : <strong>{households}</strong>
      </p>
      <nav className="flex flex-wrap gap-2">
        <Link to="/officer/households/new" className="btn-primary">
          {t("officer.newHousehold")}
        </Link>
        <Link to="/officer/certificates" className="btn-secondary">
          {t("officer.certReview")}
        </Link>
        <Link to="/officer/stalls" className="btn-secondary">
          {t("officer.stallReview")}
        </Link>
        <Link to="/officer/onboarding" className="btn-secondary">
          {t("officer.onboarding")}
        </Link>
        <Link to="/officer/overview" className="btn-secondary">
          {t("overview.title")}
        </Link>
        <Link to="/officer/dashboard" className="btn-secondary">
          {t("dashboard.title")}
        </Link>
        <Link to="/officer/trainings" className="btn-secondary">
          {t("training.title")}
        </Link>
      </nav>
      <section>
        <h2 className="mb-2 text-lg font-semibold">
          <Link to="/officer/stalls" className="text-tea-800 underline">
            {t("officer.pendingStalls")} ({pendingStalls.length})
          </Link>
        </h2>
        <ul className="card divide-y">
          {pendingStalls.map((s) => (
            <li key={s.id} className="p-3">
              {s.name} · {s.commune}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">
          <Link to="/officer/certificates" className="text-tea-800 underline">
            {t("officer.pendingCerts")} ({pendingCerts.length})
          </Link>
        </h2>
        <ul className="card divide-y">
          {pendingCerts.map((c) => (
            <li key={c.id} className="p-3">
              {translateText(t, `cert.kind.${c.kind}`)} {c.number} · {c.stall}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("officer.recent")}</h2>
        <ul className="card divide-y">
          {recent.map((r) => (
            <li key={r.id} className="p-3 text-sm">
              {r.at} · {translateText(t, `officer.onboardingKind.${r.kind}`)} · {r.household}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
