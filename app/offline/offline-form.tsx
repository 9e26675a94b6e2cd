// A form that survives a dropped connection. Without JavaScript it is a plain POST
// (the server-rendered idempotency key makes a double tap or a resend harmless). With
// JavaScript the submission goes through the phone's queue (./queue.ts): kept on the
// phone while there is no signal, sent when it returns, its state shown as
// "Chưa gửi / Đang gửi… / Đã gửi". The queue posts to `queueAction`, a resource route
// answering JSON: { ok: true } or { ok: false, error: "translated message" } (a 4xx).
import { useRevalidator } from "@remix-run/react";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { useT } from "~/i18n/react";
import {
  enqueue,
  flush,
  latestFor,
  newKey,
  startAutoFlush,
  subscribe,
  type QueuedSubmission,
} from "./queue";

export function OfflineForm(props: {
  action: string;
  queueAction: string;
  slot: string;
  serverKey: string;
  className?: string;
  children: ReactNode;
  "aria-label"?: string;
}) {
  const t = useT();
  const revalidator = useRevalidator();
  const [item, setItem] = useState<QueuedSubmission | undefined>(undefined);

  useEffect(() => {
    const refresh = () => setItem(latestFor(props.slot));
    refresh();
    const stop = subscribe(refresh);
    const stopFlush = startAutoFlush();
    return () => {
      stop();
      stopFlush();
    };
  }, [props.slot]);

  // once the server has it, show what the server now says
  const sentAt = item?.state === "sent" ? item.sentAt : undefined;
  useEffect(() => {
    if (sentAt && Date.now() - sentAt < 60_000) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sentAt]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fields: [string, string][] = [];
    new FormData(e.currentTarget).forEach((v, k) => {
      if (typeof v === "string") fields.push([k, v]);
    });
    // a new key per submission: a changed answer is a new submission, a resend of this one is not
    enqueue({ key: newKey(), slot: props.slot, action: props.queueAction, fields });
    void flush();
  }

  const state = item?.state;
  return (
    <form
      method="post"
      action={props.action}
      onSubmit={onSubmit}
      className={props.className}
      aria-label={props["aria-label"]}
    >
      <AuthenticityTokenInput />
      <input type="hidden" name="idempotencyKey" value={props.serverKey} />
      {props.children}
      {state ? (
        <p
          role="status"
          data-testid="offline-state"
          data-state={state}
          className={`text-sm font-medium ${state === "sent" ? "text-tea-800" : state === "failed" ? "text-red-700" : "text-amber-800"}`}
        >
          {state === "sent"
            ? `✓ ${t("offline.sent")}`
            : state === "sending"
              ? t("offline.sending")
              : `● ${t("offline.notSent")}`}
          {state === "pending" ? (
            <span className="block font-normal">{t("offline.queued")}</span>
          ) : null}
          {state === "failed" ? (
            <span className="block font-normal">
              {t("offline.failed", { message: item?.error ?? "" })}
            </span>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
