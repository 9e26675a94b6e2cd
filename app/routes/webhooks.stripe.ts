import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent } from "~/payments/card.server";
import { verifyWebhook } from "~/payments/stripe.server";

// Stripe webhooks. Authenticated by signature (server.ts lets /webhooks/
// through its Origin check); idempotent by event id (see handleStripeEvent).

// Stripe events are a few KB; the endpoint is public, so nobody gets to make
// the server buffer megabytes before the signature is even checked.
const MAX_BYTES = 1024 * 1024;

async function readCapped(request: Request): Promise<string | null> {
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8"); // the raw body: the signature covers exact bytes
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  const payload = await readCapped(request);
  if (payload === null) return Response.json({ error: "payload too large" }, { status: 413 });
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
