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
import { requireCampaignAccess } from "~/harvest/access.server";
import { publishAllocation, reallocateDay } from "~/harvest/allocation.server";
import { dayBoard } from "~/harvest/board.server";
import { formatCutoff, formatDay } from "~/harvest/format";
import { isSellerMessageKey } from "~/harvest/messages";
import { correctPick } from "~/harvest/picks.server";
import { CORRECTION_REASONS } from "~/harvest/rules/campaign";
import { CorrectionSchema, DaySchema } from "~/harvest/schema";
import { entryKindKey, reasonKey, statusKey } from "~/harvest/status-keys";
import type { HarvestKey } from "~/harvest/strings";
import { useLocale, useT } from "~/i18n/react";
import { readForm } from "~/utils/form.server";
import { formatDate, formatTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ""} · Bảng điều phối · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignAccess(request, params.campaignId!);
  const board = await dayBoard(campaign, new URL(request.url).searchParams.get("day"));
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      status: campaign.status,
      unitLabel: campaign.unitLabel,
    },
    board,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, campaign } = await requireCampaignAccess(request, params.campaignId!);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = (day: string, done: string, extra = "") =>
    `/console/campaigns/${campaign.id}/board?day=${day}&done=${done}${extra}`;
  if (intent === "correct") {
    const s = parseWithZod(formData, { schema: CorrectionSchema });
    if (s.status !== "success")
      return data(
        {
          intent,
          pickId: String(formData.get("pickId") ?? ""),
          error: Object.values(s.reply().error ?? {}).flat()[0] ?? "form.required",
          typed: String(formData.get("toUnits") ?? ""),
        },
        { status: 400 },
      );
    const out = await correctPick(user, s.value);
    if (!out.ok)
      return data(
        { intent, pickId: s.value.pickId, error: out.error, typed: String(s.value.toUnits) },
        { status: out.status },
      );
    if (out.campaignId !== campaign.id) throw new Response("Forbidden", { status: 403 });
    throw redirect(back(out.day, "corrected"));
  }
  const s = parseWithZod(formData, { schema: DaySchema });
  if (s.status !== "success")
    return data({ intent, pickId: "", error: "harvest.error.day", typed: "" }, { status: 400 });
  if (intent === "publish") {
    const out = await publishAllocation(campaign.id, s.value.day, user.id);
    if (!out.ok) return data({ intent, pickId: "", error: out.error, typed: "" }, { status: 409 });
    throw redirect(back(s.value.day, "published"));
  }
  if (intent === "reallocate") {
    const out = await reallocateDay(campaign.id, s.value.day, user.id, s.value.reason ?? "");
    if (!out.ok) return data({ intent, pickId: "", error: out.error, typed: "" }, { status: 409 });
    throw redirect(back(s.value.day, "reallocated", `&affected=${out.affected}`));
  }
  return data(
    { intent, pickId: "", error: "harvest.error.transition", typed: "" },
    { status: 400 },
  );
}

const STATE: Record<string, HarvestKey> = {
  open: "board.status.open",
  due: "board.status.due",
  allocated: "board.status.allocated",
  reallocated: "board.status.reallocated",
};

export default function DayBoard() {
  const t = useT();
  const locale = useLocale();
  const { campaign, board } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const day = board.day;
  const msg = (e: string) => (isSellerMessageKey(e) ? t(e) : e);
  const allocated = board.dayState === "allocated" || board.dayState === "reallocated";
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm">
          <Link to={`/console/campaigns/${campaign.id}`} className="text-tea-800 underline">
            ← {campaign.title}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t("board.title")}</h1>
        <p className="text-sm text-stone-600">
          {t(statusKey(campaign.status))} · {campaign.unitLabel}
        </p>
      </header>
      {done === "published" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("board.published", { day: formatDay(day, locale) })}
        </p>
      ) : null}
      {done === "reallocated" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("board.reallocated", {
            day: formatDay(day, locale),
            count: params.get("affected") ?? "0",
          })}
        </p>
      ) : null}
      {done === "corrected" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("harvest.pick.corrected")}
        </p>
      ) : null}
      {actionData?.error && actionData.intent !== "correct" ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {msg(actionData.error)}
        </p>
      ) : null}

      <div className="-mx-3 overflow-x-auto px-3">
        <table className="w-full min-w-[32rem] text-sm" data-testid="board-days">
          <thead>
            <tr className="text-left text-stone-600">
              <th className="py-1">{t("board.day")}</th>
              <th>{t("board.supply")}</th>
              <th>{t("board.reserve")}</th>
              <th>{t("board.demand")}</th>
              <th>{t("board.awarded")}</th>
              <th>{t("board.status")}</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <tr
                key={r.day}
                className={`border-t border-stone-100 ${r.day === day ? "bg-tea-50" : ""}`}
                data-day={r.day}
              >
                <td className="py-1">
                  <Link to={`?day=${r.day}`} className="text-tea-800 underline">
                    {formatDay(r.day, locale)}
                  </Link>
                </td>
                <td>
                  {r.confirmed}
                  {r.weighed !== r.confirmed ? ` (${t("board.weighed")} ${r.weighed})` : ""}
                </td>
                <td>{r.reserve}</td>
                <td>{r.demand}</td>
                <td>{r.awarded ?? "–"}</td>
                <td>{t(STATE[r.state])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="card space-y-3 p-4" data-testid="board-day">
        <h2 className="text-lg font-semibold">
          {formatDay(day, locale)} · {t(STATE[board.dayState])}
        </h2>
        <p className="text-sm text-stone-600">
          {t("board.cutoff")}:{" "}
          {formatCutoff(board.rows.find((r) => r.day === day)?.cutoff ?? "", locale)}
        </p>
        {board.dayState === "due" ? (
          <Form method="post">
            <AuthenticityTokenInput />
            <input type="hidden" name="day" value={day} />
            <button name="intent" value="publish" className="btn-primary w-full">
              {t("board.publish")}
            </button>
          </Form>
        ) : null}

        <div>
          <h3 className="font-semibold">{t("board.missing")}</h3>
          {board.missing.length ? (
            <ul className="text-sm" data-testid="board-missing">
              {board.missing.map((m) => (
                <li key={m.id}>
                  {m.name}
                  {m.phone ? ` · ${m.phone}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-600">{t("board.missingNone")}</p>
          )}
        </div>

        {board.picks.length ? (
          <div>
            <h3 className="font-semibold">{t("harvest.manage.picks")}</h3>
            <ul className="space-y-2 text-sm">
              {board.picks.map((p) => (
                <li
                  key={p.id}
                  className="border-t border-stone-100 pt-2"
                  data-testid="board-pick"
                  data-household={p.household}
                >
                  <p>
                    {p.household}: {p.units} · {formatTime(p.readyAt)}
                    {p.weighedUnits !== null ? ` → ${t("board.weighed")} ${p.weighedUnits}` : ""}
                  </p>
                  {p.corrections.map((c, i) => (
                    <p key={i} className="text-xs text-stone-600">
                      {c.from} → {c.to} · {t(reasonKey(c.reason))}
                      {c.note ? ` · ${c.note}` : ""}
                    </p>
                  ))}
                  {allocated ? (
                    <details open={actionData?.intent === "correct" && actionData.pickId === p.id}>
                      <summary className="cursor-pointer text-tea-800">
                        {t("harvest.pick.correct")}
                      </summary>
                      <Form method="post" className="mt-1 grid grid-cols-2 gap-2">
                        <AuthenticityTokenInput />
                        <input type="hidden" name="pickId" value={p.id} />
                        <div>
                          <label htmlFor={`w-${p.id}`} className="label">
                            {t("harvest.pick.weighed")}
                          </label>
                          <input
                            id={`w-${p.id}`}
                            name="toUnits"
                            inputMode="numeric"
                            defaultValue={
                              actionData?.pickId === p.id
                                ? actionData.typed
                                : String(p.weighedUnits ?? p.units)
                            }
                            className="field"
                          />
                        </div>
                        <div>
                          <label htmlFor={`r-${p.id}`} className="label">
                            {t("harvest.pick.reason")}
                          </label>
                          <select id={`r-${p.id}`} name="reason" className="field">
                            {CORRECTION_REASONS.map((r) => (
                              <option key={r} value={r}>
                                {t(reasonKey(r))}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div className="col-span-2">
                          <label htmlFor={`n-${p.id}`} className="label">
                            {t("harvest.pick.note")}
                          </label>
                          <input id={`n-${p.id}`} name="note" className="field" />
                        </div>
                        {actionData?.intent === "correct" && actionData.pickId === p.id ? (
                          <p role="alert" className="field-error col-span-2">
                            {msg(actionData.error)}
                          </p>
                        ) : null}
                        <button name="intent" value="correct" className="btn-secondary col-span-2">
                          {t("harvest.pick.correct")}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {allocated ? (
          <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
            <AuthenticityTokenInput />
            <input type="hidden" name="day" value={day} />
            <p className="text-sm text-stone-600">{t("board.reallocateHelp")}</p>
            <label htmlFor="reason" className="label">
              {t("harvest.pick.note")}
            </label>
            <input id="reason" name="reason" className="field" />
            <button name="intent" value="reallocate" className="btn-secondary w-full">
              {t("board.reallocate")}
            </button>
          </Form>
        ) : null}

        {board.awards.length ? (
          <div>
            <h3 className="font-semibold">{t("board.awards")}</h3>
            <ul className="grid grid-cols-2 gap-x-3 text-sm" data-testid="board-awards">
              {board.awards.map((a) => (
                <li key={a.id}>
                  {a.name} <span className="text-stone-500">{a.ref}</span>:{" "}
                  <strong>{a.units}</strong>/{a.requested}
                  {a.change ? ` (${a.change})` : ""}{" "}
                  <span className="text-xs text-stone-500">
                    {t("board.tier", { tier: a.tier })}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {board.ledger.length ? (
          <div>
            <h3 className="font-semibold">{t("board.ledger")}</h3>
            <ol className="space-y-1 text-xs" data-testid="board-ledger">
              {board.ledger.map((e) => (
                <li key={e.id} className="break-all">
                  {t("board.ledger.entry", {
                    sequence: e.sequence,
                    kind: t(entryKindKey(e.kind)),
                    at: formatDate(e.at, locale, "dateTime"),
                    rule: e.rule,
                    seed: e.seed,
                  })}
                  {" · "}
                  {e.by === null ? t("board.ledger.byJob") : t("board.ledger.by", { name: e.by })}
                  {" · "}
                  {e.awarded}/{e.supply}
                  {e.reason ? ` · ${e.reason}` : ""}
                  <br />
                  {t("board.ledger.hash")}: <code>{e.inputsHash}</code>
                  {e.kind === "ALLOCATE" ? (
                    <>
                      <br />
                      <a
                        href={`/console/campaigns/${campaign.id}/ledger/${e.id}`}
                        className="text-tea-800 underline"
                      >
                        {t("board.ledger.download")}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </section>

      <section className="card p-4">
        <h2 className="font-semibold">
          {t("board.waiting")} ({board.waitingCount})
        </h2>
        {board.waiting.length ? (
          <ul className="text-sm" data-testid="board-waiting">
            {board.waiting.map((w) => (
              <li key={w.ref}>
                {w.name} <span className="text-stone-500">{w.ref}</span>: {w.units} →{" "}
                {w.queueDay ? formatDay(w.queueDay, locale) : "–"}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t("board.waitingNone")}</p>
        )}
      </section>

      <section className="card p-4">
        <h2 className="font-semibold">{t("board.exceptions")}</h2>
        {board.exceptions.length ? (
          <ul className="text-sm text-red-800" data-testid="board-exceptions">
            {board.exceptions.map((x, i) => (
              <li key={i}>
                {x.kind === "refund"
                  ? t("board.exception.refund", { ref: x.ref ?? "" })
                  : x.kind === "shortfall"
                    ? t("board.exception.shortfall", {
                        day: formatDay(x.day ?? "", locale),
                        weighed: x.weighed ?? 0,
                        awarded: x.awarded ?? 0,
                      })
                    : t("board.exception.zeroSupply", { day: formatDay(x.day ?? "", locale) })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t("board.exceptionsNone")}</p>
        )}
      </section>
    </div>
  );
}
