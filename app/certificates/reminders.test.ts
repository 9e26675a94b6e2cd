import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { uid } from "../../tests/helpers/seller";
import { certificateReminderJob } from "./reminders.server";

// The expiry reminder against the real database and outbox.
const DAY = 86_400_000;
const smsAbout = async (number: string) =>
  (await prisma.outbox.findMany({ where: { topic: "notify.sms" } }))
    .filter((o) => o.payload.includes(number))
    .map((o) => ({ to: o.key, ...(JSON.parse(o.payload) as { template: string; body: string }) }));

async function cert(expiresInDays: number, status = "VERIFIED") {
  return prisma.certification.create({
    data: {
      kind: "VIETGAP",
      issuer: "Trung tâm (test)",
      number: `VG-NHAC-${uid()}`,
      issuedAt: new Date(Date.now() - 300 * DAY),
      expiresAt: new Date(Date.now() + expiresInDays * DAY),
      documentPath: "test.pdf",
      status,
      stallId: "stall-hh-001",
    },
  });
}

describe("certificate expiry reminders", () => {
  it("30 days before expiry the household and its officer get one SMS each, once", async () => {
    const soon = await cert(20);
    const later = await cert(45);
    const pending = await cert(20, "PENDING");
    expect(await certificateReminderJob()).toBeGreaterThanOrEqual(1);
    const stall = await prisma.stall.findUniqueOrThrow({
      where: { id: "stall-hh-001" },
      include: { household: { include: { onboardedBy: true } } },
    });
    const sms = await smsAbout(soon.number);
    expect(sms.map((s) => s.to).sort()).toEqual(
      [stall.phone, stall.household!.onboardedBy!.phone].sort(),
    );
    expect(sms.every((s) => s.template === "certificate.expiry")).toBe(true);
    expect(sms[0].body).toContain(soon.number);
    expect(
      (await prisma.certification.findUniqueOrThrow({ where: { id: soon.id } })).expiryRemindedAt,
    ).not.toBeNull();
    expect(await smsAbout(later.number)).toEqual([]);
    expect(await smsAbout(pending.number)).toEqual([]);
    // the next run sends nothing more
    await certificateReminderJob();
    expect(await smsAbout(soon.number)).toHaveLength(2);
    // two processes at once: still one pair
    const racing = await cert(10);
    await Promise.all([certificateReminderJob(), certificateReminderJob()]);
    expect(await smsAbout(racing.number)).toHaveLength(2);
  });
});
