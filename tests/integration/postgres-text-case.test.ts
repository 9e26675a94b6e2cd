// Filter boxes ignore case on both databases (issue 14, decision 0093): SQLite's LIKE did it
// for free, PostgreSQL's does not. Runs in both passes.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.DEV_MAILBOX = "true"; // before the app's env is parsed
});
const { mailbox } = await import("~/notifications/mailbox.server");
const { prisma, usesPostgres } = await import("~/utils/db.server");
const { containsText } = await import("~/utils/text-match.server");

describe("case-insensitive filters", () => {
  it("the dev mailbox's 'to' finds an address typed in any case", async () => {
    const tag = randomBytes(4).toString("hex");
    const to = `Lan.Hoang+${tag}@Example.VN`;
    await prisma.notification.create({ data: { channel: "EMAIL", to, body: "Xin chào" } });
    for (const typed of [to.toLowerCase(), to.toUpperCase(), `hoang+${tag}@example`]) {
      const found = await mailbox(new Request("http://localhost/dev/mailbox"), typed);
      expect(found.map((m) => m.to)).toEqual([to]);
    }
  });

  it("containsText: any case of ASCII letters on both; Vietnamese capitals too on PostgreSQL", async () => {
    const tag = randomBytes(4).toString("hex");
    const u = await prisma.user.create({
      data: {
        phone: `+8490${Date.now().toString().slice(-7)}`,
        name: `Hoàng Thị Lan ${tag}`,
        passwordHash: "x",
        role: "BUYER",
      },
    });
    // SQLite's LIKE folds ASCII letters only; PostgreSQL's ILIKE folds "À" to "à" as well
    const typed = [`hoàng thị lan ${tag}`, `HOàNG THị LAN ${tag.toUpperCase()}`, `thị Lan`];
    if (usesPostgres) typed.push(`HOÀNG THỊ LAN ${tag}`);
    for (const text of typed)
      expect(
        (await prisma.user.findMany({ where: { name: containsText(text) } })).map((x) => x.id),
      ).toContain(u.id);
  });
});
