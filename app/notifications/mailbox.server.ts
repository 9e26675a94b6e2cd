import { data } from "@remix-run/node";
import { resetPhoneFrom } from "~/account/reset.server";
import { normalizePhone } from "~/domain/phone";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { devMailboxEnabled } from "~/utils/env.server";
import { shownBody } from "./mailbox";
import { containsText } from "~/utils/text-match.server";

/**
 * /dev/mailbox: the SMS and e-mails the system "sent" (nothing leaves the machine).
 * Off (404) in production unless DEV_MAILBOX=true (test stacks). When on, anyone
 * may look, but one-time codes are shown only to their addressee: the account
 * with that phone, or the browser that asked for the reset code.
 */
export async function mailbox(request: Request, to: string | null) {
  if (!devMailboxEnabled) throw data(null, { status: 404 });
  const [user, resetting] = await Promise.all([getUser(request), resetPhoneFrom(request)]);
  const mine = [user?.phone ?? null, resetting ? normalizePhone(resetting) : null].filter(
    (p): p is string => !!p,
  );
  const messages = await prisma.notification.findMany({
    where: to ? { to: containsText(to) } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return messages.map((m) => ({
    id: m.id,
    channel: m.channel,
    to: m.to,
    subject: m.subject,
    body: shownBody(m, mine),
    createdAt: m.createdAt.toISOString(),
  }));
}
