import type { HistoryEntry } from "~/audit/history.server";
import { type MessageKey, type Translate, translateText } from "~/i18n";
import { useT } from "~/i18n/react";

/** "audit.<action>" when translated, else the action name itself (e.g. a newer action). */
export function auditLabel(t: Translate, action: string): string {
  const key = `audit.${action}`;
  const label = translateText(t, key);
  return label === key ? action : label;
}

/** Who changed what, and for which member household when a manager acted for one. */
export function AuditHistory({ entries, title }: { entries: HistoryEntry[]; title?: MessageKey }) {
  const t = useT();
  if (!entries.length) return null;
  return (
    <section className="card p-4" data-testid="history">
      <h2 className="font-semibold">{t(title ?? "history.title")}</h2>
      <ol className="mt-1 space-y-1 text-sm">
        {entries.map((h) => (
          <li key={h.id} data-testid="history-entry">
            <span className="text-stone-600">{h.at}</span> · {auditLabel(t, h.action)}
            {h.subject ? (
              <>
                {" "}
                · <strong>{h.subject}</strong>
              </>
            ) : null}
            {h.reason ? (
              <>
                {" "}
                ·{" "}
                <strong data-testid="history-reason">
                  {translateText(t, `follow.cancelReason.${h.reason}`)}
                  {h.note ? ` (“${h.note}”)` : ""}
                </strong>
              </>
            ) : null}
            {" · "}
            <span className="text-stone-700">
              {h.onBehalfOf && h.actor
                ? t("history.onBehalf", { actor: h.actor, household: h.onBehalfOf })
                : t("history.by", { actor: h.actor ?? t("history.system") })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
