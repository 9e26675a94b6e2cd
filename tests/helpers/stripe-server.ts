// The project's Stripe-compatible server (scripts/stripe-local) for a test file,
// with the app's env aimed at it, and its webhooks forwarded to the Remix action
// the way server.ts does. Start it inside vi.hoisted, before anything imports
// ~/utils/env.server (the env is parsed once):
//
//   const stripeLocal = await vi.hoisted(async () =>
//     (await import("../../tests/helpers/stripe-server")).startStripeServer("my_test"),
//   );
//   const hook = await forwardWebhooks(stripeLocal);   // after the imports
//   afterAll(() => Promise.all([stripeLocal.close(), hook.close()]));
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startStripeLocal } from "../../scripts/stripe-local/server";

export type StripeServer = Awaited<ReturnType<typeof startStripeLocal>> & { secret: string };

/** A fresh server on a free port with a random webhook secret; sets STRIPE_* for the app. */
export async function startStripeServer(name: string): Promise<StripeServer> {
  const secret = `whsec_${randomBytes(24).toString("hex")}`;
  const s = await startStripeLocal({ port: 0, webhookSecret: secret });
  Object.assign(process.env, {
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(s.port),
    STRIPE_API_PROTOCOL: "http",
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_SECRET_KEY: `sk_test_${name}`,
  });
  // the test setup may have parsed the env already (it is parsed once): aim that copy too,
  // and drop an SDK client made before
  const { env } = await import("~/utils/env.server");
  Object.assign(env, {
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: s.port,
    STRIPE_API_PROTOCOL: "http",
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_SECRET_KEY: `sk_test_${name}`,
  });
  delete (globalThis as { __stripe?: unknown }).__stripe;
  return Object.assign(s, { secret });
}

export type Delivery = { status: number; outcome: string | null };

/**
 * Forwards the server's webhook POSTs to /webhooks/stripe's action. Every answer
 * is kept in `deliveries` (status and the action's outcome), newest last.
 */
export async function forwardWebhooks(s: StripeServer) {
  const { action } = await import("~/routes/webhooks.stripe");
  const deliveries: Delivery[] = [];
  const hook = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      let r: Response;
      try {
        r = await action({
          request: new Request("http://localhost/webhooks/stripe", {
            method: "POST",
            headers: req.headers as Record<string, string>,
            body: Buffer.concat(chunks),
          }),
          params: {},
          context: {},
        });
      } catch (e) {
        // what Remix answers for a thrown error; Stripe delivers again
        r = Response.json({ outcome: `error: ${(e as Error).message}` }, { status: 500 });
      }
      const text = await r.text();
      let outcome: string | null = null;
      try {
        outcome = (JSON.parse(text) as { outcome?: string }).outcome ?? null;
      } catch {
        outcome = null;
      }
      deliveries.push({ status: r.status, outcome });
      res.writeHead(r.status).end(text);
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  s.setWebhookUrl(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe`);
  return {
    deliveries,
    close: () => new Promise<void>((r) => hook.close(() => r())),
  };
}
