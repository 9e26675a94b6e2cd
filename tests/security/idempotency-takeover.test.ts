// Hole 6: posting another buyer's idempotency key returned that buyer's checkout
// (name, phone, address) and bound it to the sender. Keys belong to the account
// or guest browser that created them.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { Outsider } from "./support/outsider";
import { addToCart, checkout } from "./support/shop";

const victimAddress = {
  recipient: "Đỗ Thị Bí Mật",
  phone: "0977 123 456",
  line: "Số 99 ngõ Riêng Tư, Quang Trung",
};

async function victimCheckout(victim: Outsider, key: string) {
  await addToCart(victim);
  const res = await checkout(victim, "COD", { idempotencyKey: key, address: victimAddress });
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

async function attackerTries(attacker: Outsider, key: string, victimLocation: string) {
  await addToCart(attacker);
  const res = await checkout(attacker, "COD", { idempotencyKey: key });
  const location = res.headers.get("location");
  expect(location).not.toBe(victimLocation);
  const html = location ? (await attacker.page(location)).html : await res.text();
  expect(html).not.toContain(victimAddress.recipient);
  expect(html).not.toContain("Riêng Tư");
  // and the victim's checkout page is not the attacker's to open
  const stolen = await attacker.get(victimLocation);
  expect(stolen.status).not.toBe(200);
  expect(await stolen.text()).not.toContain(victimAddress.recipient);
}

describe("checkout idempotency keys are bound to their creator", () => {
  it("a logged-in buyer's key posted by a guest or by another account never shows the buyer's checkout", async () => {
    const key = randomUUID();
    const victim = new Outsider();
    await victim.loginAs("BUYER");
    const victimLocation = await victimCheckout(victim, key);
    expect(victimLocation).toMatch(/^\/checkout\/[^/?]+/);

    await attackerTries(new Outsider(), key, victimLocation); // a guest
    const seller = new Outsider();
    await seller.loginAs("HOUSEHOLD"); // another account
    await attackerTries(seller, key, victimLocation);

    // the victim's checkout still belongs to the victim only
    const id = victimLocation.split("/")[2].split("?")[0];
    const c = await prisma.checkout.findUniqueOrThrow({ where: { id } });
    expect(c.recipient).toBe(victimAddress.recipient);
    expect((await victim.page(victimLocation)).html).toContain(victimAddress.recipient);
  });

  it("a guest's key posted from another browser opens that browser's own checkout", async () => {
    const key = randomUUID();
    const victim = new Outsider();
    const victimLocation = await victimCheckout(victim, key);
    await attackerTries(new Outsider(), key, victimLocation);
    // the same browser re-submitting (double submit, refresh) still gets its one checkout
    await addToCart(victim);
    const again = await checkout(victim, "COD", { idempotencyKey: key, address: victimAddress });
    expect(again.headers.get("location")).toBe(victimLocation);
  });
});
