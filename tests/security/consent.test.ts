// Issue 8, "doubtful" items attacked over HTTP (docs/decisions/0041): a cooperative
// taking another HTX's household as its member, and a verified stall redirecting
// VietQR transfers to a new account without review.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { Outsider } from "./support/outsider";

const LA_BANG_MANAGER = "0914000001";
const HAO_DAT_MEMBER = { phone: "0913000003", id: "hh-003" }; // a member of HTX Chè Hảo Đạt
const STALL_OWNER = { phone: "0913000056", stallId: "stall-hh-056" };

describe("cooperative membership needs the household's consent", () => {
  it("another cooperative adds a household by phone: no product or batch can name it until the household accepts", async () => {
    const manager = new Outsider();
    await manager.login(LA_BANG_MANAGER);
    await manager.page("/console/coop/members");
    expect(
      (await manager.post("/console/coop/members", { _action: "add", phone: HAO_DAT_MEMBER.phone }))
        .status,
    ).toBe(302);

    const name = `Chè mượn tên ${randomUUID().slice(0, 8)}`;
    await manager.page("/console/stalls/stall-coop-la-bang/products/new");
    const form = new FormData();
    for (const [k, v] of Object.entries({ name, intent: "draft", householdId: HAO_DAT_MEMBER.id }))
      form.set(k, v);
    const res = await manager.post("/console/stalls/stall-coop-la-bang/products/new", form);
    expect(res.status).toBe(400);
    expect(await prisma.product.count({ where: { name } })).toBe(0);

    // the household sees the invitation in its console and says no
    const household = new Outsider();
    await household.login(HAO_DAT_MEMBER.phone);
    const { html } = await household.page("/console");
    expect(html).toContain("HTX Chè La Bằng mời hộ vào hợp tác xã");
    const invitation = await prisma.membership.findUniqueOrThrow({
      where: {
        cooperativeId_householdId: {
          cooperativeId: "coop-la-bang",
          householdId: HAO_DAT_MEMBER.id,
        },
      },
    });
    expect(invitation.status).toBe("INVITED");
    // the form's own action (an index route): /console?index
    expect(
      (await household.post("/console?index", { _action: "decline", membershipId: invitation.id }))
        .status,
    ).toBe(302);
    expect(
      (await prisma.membership.findUniqueOrThrow({ where: { id: invitation.id } })).status,
    ).toBe("DECLINED");
    await manager.page("/console/stalls/stall-coop-la-bang/products/new");
    expect(
      (await manager.post("/console/stalls/stall-coop-la-bang/products/new", form)).status,
    ).toBe(400);
  });
});

describe("a payout-account change holds VietQR until re-confirmed", () => {
  it("a verified stall changes its bank account: checkout stops offering VietQR for it and the owner's phone gets a code", async () => {
    const stall = await prisma.stall.findUniqueOrThrow({ where: { id: STALL_OWNER.stallId } });
    const variant = await prisma.variant.findFirstOrThrow({
      where: {
        stock: { gte: 2 },
        product: { stallId: stall.id, status: "ACTIVE", deletedAt: null },
      },
      include: { product: true },
    });
    const owner = new Outsider();
    await owner.login(STALL_OWNER.phone);
    await owner.page(`/console/stalls/${stall.id}/settings`);
    const res = await owner.post(`/console/stalls/${stall.id}/settings`, {
      name: stall.name,
      story: stall.story,
      communeCode: stall.communeCode,
      phone: stall.phone ? `0${stall.phone.slice(3)}` : "",
      status: stall.status,
      ...(stall.offersPickup ? { offersPickup: "on" } : {}),
      shippingFee: String(stall.shippingFeeVnd),
      freeShippingFrom: stall.freeShippingFromVnd ? String(stall.freeShippingFromVnd) : "",
      bankBin: "970436",
      bankAccount: "0071000999888",
      bankAccountName: "NGUOI LA",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("saved=payoutHeld");
    const after = await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } });
    expect(after.verification).toBe(stall.verification);
    expect(after.payoutHoldSince).not.toBeNull();
    expect(
      await prisma.outbox.count({
        where: {
          topic: "notify.sms",
          key: `+84${STALL_OWNER.phone.slice(1)}`,
          payload: { contains: "payout.confirm" },
        },
      }),
    ).toBeGreaterThan(0);

    // a buyer with this stall's tea in the cart
    const buyer = new Outsider();
    await buyer.page(`/products/${variant.product.slug}`);
    expect(
      (
        await buyer.post("/cart", {
          intent: "add",
          returnTo: `/products/${variant.product.slug}`,
          variantId: variant.id,
          quantity: "1",
        })
      ).status,
    ).toBe(302);
    const { html } = await buyer.page("/checkout");
    expect(html).toMatch(/<input(?=[^>]*value="VIETQR")(?=[^>]*disabled)[^>]*>/);
    const placed = await buyer.post("/checkout", {
      recipient: "Nguyễn Thị Mua",
      phone: "0987 654 321",
      line: "Số 5, ngõ 12 Hoàng Văn Thụ",
      provinceCode: "19",
      communeCode: "05503",
      note: "",
      paymentMethod: "VIETQR",
      idempotencyKey: randomUUID(),
    });
    expect(placed.status).toBe(409);
  });
});
