// A small Stripe-compatible server for dev and tests (stripe-mock is not
// obtainable here). It speaks Stripe's wire protocol for the endpoints Xứ Trà
// uses: form-encoded bodies, Bearer auth, Idempotency-Key, Stripe error JSON,
// a hosted test checkout page, and webhooks signed exactly like Stripe's
// (Stripe-Signature: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<payload>")).
// The app reaches it only through the official SDK's host/port/protocol options.
//
// Test hooks (not Stripe API): GET /_test/events, POST /_test/events/:id/resend.
import { createHash, createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;
type Options = {
  port?: number;
  host?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  apiKey?: string;
  publicUrl?: string;
  log?: (m: string) => void;
};

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Parses Stripe's form encoding: a[b][0][c]=1 -> { a: { b: [ { c: "1" } ] } }. */
export function parseStripeForm(body: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node: Json | unknown[] = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const key: string | number = Array.isArray(node)
        ? part === ""
          ? node.length
          : Number(part)
        : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        const nextIsIndex = /^\d*$/.test(path[i + 1]);
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Json | unknown[];
      }
    });
  }
  return out;
}

export function signPayload(payload: string, secret: string, t = now()) {
  const v1 = createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

function stripeError(
  res: http.ServerResponse,
  status: number,
  type: string,
  message: string,
  extra: Json = {},
) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ error: { type, message, ...extra } }));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startStripeLocal(opts: Options = {}) {
  const log = opts.log ?? (() => undefined);
  // No default: the secret is the install's own (data/secrets.json), passed in by
  // npm start through STRIPE_WEBHOOK_SECRET, or a test's random one.
  const secret = opts.webhookSecret;
  if (opts.webhookUrl && !secret)
    throw new Error("stripe-local: a webhook URL needs a webhookSecret (STRIPE_WEBHOOK_SECRET)");
  const sessions = new Map<string, Json>();
  const intents = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const events = new Map<
    string,
    { event: Json; deliveries: { at: number; status: number | string }[] }
  >();
  const idempotent = new Map<string, { hash: string; status: number; body: string }>();
  let publicUrl = opts.publicUrl ?? "";

  async function deliver(eventId: string) {
    const entry = events.get(eventId)!;
    if (!opts.webhookUrl) return "no webhook url";
    if (!secret) return "no webhook secret";
    const payload = JSON.stringify(entry.event, null, 2);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(opts.webhookUrl, {
          method: "POST",
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "Stripe-Signature": signPayload(payload, secret),
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: payload,
        });
        entry.deliveries.push({ at: now(), status: res.status });
        if (res.ok) return res.status;
      } catch (e) {
        entry.deliveries.push({ at: now(), status: String((e as Error).message) });
      }
      await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    }
    return entry.deliveries.at(-1)?.status ?? "failed";
  }

  function emit(type: string, object: Json) {
    const event = {
      id: id("evt"),
      object: "event",
      api_version: "2025-01-01",
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
    events.set(event.id, { event, deliveries: [] });
    return event.id;
  }

  function createSession(p: Json): Json {
    const items = (p.line_items as Json[] | undefined) ?? [];
    if (!items.length)
      throw Object.assign(new Error("line_items is required"), { param: "line_items" });
    let amount = 0;
    const currency = String(
      (items[0].price_data as Json | undefined)?.currency ?? p.currency ?? "vnd",
    ).toLowerCase();
    const display = items.map((li) => {
      const pd = li.price_data as Json;
      const unit = Number(pd?.unit_amount);
      const qty = Number(li.quantity ?? 1);
      if (!Number.isSafeInteger(unit) || unit < 0 || !Number.isSafeInteger(qty) || qty < 1)
        throw Object.assign(new Error("Invalid integer: unit_amount/quantity"), {
          param: "line_items",
        });
      amount += unit * qty;
      return {
        name: String((pd.product_data as Json | undefined)?.name ?? ""),
        quantity: qty,
        unit_amount: unit,
      };
    });
    const session: Json = {
      id: id("cs_test"),
      object: "checkout.session",
      mode: p.mode ?? "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: amount,
      amount_total: amount,
      currency,
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      metadata: p.metadata ?? {},
      success_url: p.success_url,
      cancel_url: p.cancel_url ?? null,
      expires_at: p.expires_at ? Number(p.expires_at) : now() + 24 * 3600,
      created: now(),
      livemode: false,
      payment_intent: null,
      _line_items: display,
      _pi_metadata: (p.payment_intent_data as Json | undefined)?.metadata ?? {},
    };
    session.url = `${publicUrl}/pay/${session.id}`;
    sessions.set(String(session.id), session);
    return session;
  }

  const publicSession = (s: Json) =>
    Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith("_")));

  function completeSession(s: Json) {
    if (s.status !== "open") return false;
    const pi: Json = {
      id: id("pi"),
      object: "payment_intent",
      amount: s.amount_total,
      amount_received: s.amount_total,
      currency: s.currency,
      status: "succeeded",
      metadata: s._pi_metadata,
      created: now(),
      livemode: false,
      latest_charge: id("ch"),
    };
    intents.set(String(pi.id), pi);
    Object.assign(s, { status: "complete", payment_status: "paid", payment_intent: pi.id });
    return emit("checkout.session.completed", publicSession(s));
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) {
    const auth = req.headers.authorization ?? "";
    const key = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!key || (opts.apiKey ? key !== opts.apiKey : !/^sk_test_/.test(key)))
      return stripeError(res, 401, "invalid_request_error", "Invalid API Key provided");
    const params = parseStripeForm(body);
    const idemKey = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
    const cacheKey = typeof idemKey === "string" ? `${key} ${url.pathname} ${idemKey}` : null;
    const hash = createHash("sha256").update(body).digest("hex");
    if (cacheKey && idempotent.has(cacheKey)) {
      const hit = idempotent.get(cacheKey)!;
      if (hit.hash !== hash)
        return stripeError(
          res,
          400,
          "idempotency_error",
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        );
      res.writeHead(hit.status, {
        "Content-Type": "application/json",
        "Idempotent-Replayed": "true",
      });
      return res.end(hit.body);
    }
    const send = (status: number, obj: Json) => {
      const text = JSON.stringify(obj);
      if (cacheKey) idempotent.set(cacheKey, { hash, status, body: text });
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req") });
      res.end(text);
    };
    const m = url.pathname.match(
      /^\/v1\/(checkout\/sessions|payment_intents|refunds)(?:\/([^/]+))?(?:\/(expire))?$/,
    );
    if (!m)
      return stripeError(
        res,
        404,
        "invalid_request_error",
        `Unrecognized request URL (${req.method}: ${url.pathname}).`,
      );
    const [, resource, objectId, verb] = m;
    try {
      if (resource === "checkout/sessions") {
        if (req.method === "POST" && !objectId)
          return send(200, publicSession(createSession(params)));
        const s = sessions.get(objectId ?? "");
        if (!s)
          return stripeError(
            res,
            404,
            "invalid_request_error",
            `No such checkout.session: '${objectId}'`,
            { code: "resource_missing" },
          );
        if (req.method === "POST" && verb === "expire") {
          if (s.status === "open") {
            s.status = "expired";
            const ev = emit("checkout.session.expired", publicSession(s));
            void deliver(ev);
          }
          return send(200, publicSession(s));
        }
        if (req.method === "GET") return send(200, publicSession(s));
      }
      if (resource === "payment_intents" && req.method === "GET" && objectId) {
        const pi = intents.get(objectId);
        return pi
          ? send(200, pi)
          : stripeError(
              res,
              404,
              "invalid_request_error",
              `No such payment_intent: '${objectId}'`,
              { code: "resource_missing" },
            );
      }
      if (resource === "refunds" && req.method === "POST" && !objectId) {
        const pi = intents.get(String(params.payment_intent ?? ""));
        if (!pi)
          return stripeError(res, 400, "invalid_request_error", "No such payment_intent", {
            param: "payment_intent",
            code: "resource_missing",
          });
        const already = [...refunds.values()]
          .filter((r) => r.payment_intent === pi.id)
          .reduce((s, r) => s + Number(r.amount), 0);
        const amount =
          params.amount !== undefined ? Number(params.amount) : Number(pi.amount) - already;
        if (!Number.isSafeInteger(amount) || amount <= 0 || already + amount > Number(pi.amount))
          return stripeError(
            res,
            400,
            "invalid_request_error",
            `Refund amount (${amount}) is greater than unrefunded amount on charge (${Number(pi.amount) - already})`,
            { code: "amount_too_large" },
          );
        const refund: Json = {
          id: id("re"),
          object: "refund",
          amount,
          currency: pi.currency,
          payment_intent: pi.id,
          status: "succeeded",
          metadata: params.metadata ?? {},
          created: now(),
        };
        refunds.set(String(refund.id), refund);
        void deliver(emit("refund.created", refund));
        return send(200, refund);
      }
      if (resource === "refunds" && req.method === "GET" && objectId) {
        const r = refunds.get(objectId);
        return r
          ? send(200, r)
          : stripeError(res, 404, "invalid_request_error", `No such refund: '${objectId}'`, {
              code: "resource_missing",
            });
      }
      return stripeError(res, 405, "invalid_request_error", "Method not allowed");
    } catch (e) {
      return stripeError(res, 400, "invalid_request_error", (e as Error).message, {
        param: (e as { param?: string }).param,
      });
    }
  }

  function payPage(s: Json) {
    const fmt = (n: number) =>
      s.currency === "vnd"
        ? `${new Intl.NumberFormat("vi-VN").format(n)} ₫`
        : `${(n / 100).toFixed(2)} ${String(s.currency).toUpperCase()}`;
    const items = (s._line_items as { name: string; quantity: number; unit_amount: number }[])
      .map(
        (li) =>
          `<li>${escapeHtml(li.name)} × ${li.quantity} — ${fmt(li.unit_amount * li.quantity)}</li>`,
      )
      .join("");
    const open = s.status === "open";
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Test checkout</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:2rem auto;padding:0 1rem}button{font-size:1.1rem;padding:.8rem;width:100%;margin:.4rem 0;border-radius:8px;border:0}.pay{background:#635bff;color:#fff}.cancel{background:#eee}</style></head>
<body><p><strong>Stripe test mode</strong> (local test server)</p><h1>${fmt(Number(s.amount_total))}</h1><ul>${items}</ul>
<p>Card 4242 4242 4242 4242 — test payment, no money moves.</p>
${
  open
    ? `<form method="post" action="/pay/${s.id}/complete"><button class="pay" type="submit">Pay ${fmt(Number(s.amount_total))}</button></form>
<form method="post" action="/pay/${s.id}/cancel"><button class="cancel" type="submit">Cancel</button></form>`
    : `<p>Session ${escapeHtml(String(s.status))}.</p>`
}
</body></html>`;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://local");
      try {
        if (url.pathname.startsWith("/v1/")) return await api(req, res, url, body);
        const pay = url.pathname.match(/^\/pay\/([^/]+)(?:\/(complete|cancel))?$/);
        if (pay) {
          const s = sessions.get(pay[1]);
          if (!s) return void res.writeHead(404).end("No such session");
          if (req.method === "GET")
            return void res
              .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
              .end(payPage(s));
          if (pay[2] === "complete") {
            const ev = completeSession(s);
            if (ev) log(`session ${s.id} paid; webhook ${await deliver(ev)}`);
            return void res
              .writeHead(303, {
                Location: String(s.success_url).replace("{CHECKOUT_SESSION_ID}", String(s.id)),
              })
              .end();
          }
          return void res.writeHead(303, { Location: String(s.cancel_url ?? "/") }).end();
        }
        if (url.pathname === "/_test/events" && req.method === "GET") {
          res.writeHead(200, { "Content-Type": "application/json" });
          return void res.end(
            JSON.stringify(
              [...events.values()].map((e) => ({
                id: e.event.id,
                type: e.event.type,
                deliveries: e.deliveries,
                object: (e.event.data as Json).object,
              })),
            ),
          );
        }
        const resend = url.pathname.match(/^\/_test\/events\/([^/]+)\/resend$/);
        if (resend && req.method === "POST") {
          if (!events.has(resend[1])) return void res.writeHead(404).end("No such event");
          const status = await deliver(resend[1]);
          res.writeHead(200, { "Content-Type": "application/json" });
          return void res.end(JSON.stringify({ id: resend[1], status }));
        }
        if (url.pathname === "/health") return void res.writeHead(200).end("ok");
        res.writeHead(404).end("Not found");
      } catch (e) {
        stripeError(res, 500, "api_error", (e as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(opts.port ?? 12111, opts.host ?? "127.0.0.1", resolve),
  );
  const port = (server.address() as AddressInfo).port;
  publicUrl ||= `http://localhost:${port}`;
  return {
    port,
    url: publicUrl,
    setWebhookUrl: (u: string) => void (opts.webhookUrl = u),
    completeSession: async (sessionId: string) => {
      const s = sessions.get(sessionId);
      const ev = s ? completeSession(s) : false;
      if (ev) await deliver(ev);
      return ev || null;
    },
    resend: (eventId: string) => deliver(eventId),
    events: () => [...events.values()].map((e) => e.event),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// `tsx scripts/stripe-local/server.ts`: run on its own (npm start supervises it).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const port = Number(process.env.STRIPE_LOCAL_PORT ?? 12111);
  const s = await startStripeLocal({
    port,
    host: process.env.STRIPE_LOCAL_HOST ?? "127.0.0.1",
    webhookUrl: process.env.STRIPE_LOCAL_WEBHOOK_URL,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
    publicUrl: process.env.STRIPE_LOCAL_PUBLIC_URL,
    apiKey: process.env.STRIPE_LOCAL_API_KEY,
    log: (m) => console.log(`[stripe-local] ${m}`),
  });
  console.log(`[stripe-local] listening on ${s.url}`);
  process.send?.({ type: "listening", port: s.port });
  const stop = () => void s.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (process.send) process.on("disconnect", stop);
}
