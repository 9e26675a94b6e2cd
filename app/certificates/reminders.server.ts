// Verified certificates 30 days before they run out (issue 12): the household (or
// cooperative) that holds it and the officer who looks after the household get an SMS
// through the notification outbox, once per certificate (expiryRemindedAt, claimed in
// the same transaction as the SMS rows, so two app processes never both send).
import { translator } from "~/i18n";
import { enqueue } from "~/search/outbox.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { CERT_REMINDER_DAYS } from "./rules";

const DAY = 86_400_000;

/** Queues the reminders due at `now`; returns how many certificates were reminded. */
export async function certificateReminderJob(now = clockNow()): Promise<number> {
  const due = await prisma.certification.findMany({
    where: {
      status: "VERIFIED",
      expiryRemindedAt: null,
      expiresAt: { gt: now, lte: new Date(now.getTime() + CERT_REMINDER_DAYS * DAY) },
    },
    select: {
      id: true,
      kind: true,
      number: true,
      expiresAt: true,
      product: { select: { name: true } },
      stall: {
        select: {
          name: true,
          phone: true,
          cooperative: { select: { phone: true } },
          household: {
            select: {
              phone: true,
              user: { select: { phone: true } },
              onboardedBy: { select: { phone: true, role: true } },
            },
          },
        },
      },
    },
    take: 200,
  });
  const t = translator("vi");
  let reminded = 0;
  for (const c of due) {
    const holder =
      c.stall.phone ??
      c.stall.household?.user?.phone ??
      c.stall.household?.phone ??
      c.stall.cooperative?.phone;
    const officer = c.stall.household?.onboardedBy;
    const params = {
      kind: t(`cert.kind.${c.kind as "OCOP" | "VIETGAP" | "ORGANIC"}`),
      number: c.number,
      what: c.product?.name ?? c.stall.name,
      date: formatDate(c.expiresAt, "vi"),
    };
    const done = await prisma.$transaction(async (tx) => {
      const claimed = await tx.certification.updateMany({
        where: { id: c.id, expiryRemindedAt: null },
        data: { expiryRemindedAt: now },
      });
      if (claimed.count !== 1) return false; // another process has it
      const subject = t("cert.reminder.subject");
      if (holder)
        await enqueue(tx, "notify.sms", holder, {
          template: "certificate.expiry",
          subject,
          body: t("cert.reminder.holder", params),
        });
      if (
        officer &&
        (officer.role === "OFFICER" || officer.role === "ADMIN") &&
        officer.phone !== holder
      )
        await enqueue(tx, "notify.sms", officer.phone, {
          template: "certificate.expiry",
          subject,
          body: t("cert.reminder.officer", { ...params, stall: c.stall.name }),
        });
      return true;
    });
    if (done) reminded++;
  }
  return reminded;
}
