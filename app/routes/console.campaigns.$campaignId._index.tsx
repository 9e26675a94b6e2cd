import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { dispatchT } from "~/dispatch/strings";
import { formatVnd } from "~/domain/money";
import { requireCampaignAccess } from "~/harvest/access.server";
import {
  campaignFormOptions,
  campaignFormValues,
  changeCampaignStatus,
  updateCampaign,
} from "~/harvest/campaigns.server";
import { CampaignForm } from "~/harvest/components/campaign-form";
import { formatDay } from "~/harvest/format";
import { isSellerMessageKey } from "~/harvest/messages";
import { allowedActions, isCampaignAction } from "~/harvest/rules/campaign";
import { CampaignSchema, CancelSchema, PauseSchema } from "~/harvest/schema";
import { statusKey } from "~/harvest/status-keys";
import type { HarvestKey } from "~/harvest/strings";
import { useLocale, useT } from "~/i18n/react";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ""} · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign, stall } = await requireCampaignAccess(request, params.campaignId!);
  const draft = campaign.status === "DRAFT";
  const [history, counts] = await Promise.all([
    prisma.auditLog.findMany({
      where: { entity: "HarvestCampaign", entityId: campaign.id },
      orderBy: { at: "desc" },
      take: 20,
      include: { actor: { select: { name: true } } },
    }),
    prisma.preOrder.groupBy({ by: ["status"], where: { campaignId: campaign.id }, _count: true }),
  ]);
  return {
    campaign: {
      id: campaign.id,
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      firstDay: campaign.firstDay,
      lastDay: campaign.lastDay,
      cutoffTime: campaign.cutoffTime,
      priceVnd: campaign.priceVnd,
      unitLabel: campaign.unitLabel,
      expectedUnits: campaign.expectedUnits,
      pauseMessage: campaign.pauseMessage,
      cancelReason: campaign.cancelReason,
      stallId: stall.id,
    },
    actions: allowedActions(campaign.status),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Record<string, number>,
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      at: h.at.toISOString(),
      by: h.actor?.name ?? "",
    })),
    edit: draft
      ? { options: await campaignFormOptions(stall), values: await campaignFormValues(campaign.id) }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, campaign, stall } = await requireCampaignAccess(request, params.campaignId!);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const base = `/console/campaigns/${campaign.id}`;
  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: CampaignSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), error: null }, { status: 400 });
    const out = await updateCampaign(user, campaign, stall, submission.value);
    if (!out.ok)
      return data(
        {
          intent,
          result: submission.reply({ fieldErrors: out.fieldErrors, formErrors: out.formErrors }),
          error: null,
        },
        { status: 400 },
      );
    throw redirect(`${base}?done=saved`);
  }
  if (!isCampaignAction(intent))
    return data({ intent, result: null, error: "harvest.error.transition" }, { status: 400 });
  let opts = {};
  if (intent === "pause") {
    const s = parseWithZod(formData, { schema: PauseSchema });
    if (s.status !== "success")
      return data({ intent, result: s.reply(), error: null }, { status: 400 });
    opts = s.value;
  }
  if (intent === "cancel") {
    const s = parseWithZod(formData, { schema: CancelSchema });
    if (s.status !== "success")
      return data({ intent, result: s.reply(), error: null }, { status: 400 });
    opts = s.value;
  }
  const out = await changeCampaignStatus(user, campaign.id, intent, opts);
  if (!out.ok) return data({ intent, result: null, error: out.error }, { status: 409 });
  throw redirect(
    `${base}?done=${intent}${out.refundsFailed ? `&refundsFailed=${out.refundsFailed}` : ""}`,
  );
}

const DONE: Record<string, HarvestKey> = {
  created: "harvest.form.created",
  saved: "harvest.form.saved",
  open: "harvest.manage.done.open",
  pause: "harvest.manage.done.pause",
  resume: "harvest.manage.done.resume",
  close: "harvest.manage.done.close",
  cancel: "harvest.manage.done.cancel",
};

export default function ManageCampaign() {
  const t = useT();
  const locale = useLocale();
  const { campaign: c, actions, history, edit, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  const fieldError = (name: string) => {
    const e =
      actionData?.result && "error" in actionData.result
        ? actionData.result.error?.[name]?.[0]
        : undefined;
    return e ? <p className="field-error">{isSellerMessageKey(e) ? t(e) : e}</p> : null;
  };
  const typed = (name: string) => {
    const v =
      actionData?.result && "initialValue" in actionData.result
        ? (actionData.result.initialValue as Record<string, unknown> | undefined)?.[name]
        : undefined;
    return typeof v === "string" ? v : "";
  };
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <p className="text-sm">
          <Link to={`/console/stalls/${c.stallId}/campaigns`} className="text-tea-800 underline">
            ← {t("harvest.campaigns")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{c.title}</h1>
        <p className="text-sm font-medium" data-testid="campaign-status">
          {t(statusKey(c.status))}
        </p>
        <p className="text-sm text-stone-600">
          {t("harvest.manage.summary", {
            units: c.expectedUnits,
            unit: c.unitLabel,
            price: formatVnd(c.priceVnd),
            from: formatDay(c.firstDay, locale),
            to: formatDay(c.lastDay, locale),
            time: c.cutoffTime,
          })}
        </p>
        {c.status === "PAUSED" && c.pauseMessage ? (
          <p className="rounded-lg bg-amber-50 p-2 text-sm text-amber-900">{c.pauseMessage}</p>
        ) : null}
      </header>
      {done ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t(done)}
        </p>
      ) : null}
      {params.get("refundsFailed") ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t("harvest.manage.refundsFailed", { count: params.get("refundsFailed") ?? "" })}
        </p>
      ) : null}
      {actionData?.error ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {isSellerMessageKey(actionData.error) ? t(actionData.error) : actionData.error}
        </p>
      ) : null}

      <nav className="flex flex-wrap gap-2">
        <Link to={`/console/campaigns/${c.id}/board`} className="btn-secondary">
          {t("harvest.manage.board")}
        </Link>
        <Link to={`/console/campaigns/${c.id}/runs`} className="btn-secondary">
          {dispatchT(locale)("dispatch.nav.runs")}
        </Link>
        <Link to={`/console/picks?campaign=${c.id}`} className="btn-secondary">
          {t("harvest.manage.picks")}
        </Link>
        {c.status !== "DRAFT" ? (
          <Link to={`/campaigns/${c.slug}`} className="btn-secondary">
            /campaigns/{c.slug}
          </Link>
        ) : null}
      </nav>
      <p className="text-sm text-stone-600">
        {t("harvest.manage.preorders", {
          requested: counts.REQUESTED ?? 0,
          allocated: counts.ALLOCATED ?? 0,
          waiting: counts.WAITING ?? 0,
          confirmed: counts.CONFIRMED ?? 0,
          released: counts.RELEASED ?? 0,
          cancelled: counts.CANCELLED ?? 0,
        })}
      </p>

      <section className="space-y-3">
        {actions.includes("open") ? (
          <Form method="post" className="card space-y-2 p-4">
            <AuthenticityTokenInput />
            <p className="text-sm text-stone-600">{t("harvest.manage.openHelp")}</p>
            <button name="intent" value="open" className="btn-primary w-full">
              {t("harvest.manage.open")}
            </button>
          </Form>
        ) : null}
        {actions.includes("resume") ? (
          <Form method="post" className="card p-4">
            <AuthenticityTokenInput />
            <button name="intent" value="resume" className="btn-primary w-full">
              {t("harvest.manage.resume")}
            </button>
          </Form>
        ) : null}
        {actions.includes("pause") ? (
          <Form method="post" className="card space-y-2 p-4">
            <AuthenticityTokenInput />
            <label htmlFor="pauseMessage" className="label">
              {t("harvest.manage.pauseMessage")}
            </label>
            <textarea
              id="pauseMessage"
              name="pauseMessage"
              rows={2}
              defaultValue={typed("pauseMessage")}
              className="field"
            />
            {fieldError("pauseMessage")}
            <button name="intent" value="pause" className="btn-secondary w-full">
              {t("harvest.manage.pause")}
            </button>
          </Form>
        ) : null}
        {actions.includes("close") ? (
          <details className="card p-4">
            <summary className="cursor-pointer font-medium">{t("harvest.manage.close")}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <AuthenticityTokenInput />
              <p className="text-sm text-stone-600">{t("harvest.manage.closeHelp")}</p>
              <button name="intent" value="close" className="btn-secondary w-full">
                {t("harvest.manage.close")}
              </button>
            </Form>
          </details>
        ) : null}
        {actions.includes("cancel") ? (
          <details className="card p-4" open={actionData?.intent === "cancel"}>
            <summary className="cursor-pointer font-medium text-red-800">
              {t("harvest.manage.cancel")}
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <AuthenticityTokenInput />
              <p className="text-sm text-stone-600">{t("harvest.manage.cancelHelp")}</p>
              <label htmlFor="cancelReason" className="label">
                {t("harvest.manage.cancelReason")}
              </label>
              <textarea
                id="cancelReason"
                name="cancelReason"
                rows={2}
                defaultValue={typed("cancelReason")}
                className="field"
              />
              {fieldError("cancelReason")}
              <button
                name="intent"
                value="cancel"
                className="btn-secondary w-full border-red-300 text-red-800"
              >
                {t("harvest.manage.confirmCancel")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      {edit ? (
        <section className="space-y-2">
          <h2 className="text-xl font-semibold">{t("harvest.manage.edit")}</h2>
          <EditForm edit={edit} result={actionData?.intent === "edit" ? actionData.result : null} />
        </section>
      ) : null}

      <section className="card p-4">
        <h2 className="font-semibold">{t("harvest.manage.history")}</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {history.map((h) => (
            <li key={h.id}>
              {formatDate(h.at, locale, "dateTime")} · {h.action} · {h.by}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Edit = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["edit"]>;

function EditForm({
  edit,
  result,
}: {
  edit: Edit;
  result: SubmissionResult<string[]> | null | undefined;
}) {
  const { expected, ...values } = edit.values;
  return (
    <CampaignForm
      lastResult={result}
      defaultValue={values}
      expected={expected}
      options={edit.options}
      hidden={{ intent: "edit" }}
    />
  );
}
