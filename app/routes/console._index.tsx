import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { AuditHistory } from "~/components/audit-history";
import { AuthenticityTokenInput } from "~/components/csrf";
import {
  answerInvitation,
  leaveCooperative,
  membershipsOf,
} from "~/cooperatives/membership.server";
import { loadDoneForHousehold } from "~/audit/history.server";
import { type MessageKey, translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { requireUser } from "~/utils/auth.server";
import { managedStallsWhere } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";
import { SELLER_ROLES } from "~/domain/roles";
import { getLocale } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "console.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, SELLER_ROLES);
  const locale = await getLocale(request);
  const stalls = await prisma.stall.findMany({
    where: managedStallsWhere(user),
    include: {
      commune: true,
      _count: {
        select: { products: { where: { deletedAt: null } }, orders: { where: { status: "NEW" } } },
      },
    },
    orderBy: { name: "asc" },
    take: 200,
  });
  const members = user.cooperativeId
    ? await prisma.membership.count({
        where: { cooperativeId: user.cooperativeId, status: "ACTIVE" },
      })
    : null;
  // A member household sees what its cooperatives sell for it, and what managers changed for it.
  const hh = user.role === "HOUSEHOLD" && user.householdId ? user.householdId : null;
  const [coopProducts, doneForUs, memberships] = hh
    ? await Promise.all([
        prisma.product.findMany({
          where: { householdId: hh, deletedAt: null, stall: { cooperativeId: { not: null } } },
          include: { stall: { select: { name: true } } },
          orderBy: { updatedAt: "desc" },
          take: 50,
        }),
        loadDoneForHousehold(hh, locale),
        membershipsOf(hh, locale),
      ])
    : [[], [], []];
  return {
    members,
    memberships,
    coopProducts: coopProducts.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      stall: p.stall.name,
    })),
    doneForUs,
    stalls: stalls.map((s) => ({
      id: s.id,
      name: s.name,
      commune: s.commune.name,
      verification: s.verification,
      products: s._count.products,
      newOrders: s._count.orders,
    })),
  };
}

// A household answers a cooperative's invitation, or leaves it (docs/decisions/0041).
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["HOUSEHOLD"]);
  if (!user.householdId) throw new Response("Forbidden", { status: 403 });
  const form = await readForm(request);
  const op = String(form.get("_action") ?? "");
  const membershipId = String(form.get("membershipId") ?? "");
  const done =
    op === "accept" || op === "decline"
      ? await answerInvitation(user, user.householdId, membershipId, op)
      : op === "leave"
        ? await leaveCooperative(user, user.householdId, membershipId)
        : null;
  if (done === null) throw new Response("Bad request", { status: 400 });
  throw redirect(done ? `/console?member=${op}` : "/console?member=gone");
}

const MEMBER_DONE = {
  accept: "member.done.accept",
  decline: "member.done.decline",
  leave: "member.done.leave",
  gone: "member.gone",
} as const satisfies Record<string, MessageKey>;

export default function ConsoleHome() {
  const t = useT();
  const { stalls, members, coopProducts, doneForUs, memberships } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const memberDone = params.get("member");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("console.title")}</h1>
      {memberDone && memberDone in MEMBER_DONE ? (
        <Notice>{t(MEMBER_DONE[memberDone as keyof typeof MEMBER_DONE])}</Notice>
      ) : null}
      {/* an invitation waits for an answer: above the stalls; a membership already agreed sits below them */}
      <Memberships items={memberships.filter((m) => m.status === "INVITED")} testId="invitations" />
      {members !== null ? (
        <p className="text-stone-700">{t("console.members", { count: members })}</p>
      ) : null}
      {stalls.length === 0 ? <p>{t("console.none")}</p> : null}
      <ul className="space-y-3">
        {stalls.map((s) => (
          <li key={s.id} className="card p-4">
            <Link
              to={`/console/stalls/${s.id}`}
              className="text-lg font-semibold text-tea-800 hover:underline"
            >
              {s.name}
            </Link>
            <p className="text-sm text-stone-600">
              {s.commune} · {translateText(t, `verification.${s.verification}`)}
            </p>
            <p className="mt-1 text-sm">
              {t("console.products", { count: s.products })} ·{" "}
              <strong>{t("console.newOrders", { count: s.newOrders })}</strong>
            </p>
          </li>
        ))}
      </ul>
      <Memberships items={memberships.filter((m) => m.status !== "INVITED")} testId="memberships" />
      {coopProducts.length ? (
        <section className="space-y-2" data-testid="coop-products">
          <h2 className="text-lg font-semibold">{t("console.coopSells")}</h2>
          <ul className="card divide-y">
            {coopProducts.map((p) => (
              <li key={p.id} className="p-3 text-sm">
                {/* plain text: the cooperative manages these; product names often carry the household's own name */}
                <span className="font-semibold">{p.name}</span>
                <span className="block text-stone-600">
                  {p.stall} · {translateText(t, `listing.status.${p.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <AuditHistory entries={doneForUs} title="console.doneForUs" />
    </div>
  );
}

type Membership = ReturnType<typeof useLoaderData<typeof loader>>["memberships"][number];

function Memberships({ items, testId }: { items: Membership[]; testId: string }) {
  const t = useT();
  if (!items.length) return null;
  return (
    <section className="space-y-2" data-testid={testId}>
      <h2 className="text-lg font-semibold">{t("member.title")}</h2>
      <ul className="card divide-y">
        {items.map((m) => (
          <li key={m.id} className="space-y-2 p-3 text-sm">
            <p>
              {m.status === "INVITED"
                ? t("member.invitation", { cooperative: m.cooperative })
                : t("member.active", { cooperative: m.cooperative, date: m.since })}
            </p>
            <Form
              method="post"
              className="flex flex-wrap gap-2"
              onSubmit={(e) => {
                if (m.status === "ACTIVE" && !confirm(t("member.leaveConfirm"))) e.preventDefault();
              }}
            >
              <AuthenticityTokenInput />
              <input type="hidden" name="membershipId" value={m.id} />
              {m.status === "INVITED" ? (
                <>
                  <button name="_action" value="accept" className="btn-primary">
                    {t("member.accept")}
                  </button>
                  <button name="_action" value="decline" className="btn-secondary">
                    {t("member.decline")}
                  </button>
                </>
              ) : (
                <button name="_action" value="leave" className="text-red-700 underline">
                  {t("member.leave")}
                </button>
              )}
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
