import { setMaxListeners } from "node:events";
import http from "node:http";
import https from "node:https";
import { Meilisearch } from "meilisearch";
import { env } from "~/utils/env.server";

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

/**
 * The client's HTTP: node:http with kept-alive connections instead of Node's fetch.
 * Every fetch to Meilisearch took ~44 ms here whatever the query (a delayed-ACK stall,
 * curl and node:http answer in ~1 ms), which alone blew the search budget. Answers
 * the parsed JSON body; a non-2xx status rejects (the client wraps the error).
 */
export function meiliHttp(
  input: Parameters<typeof fetch>[0],
  init: RequestInit = {},
): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const body =
    init.body == null
      ? undefined
      : typeof init.body === "string"
        ? init.body
        : Buffer.from(init.body as ArrayBuffer);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const transport = url.protocol === "https:" ? https : http;
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("Meilisearch request aborted"));
    // Our own abort listener, removed when done. waitForTask polls with one signal for
    // the whole wait and the client leaves a listener on it per poll (freed with the
    // signal when the wait ends): no MaxListenersExceededWarning for that.
    const onAbort = () => req.destroy(new Error("Meilisearch request aborted"));
    const done =
      <T>(settle: (v: T) => void) =>
      (v: T) => {
        signal?.removeEventListener("abort", onAbort);
        settle(v);
      };
    const ok = done(resolve);
    const fail = done(reject);
    const req = transport.request(
      url,
      {
        method: init.method ?? "GET",
        headers,
        agent: url.protocol === "https:" ? agents.https : agents.http,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", fail);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch {
            parsed = text;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return ok(parsed);
          const message = (parsed as { message?: string } | undefined)?.message ?? text;
          fail(
            Object.assign(new Error(`Meilisearch ${status}: ${message}`), { status, body: parsed }),
          );
        });
      },
    );
    if (signal) {
      setMaxListeners(0, signal);
      signal.addEventListener("abort", onAbort, { once: true });
    }
    req.on("error", fail);
    req.end(body);
  });
}

const g = globalThis as unknown as { __meili?: Meilisearch | null };

/** The Meilisearch client, or null when no server is configured. */
export function meili(): Meilisearch | null {
  if (g.__meili === undefined) {
    g.__meili = env.MEILI_URL
      ? new Meilisearch({
          host: env.MEILI_URL,
          apiKey: env.MEILI_MASTER_KEY,
          timeout: 5000,
          httpClient: meiliHttp,
        })
      : null;
  }
  return g.__meili;
}

export type SearchHealth = "ok" | "degraded" | "disabled";

export async function searchHealth(): Promise<SearchHealth> {
  const client = meili();
  if (!client || !env.MEILI_URL) return "disabled";
  try {
    await meiliHttp(new URL("/health", env.MEILI_URL), { signal: AbortSignal.timeout(1000) });
    return "ok";
  } catch {
    return "degraded";
  }
}

export const indexName = (name: string) => `${env.MEILI_INDEX_PREFIX}${name}`;
