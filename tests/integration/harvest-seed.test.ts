// The seeded na La Hiên campaign, and the auditors' check on it: the seeded day's
// inputs exported from the app's ledger, run through `npm run -s allocate` as a real
// process, give exactly the awards (and hashes) the app recorded.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ledgerAwards, ledgerInput } from "~/harvest/allocation.server";
import { prisma } from "~/utils/db.server";
import { HARVEST_SEED as S } from "../../scripts/seed/harvest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harvest-ledger-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("seeded flash harvest", () => {
  it("is an open na La Hiên campaign of HTX Na La Hiên with 40 member households on La Hiên's hills", async () => {
    const c = await prisma.harvestCampaign.findUniqueOrThrow({
      where: { id: S.campaignId },
      include: {
        households: { include: { plot: true, household: { include: { memberships: true } } } },
        stall: true,
      },
    });
    expect(c).toMatchObject({
      status: "OPEN",
      slug: "na-la-hien",
      firstDay: "2027-08-12",
      lastDay: "2027-08-21",
      cooperativeId: "coop-na-la-hien",
    });
    expect(c.households).toHaveLength(40);
    for (const h of c.households) {
      expect(
        h.household.memberships.some(
          (m) => m.cooperativeId === "coop-na-la-hien" && m.status === "ACTIVE",
        ),
      ).toBe(true);
      expect(h.plot?.latitude).toBeGreaterThanOrEqual(21.73);
      expect(h.plot?.latitude).toBeLessThanOrEqual(21.78);
      expect(h.plot?.longitude).toBeGreaterThanOrEqual(106.02);
      expect(h.plot?.longitude).toBeLessThanOrEqual(106.08);
    }
    const buyers = await prisma.preOrder.findMany({
      where: { campaignId: S.campaignId, id: { startsWith: "po-nlh-" } },
      select: { communeCode: true },
    });
    expect(buyers).toHaveLength(300);
    expect(new Set(buyers.map((b) => b.communeCode)).size).toBeGreaterThan(10);
    for (const day of S.pickedDays)
      expect(await prisma.pick.count({ where: { campaignId: S.campaignId, day } })).toBeGreaterThan(
        30,
      );
  });

  it("npm run allocate agrees with the app's ledger on the seeded day", async () => {
    const entry = await prisma.allocationEntry.findUniqueOrThrow({
      where: {
        campaignId_day_sequence: { campaignId: S.campaignId, day: S.allocatedDay, sequence: 1 },
      },
    });
    expect(entry.seed).toBe(`na-la-hien-${S.allocatedDay}`);
    const input = await ledgerInput(entry.id);
    const file = path.join(dir, "day.json");
    fs.writeFileSync(file, JSON.stringify(input));
    const r = spawnSync("npm", ["run", "-s", "allocate", "--", file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const recorded = await ledgerAwards(entry.id);
    expect(JSON.parse(r.stdout)).toEqual({ awards: recorded });
    // the day was short: not everyone got what they asked, and the sum is the supply shared
    expect(Object.values(recorded).reduce((a, b) => a + b, 0)).toBe(entry.supply);
    expect(entry.demand).toBeGreaterThan(entry.supply);
    // and the command's ledger entry carries the very hashes the app stored
    const full = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/allocate.ts", file, "--ledger"],
      { encoding: "utf8" },
    );
    const computed = JSON.parse(full.stdout);
    expect(computed.inputHash).toBe(entry.inputsHash);
    expect(computed.entryHash).toBe(entry.entryHash);
  });
});
