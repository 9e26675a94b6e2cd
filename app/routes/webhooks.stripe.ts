import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent } from "~/payments/card.server";
import { verifyWebhook } from "~/payments/stripe.server";

// Stripe webhooks. Authenticated by signature (server.ts lets /webhooks/
// through its Origin check); idempotent by event id (see handleStripeEvent).
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  const payload = await request.text(); // the raw body: the signature covers exact bytes
  let event;
  try {
    event = verifyWebhook(payload, request.headers.get("Stripe-Signature"));
  } catch (e) {
    return Response.json({ error: `signature: ${(e as Error).message}` }, { status: 400 });
  }
  const outcome = await handleStripeEvent(event);
  return Response.json({ received: true, outcome });
}

export function loader() {
  return new Response("Method not allowed", { status: 405 });
}
