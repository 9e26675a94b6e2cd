// The group-training form: topic, when, place, the commune's households to tick.
// Through the offline queue with JavaScript (kept on the phone with no signal); a
// plain POST without it.
import { useT } from "~/i18n/react";
import { translateText } from "~/i18n";
import { OfflineForm } from "~/offline/offline-form";
import { TOPICS } from "../curriculum";

export type SessionFormValues = {
  topic?: string;
  at?: string;
  place?: string;
  note?: string;
  householdIds?: string[];
};

export function SessionForm(props: {
  action: string;
  serverKey: string;
  communeCode: string;
  defaultAt: string;
  households: { id: string; name: string; hamlet: string | null }[];
  total: number;
  values?: SessionFormValues;
  error?: string;
}) {
  const t = useT();
  const v = props.values ?? {};
  const ticked = new Set(v.householdIds ?? []);
  return (
    <OfflineForm
      action={props.action}
      queueAction="/officer/trainings/send"
      slot={`training:${props.serverKey}`}
      serverKey={props.serverKey}
      className="card space-y-3 p-4"
      aria-label={t("training.new")}
    >
      <input type="hidden" name="communeCode" value={props.communeCode} />
      {props.error ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {translateText(t, props.error)}
        </p>
      ) : null}
      <div>
        <label htmlFor="tr-topic" className="label">
          {t("training.topic")}
        </label>
        <select
          id="tr-topic"
          name="topic"
          defaultValue={v.topic ?? TOPICS[0]}
          className="field"
          required
        >
          {TOPICS.map((k) => (
            <option key={k} value={k}>
              {t(`training.topic.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="tr-at" className="label">
          {t("training.at")}
        </label>
        <input
          id="tr-at"
          name="at"
          type="datetime-local"
          defaultValue={v.at ?? props.defaultAt}
          className="field"
          required
        />
      </div>
      <div>
        <label htmlFor="tr-place" className="label">
          {t("training.place")}
        </label>
        <input
          id="tr-place"
          name="place"
          defaultValue={v.place}
          className="field"
          required
          minLength={2}
          maxLength={200}
        />
      </div>
      <fieldset>
        <legend className="label">{t("training.attendees", { count: props.total })}</legend>
        {props.households.length ? (
          <ul className="max-h-96 divide-y overflow-y-auto rounded-lg border">
            {props.households.map((h) => (
              <li key={h.id}>
                <label className="flex items-center gap-3 p-3">
                  <input
                    type="checkbox"
                    name="householdIds"
                    value={h.id}
                    defaultChecked={ticked.has(h.id)}
                    className="h-5 w-5"
                  />
                  <span>
                    {h.name}
                    {h.hamlet ? (
                      <span className="text-sm text-stone-600"> · {h.hamlet}</span>
                    ) : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">{t("training.noHouseholds")}</p>
        )}
        {props.total > props.households.length ? (
          <p className="mt-1 text-sm text-stone-600">
            {t("training.more", { shown: props.households.length })}
          </p>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor="tr-note" className="label">
          {t("training.note")}
        </label>
        <textarea id="tr-note" name="note" defaultValue={v.note} rows={2} className="field" />
      </div>
      <button type="submit" className="btn-primary w-full py-3 text-lg">
        {t("training.submit")}
      </button>
    </OfflineForm>
  );
}
