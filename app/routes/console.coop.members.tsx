import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCooperative } from "~/cooperatives/access.server";
import { Notice } from "~/components/notice";
import { AuthenticityTokenInput } from "~/components/csrf";
import { inviteHousehold, listMembers, removeMember } from "~/cooperatives/membership.server";
import { isMembershipStatus } from "~/domain/membership";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";
import { getLocale } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "coop.members");

export async function loader({ request }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperative(request);
  return {
    cooperative: { name: cooperative.name },
    members: await listMembers(cooperative.id, await getLocale(request)),
  };
}

// Adding a household is an invitation: it is a member once it accepts in its
// console or an extension officer witnesses its consent (docs/decisions/0041).
export async function action({ request }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperative(request);
  const formData = await readForm(request);
  const op = formData.get("_action");
  if (op === "add") {
    const raw = String(formData.get("phone") ?? "").slice(0, 40);
    const invited = await inviteHousehold(user, cooperative.id, raw);
    if (!invited.ok)
      return data(
        { error: invited.error, phone: raw },
        {
          status:
            invited.error === "form.phoneInvalid"
              ? 400
              : invited.error === "coop.householdNotFound"
                ? 404
                : 409,
        },
      );
    throw redirect("/console/coop/members?done=invited");
  }
  if (op === "remove") {
    // only this cooperative's memberships: another coop's id simply matches nothing
    if (!(await removeMember(user, cooperative.id, String(formData.get("membershipId") ?? ""))))
      throw new Response("Not found", { status: 404 });
    throw redirect("/console/coop/members?done=removed");
  }
  return data({ error: "error.generic" as const, phone: "" }, { status: 400 });
}

const DONE = { invited: "coop.invited", removed: "coop.removed" } as const satisfies Record<
  string,
  MessageKey
>;
const STATUS = {
  INVITED: "coop.status.INVITED",
  ACTIVE: "coop.status.ACTIVE",
  DECLINED: "coop.status.DECLINED",
  LEFT: "coop.left",
} as const satisfies Record<string, MessageKey>;

export default function Members() {
  const t = useT();
  const { cooperative, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const doneKey = done === "invited" || done === "removed" ? DONE[done] : null;
  const active = members.filter((m) => m.status === "ACTIVE").length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">
        {t("coop.members")} · {cooperative.name}
      </h1>
      <p>{t("coop.membersCount", { count: active })}</p>
      {doneKey ? <Notice>{t(doneKey)}</Notice> : null}
      <p className="text-sm text-stone-600">{t("coop.inviteHint")}</p>
      <Form method="post" className="card flex flex-wrap items-end gap-2 p-4">
        <AuthenticityTokenInput />
        <div className="min-w-0 flex-1">
          <label htmlFor="member-phone" className="label">
            {t("coop.householdPhone")}
          </label>
          <input
            id="member-phone"
            name="phone"
            type="tel"
            inputMode="tel"
            defaultValue={actionData?.phone ?? ""}
            className="field"
            aria-describedby="member-error"
          />
          {actionData?.error ? (
            <p id="member-error" role="alert" className="field-error">
              {t(actionData.error)}
            </p>
          ) : null}
        </div>
        <button name="_action" value="add" className="btn-primary">
          {t("coop.invite")}
        </button>
      </Form>
      <ul className="card divide-y">
        {members.map((m) => (
          <li
            key={m.id}
            className={`flex items-center gap-3 p-3 ${m.status === "ACTIVE" || m.status === "INVITED" ? "" : "opacity-60"}`}
          >
            <div className="min-w-0 flex-1">
              <p className="font-semibold">{m.name}</p>
              <p className="text-sm text-stone-600">
                {[m.hamlet, m.commune].filter(Boolean).join(", ")}
                {m.phone ? ` · ${m.phone}` : ""}
              </p>
              <p className="text-xs text-stone-600" data-testid="member-status">
                {m.status === "ACTIVE"
                  ? t(m.witnessed ? "coop.joinedWitnessed" : "coop.joined", { date: m.joined })
                  : m.status === "INVITED" && m.invited
                    ? t("coop.invitedOn", { date: m.invited })
                    : isMembershipStatus(m.status)
                      ? t(STATUS[m.status])
                      : m.status}
                {" · "}
                {t("coop.products", { count: m.products })}
              </p>
            </div>
            {m.status === "ACTIVE" || m.status === "INVITED" ? (
              <Form
                method="post"
                onSubmit={(e) => {
                  if (
                    !confirm(
                      t(m.status === "ACTIVE" ? "coop.removeConfirm" : "coop.withdrawConfirm"),
                    )
                  )
                    e.preventDefault();
                }}
              >
                <AuthenticityTokenInput />
                <input type="hidden" name="membershipId" value={m.id} />
                <button name="_action" value="remove" className="text-sm text-red-700 underline">
                  {t(m.status === "ACTIVE" ? "coop.remove" : "coop.withdraw")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
