import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { reviewStall } from "~/stalls/verification.server";
import { OnboardError, openStallFor } from "~/onboarding/onboarding.server";
import { openInvitations, witnessMembership } from "~/cooperatives/membership.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { formatPhone, normalizePhone } from "~/domain/phone";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { privateMeta } from "~/storefront/seo";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "officer.households");

// The households an officer looks after: the ones they registered, or any household
// found by name or phone. A stall seen in person can be verified from here, without
// waiting for the household to ask (the review queue only holds stalls that asked).
const UNVERIFIED = ["UNVERIFIED", "PENDING", "REJECTED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 80);
  const phone = q ? normalizePhone(q) : null;
  const households = await prisma.household.findMany({
    where: q
      ? phone
        ? { OR: [{ phone }, { user: { phone } }] }
        : { name: { contains: q } }
      : { onboardedById: user.id },
    include: {
      commune: true,
      stalls: { select: { id: true, name: true, slug: true, verification: true, banned: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const invitations = await openInvitations(households.map((h) => h.id));
  return {
    households: households.map((h) => ({
      id: h.id,
      name: h.name,
      phone: h.phone ? formatPhone(h.phone) : null,
      place: [h.hamlet, h.commune.name].filter(Boolean).join(", "),
      stalls: h.stalls,
      invitations: invitations.filter((i) => i.householdId === h.id),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["OFFICER", "ADMIN"]);
  const formData = await readForm(request);
  const stallId = String(formData.get("stallId") ?? "");
  const note = String(formData.get("note") ?? "")
    .trim()
    .slice(0, 500);
  const back = String(formData.get("q") ?? "").slice(0, 80);
  if (formData.get("_action") === "witness") {
    // a household without a phone of its own says yes to the officer who visits (docs/decisions/0041)
    const witnessed = await witnessMembership(user, String(formData.get("membershipId") ?? ""));
    throw redirect(
      `/officer/households?done=${witnessed ? "witnessed" : "gone"}${back ? `&q=${encodeURIComponent(back)}` : ""}`,
    );
  }
  if (formData.get("_action") === "openStall") {
    const householdId = String(formData.get("householdId") ?? "");
    const stallName = String(formData.get("stallName") ?? "")
      .trim()
      .slice(0, 80);
    if (stallName.length < 2)
      return data({ stallId: "", householdId, error: "form.required" }, { status: 400 });
    try {
      if (
        !(await openStallFor(
          user,
          householdId,
          stallName,
          formData.get("verifiedInPerson") === "on",
        ))
      )
        throw new Response("Not found", { status: 404 });
    } catch (e) {
      if (e instanceof OnboardError)
        return data({ stallId: "", householdId, error: e.code }, { status: 409 });
      throw e;
    }
    throw redirect(
      `/officer/households?done=opened${back ? `&q=${encodeURIComponent(back)}` : ""}`,
    );
  }
  if (formData.get("_action") !== "verify")
    return data({ stallId, householdId: "", error: "error.generic" }, { status: 400 });
  // only a household's own stall: cooperative stalls go through the review queue
  const stall = await prisma.stall.findFirst({
    where: { id: stallId, householdId: { not: null } },
  });
  if (!stall) throw new Response("Not found", { status: 404 });
  if (!(await reviewStall(user, stall.id, "VERIFIED", note || "Xác minh tại chỗ", UNVERIFIED)))
    return data({ stallId, householdId: "", error: "officer.alreadyReviewed" }, { status: 409 });
  throw redirect(
    `/officer/households?done=verified${back ? `&q=${encodeURIComponent(back)}` : ""}`,
  );
}

export default function OfficerHouseholds() {
  const t = useT();
  const { households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const q = params.get("q") ?? "";
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/officer" className="text-tea-800 underline">
          ← {t("officer.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("officer.households")}</h1>
      {params.get("done") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {params.get("done") === "opened"
            ? t("officer.stallOpenedDone")
            : params.get("done") === "witnessed"
              ? t("officer.witnessed")
              : params.get("done") === "gone"
                ? t("member.gone")
                : t("officer.verified")}
        </p>
      ) : null}
      <Form method="get" role="search" className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="hh-q" className="label">
            {t("officer.findHousehold")}
          </label>
          <input id="hh-q" name="q" type="search" defaultValue={q} className="field" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("listing.searchButton")}
        </button>
      </Form>
      <p className="text-sm text-stone-600">
        {q ? t("officer.found", { count: households.length }) : t("officer.mineHint")}
      </p>
      <Link to="/officer/households/new" className="btn-primary inline-block">
        {t("officer.newHousehold")}
      </Link>
      <ul className="space-y-3">
        {households.map((h) => (
          <li key={h.id} className="card space-y-2 p-4" data-testid="officer-household">
            <p className="font-semibold">{h.name}</p>
            <p className="text-sm text-stone-600">
              {h.place}
              {h.phone ? ` · ${h.phone}` : ""}
            </p>
            {h.invitations.map((inv) => (
              <Form
                key={inv.id}
                method="post"
                className="flex flex-wrap items-center gap-2 rounded-lg border border-stone-200 p-2 text-sm"
              >
                <AuthenticityTokenInput />
                <input type="hidden" name="membershipId" value={inv.id} />
                <input type="hidden" name="q" value={q} />
                <span className="min-w-0 flex-1">
                  {t("officer.invitation", { cooperative: inv.cooperative })}
                </span>
                <button name="_action" value="witness" className="btn-secondary">
                  {t("officer.witness")}
                </button>
              </Form>
            ))}
            {h.stalls.length === 0 ? (
              <Form
                method="post"
                className="space-y-2 rounded-lg border border-dashed border-stone-300 p-2"
              >
                <AuthenticityTokenInput />
                <input type="hidden" name="householdId" value={h.id} />
                <input type="hidden" name="q" value={q} />
                <p className="text-sm">{t("officer.noStall")}</p>
                <label htmlFor={`stall-name-${h.id}`} className="label">
                  {t("onboard.stallName")}
                </label>
                <input
                  id={`stall-name-${h.id}`}
                  name="stallName"
                  required
                  minLength={2}
                  maxLength={80}
                  className="field"
                />
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="verifiedInPerson"
                    className="mt-0.5 h-5 w-5 shrink-0"
                  />
                  <span>{t("onboard.verifiedInPerson")}</span>
                </label>
                {actionData?.householdId === h.id && actionData.error ? (
                  <p role="alert" className="field-error">
                    {translateText(t, actionData.error)}
                  </p>
                ) : null}
                <button name="_action" value="openStall" className="btn-secondary">
                  {t("officer.openStall")}
                </button>
              </Form>
            ) : null}
            {h.stalls.map((s) => (
              <div key={s.id} className="rounded-lg border border-stone-200 p-2 text-sm">
                <p>
                  {s.banned ? (
                    <span>{s.name}</span>
                  ) : (
                    <Link to={`/stalls/${s.slug}`} className="font-semibold text-tea-800 underline">
                      {s.name}
                    </Link>
                  )}
                  {" · "}
                  <span data-testid="stall-verification">
                    {translateText(t, `verification.${s.verification}`)}
                  </span>
                </p>
                {s.verification !== "VERIFIED" ? (
                  <Form method="post" className="mt-2 space-y-2">
                    <AuthenticityTokenInput />
                    <input type="hidden" name="stallId" value={s.id} />
                    <input type="hidden" name="q" value={q} />
                    <label htmlFor={`note-${s.id}`} className="label">
                      {t("officer.noteLabel")}
                    </label>
                    <input id={`note-${s.id}`} name="note" className="field" />
                    {actionData?.stallId === s.id && actionData.error ? (
                      <p role="alert" className="field-error">
                        {translateText(t, actionData.error)}
                      </p>
                    ) : null}
                    <button name="_action" value="verify" className="btn-primary">
                      {t("officer.verifyInPerson")}
                    </button>
                  </Form>
                ) : null}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
