// What the dev mailbox may show. One-time codes (password reset, payout-account
// confirmation: six digits on their own) are masked unless the person asking is
// the one they were sent to. Pure, so the rule is tested without a server.

const CODE = /(?<!\d)\d{6}(?!\d)/g;

export function maskCodes(body: string): string {
  return body.replace(CODE, "••••••");
}

/**
 * The viewer's own numbers (E.164): the logged-in account's phone, and the number
 * this browser is resetting (the signed reset cookie from /forgot-password).
 */
export function shownBody(
  message: { channel: string; to: string; body: string },
  viewerPhones: readonly string[],
): string {
  if (message.channel === "SMS" && viewerPhones.includes(message.to)) return message.body;
  return maskCodes(message.body);
}
