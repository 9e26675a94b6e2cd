// Child process for crash.test.ts: places COD checkouts for one variant in a
// loop, one line on stdout per placed checkout, until the test kills it.
import { randomUUID } from "node:crypto";
import { placeCheckout, startCheckout } from "~/checkout/checkout.server";
import { prisma } from "~/utils/db.server";

const variantId = process.argv[2];
const address = {
  recipient: "Người mua thử",
  phone: "+84912345678",
  line: "Xóm 1",
  communeCode: "05503",
  provinceCode: "19",
  note: "",
};
// If a write waits past busy_timeout (a loaded machine), a buyer would simply try
// again, and so does this one. (The database is the test file's own: no other file's
// long write, such as a re-seed, shares it any more.)
const busy = (e: unknown) => (e as { code?: string } | null)?.code === "P1008"; // SQLITE_BUSY past busy_timeout
for (;;) {
  try {
    const cart = await prisma.cart.create({
      data: { guestToken: randomUUID(), items: { create: [{ variantId, quantity: 2 }] } },
    });
    const { checkoutId } = await startCheckout({
      cartId: cart.id,
      buyerId: null,
      idempotencyKey: randomUUID(),
      address,
      paymentMethod: "COD",
    });
    await placeCheckout(checkoutId, cart.id);
    process.stdout.write("placed\n");
  } catch (e) {
    if (!busy(e)) throw e;
  }
}
