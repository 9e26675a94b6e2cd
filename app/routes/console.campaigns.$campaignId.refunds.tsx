// The cooperative's money-back tasks for one campaign (decisions 0050, 0051): bank
// transfers to pay back to buyers (confirmed with the transfer's reference) and
// late-delivery credits to honour. Card refunds go back by themselves and are listed
// with the rest of what was refunded. Works without JavaScript.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuthenticityTokenInput } from "~/components/csrf";
import { formatVnd } from "~/domain/money";
import { requireCampaignAccess } from "~/harvest/access.server";
import { confirmPreorderPayout, refundTasks, settleCredit } from "~/harvest/refunds.server";
import { useT } from "~/i18n/react";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ""} · Hoàn tiền · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignAccess(request, params.campaignId!);
  return {
    campaign: { id: campaign.id, title: campaign.title },
    tasks: await refundTasks(campaign.id),
  };
}

const Payout = z.object({
  intent: z.literal("payout"),
  refundId: z.string().min(1).max(60),
  reference: z.string().trim().min(3).max(60),
});
const Credit = z.object({
  intent: z.literal("credit"),
  creditId: z.string().min(1).max(60),
  note: z.string().trim().max(200).default(""),
});

type Refusal = {
  id: string;
  typed: string;
  error: "refund.error.reference" | "refund.error.note" | "refund.error.notFound";
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, campaign } = await requireCampaignAccess(request, params.campaignId!);
  const form = Object.fromEntries(await readForm(request));
  const back = `/console/campaigns/${campaign.id}/refunds`;
  if (form.intent === "payout") {
    const s = Payout.safeParse(form);
    if (!s.success)
      return data<Refusal>(
        {
          id: String(form.refundId ?? ""),
          typed: String(form.reference ?? ""),
          error: "refund.error.reference",
        },
        { status: 400 },
      );
    const out = await confirmPreorderPayout(
      campaign.id,
      s.data.refundId,
      user.id,
      s.data.reference,
    );
    if (!out.ok)
      return data<Refusal>(
        { id: s.data.refundId, typed: s.data.reference, error: out.error },
        { status: 404 },
      );
    throw redirect(`${back}?done=payout&ref=${encodeURIComponent(s.data.refundId)}`);
  }
  if (form.intent === "credit") {
    const s = Credit.safeParse(form);
    if (!s.success)
      return data<Refusal>(
        {
          id: String(form.creditId ?? ""),
          typed: String(form.note ?? ""),
          error: "refund.error.note",
        },
        { status: 400 },
      );
    const out = await settleCredit(campaign.id, s.data.creditId, user.id, s.data.note);
    if (!out.ok)
      return data<Refusal>(
        { id: s.data.creditId, typed: s.data.note, error: out.error },
        { status: 404 },
      );
    throw redirect(`${back}?done=credit&ref=${encodeURIComponent(s.data.creditId)}`);
  }
  throw new Response("Bad request", { status: 400 });
}

export default function CampaignRefunds() {
  const t = useT();
  const { campaign, tasks } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const [params] = useSearchParams();
  const doneId = params.get("ref");
  const doneRef =
    tasks.done.find((r) => r.id === doneId)?.ref ??
    tasks.credits.find((c) => c.id === doneId)?.ref ??
    "";
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <p className="text-sm">
          <Link to={`/console/campaigns/${campaign.id}`} className="text-tea-800 underline">
            ← {campaign.title}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t("refund.console.title")}</h1>
        <p className="text-sm text-stone-600">{t("refund.console.intro")}</p>
      </header>
      {params.get("done") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t(
            params.get("done") === "credit" ? "refund.console.settled" : "refund.console.confirmed",
            {
              ref: doneRef,
            },
          )}
        </p>
      ) : null}

      <section aria-labelledby="payouts" className="space-y-2">
        <h2 id="payouts" className="font-bold">
          {t("refund.console.payouts")}
        </h2>
        {tasks.payouts.length === 0 ? <p className="text-sm">{t("refund.console.none")}</p> : null}
        <ul className="space-y-2">
          {tasks.payouts.map((r) => (
            <li key={r.id} className="card space-y-2 p-3 text-sm" data-testid="payout">
              <p>
                <strong>{formatVnd(r.amountVnd)}</strong> · {r.ref} ·{" "}
                {t(`refund.reason.${r.reason}`)}
              </p>
              <p>
                {r.payeeName} · <a href={`tel:${r.payeePhone}`}>{r.payeePhone}</a>
              </p>
              <TaskForm
                intent="payout"
                idName="refundId"
                id={r.id}
                field="reference"
                label={t("refund.console.reference")}
                button={t("refund.console.confirm")}
                refused={refused}
                required
              />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="credits" className="space-y-2">
        <h2 id="credits" className="font-bold">
          {t("refund.console.credits")}
        </h2>
        {tasks.credits.length === 0 ? <p className="text-sm">{t("refund.console.none")}</p> : null}
        <ul className="space-y-2">
          {tasks.credits.map((c) => (
            <li key={c.id} className="card space-y-2 p-3 text-sm" data-testid="credit">
              <p>
                <strong>{formatVnd(c.amountVnd)}</strong> · {c.ref} ·{" "}
                {t(
                  c.kind === "OFF_COLLECTION"
                    ? "refund.credit.OFF_COLLECTION"
                    : "refund.credit.STORE",
                  {
                    amount: formatVnd(c.amountVnd),
                  },
                )}
              </p>
              <p>
                {c.name} · <a href={`tel:${c.phone}`}>{c.phone}</a>
              </p>
              <TaskForm
                intent="credit"
                idName="creditId"
                id={c.id}
                field="note"
                label={t("refund.console.note")}
                button={t("refund.console.settle")}
                refused={refused}
              />
            </li>
          ))}
        </ul>
      </section>

      {tasks.done.length ? (
        <section aria-labelledby="history" className="space-y-2">
          <h2 id="history" className="font-bold">
            {t("refund.console.history")}
          </h2>
          <ul className="space-y-1 text-sm">
            {tasks.done.map((r) => (
              <li key={r.id}>
                {formatVnd(r.amountVnd)} · {r.ref} · {t(`refund.reason.${r.reason}`)} ·{" "}
                {t(r.card ? "refund.console.card" : "refund.console.transfer")}
                {r.note ? ` · ${r.note}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** One task's form: the id, one text field (what was typed is kept on a refusal), one button. */
function TaskForm(p: {
  intent: "payout" | "credit";
  idName: "refundId" | "creditId";
  id: string;
  field: "reference" | "note";
  label: string;
  button: string;
  refused: Refusal | undefined;
  required?: boolean;
}) {
  const t = useT();
  const mine = p.refused?.id === p.id ? p.refused : null;
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <AuthenticityTokenInput />
      <input type="hidden" name="intent" value={p.intent} />
      <input type="hidden" name={p.idName} value={p.id} />
      <label className="grow">
        <span className="block">{p.label}</span>
        <input
          name={p.field}
          required={p.required}
          minLength={p.required ? 3 : undefined}
          maxLength={p.field === "reference" ? 60 : 200}
          defaultValue={mine?.typed ?? ""}
          aria-invalid={mine ? true : undefined}
          aria-describedby={mine ? `err-${p.id}` : undefined}
          className="input w-full"
        />
      </label>
      <button className="btn-primary">{p.button}</button>
      {mine ? (
        <p id={`err-${p.id}`} role="alert" className="w-full text-red-800">
          {t(mine.error)}
        </p>
      ) : null}
    </Form>
  );
}
