// Cooperative membership needs the household's consent (docs/decisions/0041): an
// invitation the household accepts in its console, or an officer who witnesses it.
import { describe, expect, it } from "vitest";
import {
  nextStatus,
  STEPS,
  MEMBERSHIP_STATUSES,
  type MembershipParty,
  type MembershipStep,
} from "~/domain/membership";
import { action as membersAction } from "~/routes/console.coop.members";
import { action as consoleAction, loader as consoleLoader } from "~/routes/console._index";
import {
  action as officerAction,
  loader as officerLoader,
} from "~/routes/officer.households._index";
import { action as newProduct } from "~/routes/console.stalls.$stallId.products.new";
import { checkBatchRefs } from "~/trace/batches.server";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../helpers/http";
import { uid } from "../helpers/seller";

const LA_BANG = "0914000001"; // manager of coop-la-bang
const OFFICER = "0912000004";
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const location = (r: unknown) => (r instanceof Response ? r.headers.get("Location") : null);
const membership = (cooperativeId: string, householdId: string) =>
  prisma.membership.findUnique({
    where: { cooperativeId_householdId: { cooperativeId, householdId } },
  });

async function productFor(manager: Awaited<ReturnType<typeof client>>, householdId: string) {
  return status(
    await settle(() =>
      newProduct(
        args(post(manager, "/x", { name: `Chè ${uid()}`, intent: "draft", householdId }), {
          stallId: "stall-coop-la-bang",
        }),
      ),
    ),
  );
}
const batchRefsFor = async (householdId: string) => {
  const stall = await prisma.stall.findUniqueOrThrow({ where: { id: "stall-coop-la-bang" } });
  const product = await prisma.product.findFirstOrThrow({
    where: { stallId: stall.id, deletedAt: null },
  });
  return checkBatchRefs(stall, {
    productId: product.id,
    householdId,
    harvestedAt: "2026-01-01",
    lot: "X",
  } as never);
};

describe("membership rules", () => {
  it("each step is open only to its party and from its states", () => {
    const parties: MembershipParty[] = ["cooperative", "household", "officer"];
    for (const step of Object.keys(STEPS) as MembershipStep[])
      for (const party of parties)
        for (const from of [null, ...MEMBERSHIP_STATUSES]) {
          const to = nextStatus(from, step, party);
          if (party !== STEPS[step].by) expect(to).toBeNull();
          // nobody but the household itself or an officer makes a household ACTIVE
          if (to === "ACTIVE") expect(["household", "officer"]).toContain(party);
        }
    expect(nextStatus(null, "invite", "cooperative")).toBe("INVITED");
    expect(nextStatus("ACTIVE", "invite", "cooperative")).toBeNull();
  });
});

describe("cooperative membership with consent", () => {
  it("another cooperative cannot take a household as its member, nor name it on products or batches, without its consent", async () => {
    const m = await client(LA_BANG);
    // hh-004 belongs to HTX Hảo Đạt; HTX La Bằng adds it by phone
    await prisma.membership.deleteMany({
      where: { cooperativeId: "coop-la-bang", householdId: "hh-004" },
    });
    expect(
      status(
        await settle(() =>
          membersAction(args(post(m, "/x", { _action: "add", phone: "0913000004" }))),
        ),
      ),
    ).toBe(302);
    expect((await membership("coop-la-bang", "hh-004"))?.status).toBe("INVITED");
    expect(await productFor(m, "hh-004")).toBe(400);
    expect((await batchRefsFor("hh-004")).errors.householdId).toEqual(["batches.error.household"]);
    // the household was told, and declines in its console
    expect(
      await prisma.outbox.count({
        where: {
          topic: "notify.sms",
          key: "+84913000004",
          payload: { contains: "membership.invited" },
        },
      }),
    ).toBeGreaterThan(0);
    const household = await client("0913000004");
    const page = (await consoleLoader(args(get(household, "/console")))) as {
      memberships: { id: string; status: string; cooperative: string }[];
    };
    const invitation = page.memberships.find(
      (x) => x.status === "INVITED" && x.cooperative === "HTX Chè La Bằng",
    )!;
    expect(
      location(
        await settle(() =>
          consoleAction(
            args(post(household, "/console", { _action: "decline", membershipId: invitation.id })),
          ),
        ),
      ),
    ).toBe("/console?member=decline");
    expect((await membership("coop-la-bang", "hh-004"))?.status).toBe("DECLINED");
    expect(await productFor(m, "hh-004")).toBe(400);
    // accepting later is no longer possible: the invitation is answered
    expect(
      location(
        await settle(() =>
          consoleAction(
            args(post(household, "/console", { _action: "accept", membershipId: invitation.id })),
          ),
        ),
      ),
    ).toBe("/console?member=gone");
    expect((await membership("coop-la-bang", "hh-004"))?.status).toBe("DECLINED");
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: "membership.decline", onBehalfOfId: "hh-004" },
      orderBy: { at: "desc" },
    });
    expect(log.actorId).toBe(household.userId);
  });

  it("a household answers only its own invitations; a manager cannot accept for it", async () => {
    const m = await client(LA_BANG);
    await prisma.membership.deleteMany({
      where: { cooperativeId: "coop-la-bang", householdId: "hh-045" },
    });
    await settle(() => membersAction(args(post(m, "/x", { _action: "add", phone: "0913000045" }))));
    const inv = (await membership("coop-la-bang", "hh-045"))!;
    const stranger = await client("0913000044");
    expect(
      location(
        await settle(() =>
          consoleAction(
            args(post(stranger, "/console", { _action: "accept", membershipId: inv.id })),
          ),
        ),
      ),
    ).toBe("/console?member=gone");
    expect(
      status(
        await settle(() =>
          consoleAction(args(post(m, "/console", { _action: "accept", membershipId: inv.id }))),
        ),
      ),
    ).toBe(403);
    expect((await membership("coop-la-bang", "hh-045"))?.status).toBe("INVITED");
    // and without the CSRF token, the household's own answer is refused
    const owner = await client("0913000045");
    expect(
      status(
        await settle(() =>
          consoleAction(
            args(
              post(owner, "/console", { _action: "accept", membershipId: inv.id }, { csrf: false }),
            ),
          ),
        ),
      ),
    ).toBe(403);
    expect((await membership("coop-la-bang", "hh-045"))?.status).toBe("INVITED");
  });

  it("an extension officer witnesses the household's consent; then the cooperative may list for it, until the household leaves", async () => {
    const m = await client(LA_BANG);
    await prisma.membership.deleteMany({
      where: { cooperativeId: "coop-la-bang", householdId: "hh-046" },
    });
    await settle(() => membersAction(args(post(m, "/x", { _action: "add", phone: "0913000046" }))));
    const officer = await client(OFFICER);
    const page = (await officerLoader(args(get(officer, "/officer/households?q=0913000046")))) as {
      households: { id: string; invitations: { id: string }[] }[];
    };
    const inv = page.households.find((h) => h.id === "hh-046")!.invitations[0]!;
    expect(
      location(
        await settle(() =>
          officerAction(args(post(officer, "/x", { _action: "witness", membershipId: inv.id }))),
        ),
      ) ?? "",
    ).toContain("done=witnessed");
    const row = (await membership("coop-la-bang", "hh-046"))!;
    expect(row).toMatchObject({ status: "ACTIVE", witnessedById: officer.userId });
    expect(await productFor(m, "hh-046")).toBe(302);
    expect((await batchRefsFor("hh-046")).errors.householdId).toBeUndefined();
    // a second witness (double click) changes nothing
    expect(
      location(
        await settle(() =>
          officerAction(args(post(officer, "/x", { _action: "witness", membershipId: inv.id }))),
        ),
      ) ?? "",
    ).toContain("done=gone");
    // the household leaves on its own
    const household = await client("0913000046");
    expect(
      location(
        await settle(() =>
          consoleAction(
            args(post(household, "/console", { _action: "leave", membershipId: row.id })),
          ),
        ),
      ),
    ).toBe("/console?member=leave");
    expect((await membership("coop-la-bang", "hh-046"))?.status).toBe("LEFT");
    expect(await productFor(m, "hh-046")).toBe(400);
    expect(
      await prisma.auditLog.count({
        where: {
          onBehalfOfId: "hh-046",
          action: { in: ["membership.invite", "membership.witness", "membership.leave"] },
        },
      }),
    ).toBe(3);
  });

  it("a household accepting while the cooperative withdraws: exactly one of them wins", async () => {
    const m = await client(LA_BANG);
    await prisma.membership.deleteMany({
      where: { cooperativeId: "coop-la-bang", householdId: "hh-047" },
    });
    await settle(() => membersAction(args(post(m, "/x", { _action: "add", phone: "0913000047" }))));
    const inv = (await membership("coop-la-bang", "hh-047"))!;
    const household = await client("0913000047");
    const [accepted, withdrawn] = await Promise.all([
      settle(() =>
        consoleAction(
          args(post(household, "/console", { _action: "accept", membershipId: inv.id })),
        ),
      ),
      settle(() => membersAction(args(post(m, "/x", { _action: "remove", membershipId: inv.id })))),
    ]);
    const final = (await membership("coop-la-bang", "hh-047"))!.status;
    const householdWon = location(accepted) === "/console?member=accept";
    const coopWon = status(withdrawn) === 302;
    // both may win only in order: accepted first, then removed (an ACTIVE member may be removed)
    if (householdWon && coopWon) expect(final).toBe("LEFT");
    else if (householdWon) expect(final).toBe("ACTIVE");
    else expect(final).toBe("LEFT");
    expect(householdWon || coopWon).toBe(true);
  });

  it("memberships from before consent existed stay valid (migrated as accepted)", async () => {
    const seeded = await prisma.membership.findMany({
      where: { id: { startsWith: "m-coop-hao-dat-" } },
    });
    expect(seeded.length).toBeGreaterThan(0);
    for (const s of seeded.filter((x) => x.status === "ACTIVE"))
      expect(s.acceptedAt).not.toBeNull();
  });
});
