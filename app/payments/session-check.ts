// What a completed Checkout Session must look like, as Stripe's API reports it,
// before a payment is marked paid. Pure: card.server.ts fetches both sides.
// docs/decisions/0038: the webhook body is only a hint to go and ask Stripe.

/** The fields of a Stripe Checkout Session this check reads. */
export type StripeSessionFacts = {
  id: string;
  status: string | null;
  payment_status: string;
  amount_total: number | null;
  currency: string | null;
  client_reference_id?: string | null;
  metadata?: Record<string, string> | null;
};

/** What we asked Stripe to collect (the Payment row written when the session was created). */
export type ExpectedPayment = {
  sessionId: string;
  checkoutId: string;
  amountVnd: number;
  currency: "vnd";
};

export type SessionMismatch = "session" | "status" | "unpaid" | "amount" | "currency" | "checkout";

/** Empty when the session is paid, complete and for exactly our checkout's amount and currency. */
export function sessionMismatches(
  session: StripeSessionFacts,
  expected: ExpectedPayment,
): SessionMismatch[] {
  const out: SessionMismatch[] = [];
  if (session.id !== expected.sessionId) out.push("session");
  if (session.status !== "complete") out.push("status");
  if (session.payment_status !== "paid") out.push("unpaid");
  // VND is zero-decimal for Stripe: amount_total is whole đồng
  if (session.amount_total !== expected.amountVnd) out.push("amount");
  if ((session.currency ?? "").toLowerCase() !== expected.currency) out.push("currency");
  const ref = session.client_reference_id ?? session.metadata?.checkoutId ?? null;
  if (ref !== expected.checkoutId) out.push("checkout");
  return out;
}
