// A small queue of form submissions kept on the phone (localStorage) until they reach
// the server: for forms filled where the signal comes and goes (a household's evening
// pick, an officer's visit in a hamlet with no coverage). Each submission carries an
// idempotency key the server records (app/offline/idempotency.server.ts), so a resend
// after a lost answer never records twice. Browser only; nothing here runs on the server.

export type QueueState = "pending" | "sending" | "sent" | "failed";

export type QueuedSubmission = {
  /** the idempotency key, sent as the `idempotencyKey` field */
  key: string;
  /** what the submission is about: a newer one for the same slot replaces an unsent older one */
  slot: string;
  action: string;
  fields: [string, string][];
  createdAt: number;
  state: QueueState;
  error?: string;
  tries: number;
  sentAt?: number;
};

const STORE = "xutra.offline.v1";
const EVENT = "xutra-offline-change";
const KEEP_SENT_MS = 24 * 3600_000;

function read(): QueuedSubmission[] {
  try {
    const raw = window.localStorage.getItem(STORE);
    const list = raw ? (JSON.parse(raw) as QueuedSubmission[]) : [];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function write(list: QueuedSubmission[]) {
  const fresh = list.filter(
    (s) => s.state !== "sent" || Date.now() - (s.sentAt ?? 0) < KEEP_SENT_MS,
  );
  try {
    window.localStorage.setItem(STORE, JSON.stringify(fresh));
  } catch {
    // storage full or disabled: the submission still goes if the network is there
  }
  window.dispatchEvent(new Event(EVENT));
}

export function submissions(): QueuedSubmission[] {
  return typeof window === "undefined" ? [] : read();
}

export function latestFor(slot: string): QueuedSubmission | undefined {
  return submissions()
    .filter((s) => s.slot === slot)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

export function newKey(): string {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Keeps a submission on the phone; an unsent older one for the same slot is dropped (the newer says it all). */
export function enqueue(
  item: Omit<QueuedSubmission, "state" | "tries" | "createdAt">,
): QueuedSubmission {
  const queued: QueuedSubmission = { ...item, state: "pending", tries: 0, createdAt: Date.now() };
  write([...read().filter((s) => !(s.slot === item.slot && s.state !== "sent")), queued]);
  return queued;
}

function update(key: string, patch: Partial<QueuedSubmission>) {
  write(read().map((s) => (s.key === key ? { ...s, ...patch } : s)));
}

export function subscribe(listener: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === STORE && listener();
  window.addEventListener(EVENT, listener);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(EVENT, listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The page's current CSRF token (the one kept with a submission may be stale after a restart). */
function currentCsrf(): string | null {
  return document.querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? null;
}

let flushing: Promise<void> | null = null;
let again = false;

/**
 * Sends what is pending, oldest first. A network failure leaves it pending (tried again
 * when the signal returns); a refusal from the server marks it failed with the
 * server's translated message; a success marks it sent. A call while a run is going
 * makes the run go round once more (what was queued meanwhile is not left behind).
 */
export function flush(): Promise<void> {
  if (typeof window === "undefined") return Promise.resolve();
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        again = false;
        if (!(await sendPending())) break;
      } while (again);
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** One pass over the queue; false when the network is gone (no point going round again). */
async function sendPending(): Promise<boolean> {
  for (const item of read()
    .filter((s) => s.state === "pending" || s.state === "sending")
    .sort((a, b) => a.createdAt - b.createdAt)) {
    if (navigator.onLine === false) return false;
    update(item.key, { state: "sending", tries: item.tries + 1 });
    const body = new URLSearchParams(
      item.fields.filter(([k]) => k !== "csrf" && k !== "idempotencyKey"),
    );
    body.set("idempotencyKey", item.key);
    body.set("csrf", currentCsrf() ?? item.fields.find(([k]) => k === "csrf")?.[1] ?? "");
    let res: Response;
    try {
      res = await fetch(item.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
    } catch {
      update(item.key, { state: "pending" });
      return false; // no signal: stop here, the rest would fail the same way
    }
    const answer = (await res.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
    if (res.ok && answer?.ok)
      update(item.key, { state: "sent", sentAt: Date.now(), error: undefined });
    else if (res.status >= 500 || res.status === 0) update(item.key, { state: "pending" });
    else
      update(item.key, {
        state: "failed",
        error: answer?.error ?? `${res.status} ${res.statusText}`,
      });
  }
  return true;
}

/** Starts sending when the signal returns and every little while; returns the stop function. */
export function startAutoFlush(everyMs = 10_000): () => void {
  const go = () => void flush();
  window.addEventListener("online", go);
  const timer = window.setInterval(() => {
    if (read().some((s) => s.state === "pending")) go();
  }, everyMs);
  go();
  return () => {
    window.removeEventListener("online", go);
    window.clearInterval(timer);
  };
}
