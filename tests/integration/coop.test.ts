import { describe, expect, it } from "vitest";
import { action as coopOrdersAction, loader as coopOrders } from "~/routes/console.coop.orders";
import { action as membersAction, loader as members } from "~/routes/console.coop.members";
import { action as consoleAction } from "~/routes/console._index";
import { action as newProduct } from "~/routes/console.stalls.$stallId.products.new";
import { action as editProduct } from "~/routes/console.products.$productId";
import { loader as slipsLoader } from "~/routes/console.orders.slips";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../helpers/http";
import { createOrder, uid } from "../helpers/seller";

const MANAGER = "0912000003"; // coop-hao-dat
const OTHER_MANAGER = "0914000001"; // coop-la-bang
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

describe("cooperative members", () => {
  it("invites a household by phone, acts for it once it accepts, then lets it leave (and can no longer act for it)", async () => {
    const m = await client(MANAGER);
    await prisma.membership.deleteMany({
      where: { cooperativeId: "coop-hao-dat", householdId: "hh-050" },
    });
    const bad = await settle(() =>
      membersAction(args(post(m, "/x", { _action: "add", phone: "0999" }))),
    );
    expect((bad as { data: { error: string; phone: string } }).data).toEqual({
      error: "form.phoneInvalid",
      phone: "0999",
    });
    expect(
      status(
        await settle(() =>
          membersAction(args(post(m, "/x", { _action: "add", phone: "0913 000 050" }))),
        ),
      ),
    ).toBe(302);
    const again = await settle(() =>
      membersAction(args(post(m, "/x", { _action: "add", phone: "0913000050" }))),
    );
    expect((again as { data: { error: string } }).data.error).toBe("coop.alreadyInvited");
    const list = (await members(args(get(m, "/console/coop/members")))) as {
      members: { id: string; householdId: string; status: string }[];
    };
    const mine = list.members.find((x) => x.householdId === "hh-050")!;
    expect(mine.status).toBe("INVITED");
    // the household answers in its own console
    const household = await client("0913000050");
    expect(
      status(
        await settle(() =>
          consoleAction(
            args(post(household, "/console", { _action: "accept", membershipId: mine.id })),
          ),
        ),
      ),
    ).toBe(302);
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
      "ACTIVE",
    );
    expect(
      (
        (await settle(() =>
          membersAction(args(post(m, "/x", { _action: "add", phone: "0913000050" }))),
        )) as { data: { error: string } }
      ).data.error,
    ).toBe("coop.alreadyMember");

    const name = `Chè hộ mới ${uid()}`;
    expect(
      status(
        await settle(() =>
          newProduct(
            args(post(m, "/x", { name, intent: "draft", householdId: "hh-050" }), {
              stallId: "stall-coop-hao-dat",
            }),
          ),
        ),
      ),
    ).toBe(302);
    const p = await prisma.product.findFirstOrThrow({ where: { name } });
    // editing on the member's behalf is audited with the household
    await settle(() =>
      editProduct(
        args(post(m, "/x", { name: `${name} (sửa)`, intent: "draft", householdId: "hh-050" }), {
          productId: p.id,
        }),
      ),
    );
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: p.id, action: "product.update" },
    });
    expect(log).toMatchObject({ actorId: m.userId, onBehalfOfId: "hh-050" });

    expect(
      status(
        await settle(() =>
          membersAction(args(post(m, "/x", { _action: "remove", membershipId: mine.id }))),
        ),
      ),
    ).toBe(302);
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
      "LEFT",
    );
    const after = await settle(() =>
      newProduct(
        args(post(m, "/x", { name: `${name} 2`, intent: "draft", householdId: "hh-050" }), {
          stallId: "stall-coop-hao-dat",
        }),
      ),
    );
    expect(status(after)).toBe(400);
  });

  it("a manager cannot remove another cooperative's member; households and buyers cannot use the page", async () => {
    const other = await client(OTHER_MANAGER);
    const membership = await prisma.membership.findFirstOrThrow({
      where: { cooperativeId: "coop-hao-dat", status: "ACTIVE" },
    });
    expect(
      status(
        await settle(() =>
          membersAction(
            args(post(other, "/x", { _action: "remove", membershipId: membership.id })),
          ),
        ),
      ),
    ).toBe(404);
    expect(
      (await prisma.membership.findUniqueOrThrow({ where: { id: membership.id } })).status,
    ).toBe("ACTIVE");
    const theirs = (await members(args(get(other, "/x")))) as { members: { id: string }[] };
    expect(theirs.members.map((x) => x.id)).not.toContain(membership.id);
    for (const phone of ["0912000002", "0912000001", "0912000004"]) {
      const c = await client(phone);
      expect(status(await settle(() => members(args(get(c, "/x")))))).toBe(403);
      expect(
        status(
          await settle(() =>
            membersAction(args(post(c, "/x", { _action: "remove", membershipId: membership.id }))),
          ),
        ),
      ).toBe(403);
    }
  });
});

describe("consolidated cooperative orders", () => {
  it("lists only the cooperative's orders, moves many at once and prints their slips together", async () => {
    const m = await client(MANAGER);
    const v = await prisma.variant.findFirstOrThrow({
      where: {
        product: { stallId: "stall-coop-hao-dat", status: "ACTIVE" },
        active: true,
        stock: { gt: 5 },
      },
    });
    const a = await createOrder({ stallId: "stall-coop-hao-dat", variantId: v.id });
    const b = await createOrder({ stallId: "stall-coop-hao-dat", variantId: v.id });
    const foreignV = await prisma.variant.findFirstOrThrow({
      where: {
        product: { stallId: "stall-coop-la-bang", status: "ACTIVE" },
        active: true,
        stock: { gt: 5 },
      },
    });
    const foreign = await createOrder({ stallId: "stall-coop-la-bang", variantId: foreignV.id });
    const list = (await coopOrders(args(get(m, "/console/coop/orders?status=NEW")))) as {
      orders: { id: string }[];
    };
    const ids = list.orders.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(foreign.id);

    const res = await settle(() =>
      coopOrdersAction(
        args(post(m, "/x", { _action: "bulk", to: "ACCEPTED", ids: [a.id, b.id, foreign.id] })),
      ),
    );
    const bulk = (res as { data: { bulk: { id: string; ok: boolean; error?: string }[] } }).data
      .bulk;
    expect(
      bulk
        .filter((r) => r.ok)
        .map((r) => r.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(bulk.find((r) => r.id === foreign.id)).toMatchObject({
      ok: false,
      error: "error.forbidden",
    });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe(
      "NEW",
    );
    for (const id of [a.id, b.id])
      expect((await prisma.order.findUniqueOrThrow({ where: { id } })).status).toBe("ACCEPTED");

    const { slips } = (await slipsLoader(
      args(get(m, `/console/orders/slips?ids=${a.id}&ids=${b.id}&ids=${foreign.id}`)),
    )) as { slips: { id: string }[] };
    expect(slips.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });
});
