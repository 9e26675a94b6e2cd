import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCooperative } from "~/console/access.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { formatPhone, normalizePhone } from "~/domain/phone";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "coop.members");

const day = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperative(request);
  const members = await prisma.membership.findMany({
    where: { cooperativeId: cooperative.id },
    include: { household: { include: { commune: true, _count: { select: { products: { where: { deletedAt: null, stall: { cooperativeId: cooperative.id } } } } } } } },
    orderBy: [{ status: "asc" }, { household: { name: "asc" } }],
  });
  return {
    cooperative: { name: cooperative.name },
    members: members.map((m) => ({
      id: m.id, householdId: m.householdId, name: m.household.name, status: m.status, joined: day.format(m.joinedAt),
      commune: m.household.commune.name, hamlet: m.household.hamlet, phone: m.household.phone ? formatPhone(m.household.phone) : null,
      products: m.household._count.products,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperative(request);
  const formData = await readForm(request);
  const op = formData.get("_action");
  if (op === "add") {
    const raw = String(formData.get("phone") ?? "");
    const phone = normalizePhone(raw);
    if (!phone) return data({ error: "form.phoneInvalid", phone: raw }, { status: 400 });
    const household = await prisma.household.findFirst({ where: { OR: [{ phone }, { user: { phone } }] } });
    if (!household) return data({ error: "coop.householdNotFound", phone: raw }, { status: 404 });
    const existing = await prisma.membership.findUnique({ where: { cooperativeId_householdId: { cooperativeId: cooperative.id, householdId: household.id } } });
    if (existing?.status === "ACTIVE") return data({ error: "coop.alreadyMember", phone: raw }, { status: 409 });
    await prisma.$transaction(async (tx) => {
      await tx.membership.upsert({
        where: { cooperativeId_householdId: { cooperativeId: cooperative.id, householdId: household.id } },
        create: { cooperativeId: cooperative.id, householdId: household.id },
        update: { status: "ACTIVE", joinedAt: new Date() },
      });
      await audit({ actorId: user.id, onBehalfOfId: household.id, action: "membership.add", entity: "Cooperative", entityId: cooperative.id, data: { householdId: household.id } }, tx);
    });
    throw redirect("/console/coop/members?done=added");
  }
  if (op === "remove") {
    const id = String(formData.get("membershipId") ?? "");
    // only this cooperative's memberships: another coop's id simply matches nothing
    const m = await prisma.membership.findFirst({ where: { id, cooperativeId: cooperative.id, status: "ACTIVE" } });
    if (!m) throw new Response("Not found", { status: 404 });
    await prisma.$transaction(async (tx) => {
      await tx.membership.update({ where: { id: m.id }, data: { status: "LEFT" } });
      await audit({ actorId: user.id, onBehalfOfId: m.householdId, action: "membership.remove", entity: "Cooperative", entityId: cooperative.id, data: { householdId: m.householdId } }, tx);
    });
    throw redirect("/console/coop/members?done=removed");
  }
  return data({ error: "error.generic", phone: "" }, { status: 400 });
}

export default function Members() {
  const t = useT();
  const { cooperative, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const active = members.filter((m) => m.status === "ACTIVE").length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("coop.members")} · {cooperative.name}</h1>
      <p>{t("coop.membersCount", { count: active })}</p>
      {done ? <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">{done === "added" ? t("coop.added") : t("coop.removed")}</p> : null}
      <Form method="post" className="card flex flex-wrap items-end gap-2 p-4">
        <AuthenticityTokenInput />
        <div className="min-w-0 flex-1">
          <label htmlFor="member-phone" className="label">{t("coop.householdPhone")}</label>
          <input id="member-phone" name="phone" type="tel" inputMode="tel" defaultValue={actionData?.phone ?? ""} className="field" aria-describedby="member-error" />
          {actionData?.error ? <p id="member-error" role="alert" className="field-error">{t(actionData.error as MessageKey)}</p> : null}
        </div>
        <button name="_action" value="add" className="btn-primary">{t("coop.add")}</button>
      </Form>
      <ul className="card divide-y">
        {members.map((m) => (
          <li key={m.id} className={`flex items-center gap-3 p-3 ${m.status === "ACTIVE" ? "" : "opacity-60"}`}>
            <div className="min-w-0 flex-1">
              <p className="font-semibold">{m.name}</p>
              <p className="text-sm text-stone-600">{[m.hamlet, m.commune].filter(Boolean).join(", ")}{m.phone ? ` · ${m.phone}` : ""}</p>
              <p className="text-xs text-stone-600">{m.status === "ACTIVE" ? t("coop.joined", { date: m.joined }) : t("coop.left")} · {t("coop.products", { count: m.products })}</p>
            </div>
            {m.status === "ACTIVE" ? (
              <Form method="post" onSubmit={(e) => { if (!confirm(t("coop.removeConfirm"))) e.preventDefault(); }}>
                <AuthenticityTokenInput />
                <input type="hidden" name="membershipId" value={m.id} />
                <button name="_action" value="remove" className="text-sm text-red-700 underline">{t("coop.remove")}</button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
