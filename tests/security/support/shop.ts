// Buying as an outsider: put something in the cart through the product form and
// check out through the checkout form, the way a browser without JavaScript does.
import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { Outsider } from "./outsider";

/** A product an outsider could find by browsing: active, in stock, from a verified stall. */
export async function somethingInStock(minStock = 5) {
  const v = await prisma.variant.findFirstOrThrow({
    where: {
      stock: { gte: minStock },
      product: { status: "ACTIVE", stall: { verification: "VERIFIED" } },
    },
    include: { product: true },
    orderBy: { stock: "desc" },
  });
  return { variantId: v.id, slug: v.product.slug };
}

export async function addToCart(o: Outsider, quantity = 1) {
  const { variantId, slug } = await somethingInStock();
  await o.page(`/products/${slug}`);
  const res = await o.post("/cart", {
    intent: "add",
    returnTo: `/products/${slug}`,
    variantId,
    quantity: String(quantity),
  });
  if (res.status >= 400) throw new Error(`add to cart failed: ${res.status}`);
  return { variantId, slug };
}

export type Address = { recipient: string; phone: string; line: string };

/** Posts the checkout form; returns the response (a redirect to the card page, the checkout, or the form again). */
export async function checkout(
  o: Outsider,
  paymentMethod: "COD" | "VIETQR" | "CARD",
  opts: { idempotencyKey?: string; address?: Partial<Address> } = {},
) {
  await o.page("/checkout");
  return o.post("/checkout", {
    recipient: opts.address?.recipient ?? "Nguyễn Thị Mua",
    phone: opts.address?.phone ?? "0987 654 321",
    line: opts.address?.line ?? "Số 5, ngõ 12 Hoàng Văn Thụ",
    provinceCode: "19",
    communeCode: "05503",
    note: "",
    paymentMethod,
    idempotencyKey: opts.idempotencyKey ?? randomUUID(),
  });
}
