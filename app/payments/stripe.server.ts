import Stripe from "stripe";
import { env } from "~/utils/env.server";

// The official SDK. In dev and tests it talks to scripts/stripe-local (our
// Stripe-compatible server) through host/port/protocol; with those unset it
// talks to api.stripe.com, so real test mode is a configuration change.
const g = globalThis as unknown as { __stripe?: Stripe };

export function stripe(): Stripe {
  if (!g.__stripe) {
    if (!env.STRIPE_SECRET_KEY)
      throw new Error(
        "card payments are not configured: set STRIPE_SECRET_KEY (README, configuration)",
      );
    g.__stripe = new Stripe(env.STRIPE_SECRET_KEY, {
      ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
      ...(env.STRIPE_API_PORT ? { port: env.STRIPE_API_PORT } : {}),
      ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
      maxNetworkRetries: 2,
      timeout: 15_000,
      appInfo: { name: "xu-tra" },
    });
  }
  return g.__stripe;
}

/** Verifies the Stripe-Signature header; throws on a forged or stale payload. */
export function verifyWebhook(payload: string, signature: string | null): Stripe.Event {
  if (!signature) throw new Error("missing Stripe-Signature");
  if (!env.STRIPE_WEBHOOK_SECRET) throw new Error("STRIPE_WEBHOOK_SECRET is not configured");
  // the signature only says the body came from someone holding the secret; what
  // the event claims is checked against Stripe's API (card.server.ts)
  return stripe().webhooks.constructEvent(payload, signature, env.STRIPE_WEBHOOK_SECRET);
}
