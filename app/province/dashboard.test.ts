import { describe, expect, it } from "vitest";
import { loader } from "~/routes/officer.dashboard";
import { prisma } from "~/utils/db.server";
import { client, get, settle } from "../../tests/helpers/http";

// The dashboard's province totals against the records counted another way.
const args = (request: Request) => ({ request, params: {}, context: {} });

describe("the province dashboard", () => {
  it("totals agree with the records; every commune is charted from the same rows", async () => {
    const page = (await loader(args(get(await client("0912000005"), "/officer/dashboard")))) as {
      totals: Record<string, number>;
      communes: { communeCode: string; householdsTrained: number }[];
    };
    expect(page.totals.households).toBe(await prisma.household.count());
    expect(page.totals.householdsTrained).toBe(
      await prisma.household.count({ where: { onboarding: { some: { kind: "TRAINING" } } } }),
    );
    expect(page.totals.stallsOpen).toBe(
      await prisma.stall.count({ where: { status: "OPEN", banned: false } }),
    );
    expect(page.totals.productsListed).toBe(
      await prisma.product.count({ where: { status: "ACTIVE" } }),
    );
    expect(new Set(page.communes.map((c) => c.communeCode)).size).toBe(page.communes.length);
  });

  it("is refused to buyers; guests go to the login", async () => {
    const buyer = await settle(async () =>
      loader(args(get(await client("0912000001"), "/officer/dashboard"))),
    );
    expect((buyer as Response).status).toBe(403);
    const guest = await settle(() => loader(args(get(null, "/officer/dashboard"))));
    expect((guest as Response).headers.get("Location")).toMatch(/^\/login/);
  });
});
