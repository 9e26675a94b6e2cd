import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { HouseholdPickups } from "~/delivery/components/household-pickups";
import { householdPickupLines } from "~/delivery/views.server";
import { formatDay } from "~/harvest/format";
import { isSellerMessageKey } from "~/harvest/messages";
import { confirmPick, picksToConfirm } from "~/harvest/picks.server";
import { PickSchema } from "~/harvest/schema";
import { useLocale, useT } from "~/i18n/react";
import { OfflineForm } from "~/offline/offline-form";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Báo hái · Xứ Trà" }];

// Each evening a household (or its cooperative for it) confirms tomorrow's boxes and
// ready time. Works as a plain form; with JavaScript it goes through the offline queue
// (./console.picks.send.ts answers it) so a confirmation made with no signal is sent later.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["HOUSEHOLD", "COOP_MANAGER", "ADMIN"]);
  const campaignId = new URL(request.url).searchParams.get("campaign") ?? undefined;
  const rows = await picksToConfirm(user, { campaignId });
  // a fresh key per render: a double tap or a resend of this very form records once
  return {
    rows: rows.map((r) => ({ ...r, key: randomBytes(16).toString("hex") })),
    manager: user.role !== "HOUSEHOLD",
    // the published pick-ups and, after weighing, the pay (app/delivery)
    pickups: await householdPickupLines(user, now()),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["HOUSEHOLD", "COOP_MANAGER", "ADMIN"]);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: PickSchema });
  const slot = `${formData.get("campaignId")}:${formData.get("householdId")}:${formData.get("day")}`;
  const typed = {
    units: String(formData.get("units") ?? ""),
    readyTime: String(formData.get("readyTime") ?? ""),
  };
  if (submission.status !== "success") {
    const errors = submission.reply().error ?? {};
    return data(
      { slot, typed, error: Object.values(errors).flat()[0] ?? "form.required" },
      { status: 400 },
    );
  }
  const out = await confirmPick(user, submission.value);
  if (!out.ok) return data({ slot, typed, error: out.error }, { status: out.status });
  const url = new URL(request.url);
  throw redirect(
    `/console/picks?saved=1${url.searchParams.get("campaign") ? `&campaign=${url.searchParams.get("campaign")}` : ""}`,
  );
}

export default function Picks() {
  const t = useT();
  const locale = useLocale();
  const { rows, manager, pickups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const self = params.toString() ? `/console/picks?${params.toString()}` : "/console/picks";
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t("harvest.pick.title")}</h1>
      <p className="text-sm text-stone-600">{t("harvest.pick.intro")}</p>
      {params.get("saved") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm text-tea-800">
          {t("harvest.pick.saved")}
        </p>
      ) : null}
      <HouseholdPickups lines={pickups} />
      {rows.length ? null : <p className="card p-4 text-sm">{t("harvest.pick.none")}</p>}
      <ul className="space-y-3">
        {rows.map((r) => {
          const slot = `${r.campaignId}:${r.householdId}:${r.day}`;
          const mine = actionData?.slot === slot ? actionData : null;
          const id = `${r.householdId}-${r.day}`;
          return (
            <li
              key={slot}
              className="card p-4"
              data-testid="pick-row"
              data-household={r.householdName}
            >
              <OfflineForm
                action={self}
                queueAction="/console/picks/send"
                slot={slot}
                serverKey={r.key}
                className="space-y-3"
                aria-label={`${r.householdName} ${r.day}`}
              >
                <input type="hidden" name="campaignId" value={r.campaignId} />
                <input type="hidden" name="householdId" value={r.householdId} />
                <input type="hidden" name="day" value={r.day} />
                <div>
                  <p className="font-semibold">
                    {t("harvest.pick.for", { day: formatDay(r.day, locale) })}
                  </p>
                  <p className="text-sm text-stone-600">
                    {r.campaignTitle}
                    {manager ? ` · ${r.householdName}` : ""}
                  </p>
                  <p className="text-sm" data-testid="pick-confirmed">
                    {r.confirmed ? (
                      t("harvest.pick.confirmed", {
                        units: r.confirmed.units,
                        time: r.confirmed.readyTime,
                      })
                    ) : (
                      <span className="text-amber-800">{t("harvest.pick.notConfirmed")}</span>
                    )}
                    {" · "}
                    {t("harvest.pick.deadline", { time: r.cutoffTime })}
                  </p>
                </div>
                <div className="grid grid-cols-2 gap-3">
                  <div>
                    <label htmlFor={`units-${id}`} className="label">
                      {t(r.unitKind === "KG" ? "harvest.pick.unitsKg" : "harvest.pick.units")}
                    </label>
                    <input
                      id={`units-${id}`}
                      name="units"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={500}
                      step={1}
                      required
                      defaultValue={mine?.typed.units ?? r.suggestedUnits}
                      className="field text-lg"
                    />
                  </div>
                  <div>
                    <label htmlFor={`ready-${id}`} className="label">
                      {t("harvest.pick.readyTime")}
                    </label>
                    <input
                      id={`ready-${id}`}
                      name="readyTime"
                      type="time"
                      required
                      defaultValue={mine?.typed.readyTime ?? r.suggestedReadyTime}
                      className="field text-lg"
                    />
                  </div>
                </div>
                {mine?.error ? (
                  <p role="alert" className="field-error">
                    {isSellerMessageKey(mine.error) ? t(mine.error) : mine.error}
                  </p>
                ) : null}
                <button type="submit" className="btn-primary w-full py-3 text-lg">
                  {t("harvest.pick.confirm")}
                </button>
              </OfflineForm>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
