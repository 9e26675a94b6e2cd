// The cart: one per logged-in buyer, or per guest (a random token in a signed
// cookie). A guest's cart is carried over into the account at login (on the
// first request that sees both the session and the guest cookie).
import { randomBytes } from "node:crypto";
import { isForSale, isListed } from "~/domain/catalog";
import { clampQuantity, splitByStall, type StallTotals } from "~/domain/pricing";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { signedCookie } from "~/utils/cookie.server";

export const cartCookie = signedCookie("cart", 60 * 24 * 3600);

async function guestToken(request: Request): Promise<string | null> {
  const v = await cartCookie.parse(request.headers.get("Cookie"));
  return typeof v === "string" && v.length >= 20 ? v : null;
}

/** The request's cart id (or null), merging a guest cart into the account cart. */
export async function findCartId(request: Request): Promise<string | null> {
  const [user, token] = await Promise.all([getUser(request), guestToken(request)]);
  // a guest needs only the cart's id (this runs several times per page); the lines matter when a login claims them below
  if (!user)
    return token
      ? ((await prisma.cart.findUnique({ where: { guestToken: token }, select: { id: true } }))
          ?.id ?? null)
      : null;
  const guest = token
    ? await prisma.cart.findUnique({
        where: { guestToken: token },
        include: { items: { include: { variant: { select: { stock: true } } } } },
      })
    : null;
  let own = await prisma.cart.findFirst({
    where: { userId: user.id },
    orderBy: { updatedAt: "desc" },
  });
  if (guest && !guest.userId) {
    try {
      own = await prisma.$transaction(async (tx) => {
        // claim the guest cart first: of two requests racing at login (page +
        // fetcher), only the one that deletes it adds its lines
        const claimed = await tx.cart.deleteMany({ where: { id: guest.id, userId: null } });
        if (claimed.count !== 1) throw new GuestCartGone();
        const target = own ?? (await tx.cart.create({ data: { userId: user.id } }));
        for (const item of guest.items) {
          const current = await tx.cartItem.findUnique({
            where: { cartId_variantId: { cartId: target.id, variantId: item.variantId } },
          });
          // same product in both carts: one line, quantities added, never above stock
          const quantity =
            clampQuantity((current?.quantity ?? 0) + item.quantity, item.variant.stock) ||
            (current?.quantity ?? item.quantity);
          await tx.cartItem.upsert({
            where: { cartId_variantId: { cartId: target.id, variantId: item.variantId } },
            create: { cartId: target.id, variantId: item.variantId, quantity },
            update: { quantity },
          });
        }
        return tx.cart.update({ where: { id: target.id }, data: {} });
      });
    } catch (e) {
      if (!(e instanceof GuestCartGone)) throw e;
      own = await prisma.cart.findFirst({
        where: { userId: user.id },
        orderBy: { updatedAt: "desc" },
      });
    }
  }
  return own?.id ?? null;
}

class GuestCartGone extends Error {}

/** The cart id, creating a cart (and the guest cookie) when there is none. */
export async function getOrCreateCart(
  request: Request,
): Promise<{ cartId: string; setCookie: string | null }> {
  const existing = await findCartId(request);
  if (existing) return { cartId: existing, setCookie: null };
  const user = await getUser(request);
  if (user)
    return {
      cartId: (await prisma.cart.create({ data: { userId: user.id } })).id,
      setCookie: null,
    };
  const token = randomBytes(24).toString("base64url");
  const cart = await prisma.cart.create({ data: { guestToken: token } });
  return { cartId: cart.id, setCookie: await cartCookie.serialize(token) };
}

export type AddResult =
  | { ok: true; quantity: number }
  | { ok: false; error: "cart.notForSale" | "cart.outOfStock" | "cart.stallOnBreak" };

export async function addToCart(
  cartId: string,
  variantId: string,
  quantity: number,
): Promise<AddResult> {
  const variant = await prisma.variant.findUnique({
    where: { id: variantId },
    include: { product: { include: { stall: true } } },
  });
  if (variant?.active && isListed(variant.product) && !isForSale(variant.product))
    return { ok: false, error: "cart.stallOnBreak" };
  if (!variant || !variant.active || !isForSale(variant.product))
    return { ok: false, error: "cart.notForSale" };
  if (variant.stock <= 0) return { ok: false, error: "cart.outOfStock" };
  const current = await prisma.cartItem.findUnique({
    where: { cartId_variantId: { cartId, variantId } },
  });
  const next = clampQuantity((current?.quantity ?? 0) + quantity, variant.stock);
  await prisma.cartItem.upsert({
    where: { cartId_variantId: { cartId, variantId } },
    create: { cartId, variantId, quantity: next },
    update: { quantity: next },
  });
  await prisma.cart.update({ where: { id: cartId }, data: {} });
  return { ok: true, quantity: next };
}

export async function setQuantity(cartId: string, variantId: string, quantity: number) {
  if (quantity <= 0) return prisma.cartItem.deleteMany({ where: { cartId, variantId } });
  const variant = await prisma.variant.findUnique({ where: { id: variantId } });
  const q = clampQuantity(quantity, variant?.stock ?? 0);
  if (q <= 0) return prisma.cartItem.deleteMany({ where: { cartId, variantId } });
  return prisma.cartItem.updateMany({ where: { cartId, variantId }, data: { quantity: q } });
}

export type CartLine = {
  variantId: string;
  productSlug: string;
  productName: string;
  variantLabel: string;
  photo: { hash: string; placeholder: string } | null;
  stallId: string;
  unitPriceVnd: number;
  quantity: number;
  stock: number;
  available: boolean;
};

export type CartView = {
  stalls: (StallTotals<CartLine> & {
    stallName: string;
    stallSlug: string;
    freeShippingFromVnd: number | null;
  })[];
  unavailable: CartLine[];
  totalVnd: number;
  count: number;
};

/** Lines grouped by stall with each stall's shipping; unavailable lines apart. */
export async function cartView(cartId: string | null): Promise<CartView> {
  if (!cartId) return { stalls: [], unavailable: [], totalVnd: 0, count: 0 };
  const items = await prisma.cartItem.findMany({
    where: { cartId },
    include: {
      variant: {
        include: {
          product: { include: { stall: true, photos: { orderBy: { position: "asc" }, take: 1 } } },
        },
      },
    },
    orderBy: { id: "asc" },
  });
  const lines: CartLine[] = items.map((i) => ({
    variantId: i.variantId,
    productSlug: i.variant.product.slug,
    productName: i.variant.product.name,
    variantLabel: i.variant.label,
    photo: i.variant.product.photos[0]
      ? {
          hash: i.variant.product.photos[0].hash,
          placeholder: i.variant.product.photos[0].placeholder,
        }
      : null,
    stallId: i.variant.product.stallId,
    unitPriceVnd: i.variant.priceVnd,
    quantity: i.quantity,
    stock: i.variant.stock,
    available: i.variant.active && isForSale(i.variant.product) && i.variant.stock > 0,
  }));
  const stallsById = new Map(
    items.map((i) => [i.variant.product.stallId, i.variant.product.stall]),
  );
  const rules = Object.fromEntries(
    [...stallsById].map(([id, s]) => [
      id,
      { shippingFeeVnd: s.shippingFeeVnd, freeShippingFromVnd: s.freeShippingFromVnd },
    ]),
  );
  const ok = lines
    .filter((l) => l.available)
    .map((l) => ({ ...l, quantity: Math.min(l.quantity, l.stock) }));
  const split = splitByStall(ok, rules);
  return {
    stalls: split.stalls.map((s) => {
      const stall = stallsById.get(s.stallId)!;
      return {
        ...s,
        stallName: stall.name,
        stallSlug: stall.slug,
        freeShippingFromVnd: stall.freeShippingFromVnd,
      };
    }),
    unavailable: lines.filter((l) => !l.available),
    totalVnd: split.totalVnd,
    count: ok.reduce((n, l) => n + l.quantity, 0),
  };
}

/** Units in the request's cart for the header. Goes through findCartId so the first page after login already counts the merged guest cart. */
export async function cartCount(request: Request): Promise<number> {
  const cartId = await findCartId(request);
  if (!cartId) return 0;
  const agg = await prisma.cartItem.aggregate({ where: { cartId }, _sum: { quantity: true } });
  return agg._sum.quantity ?? 0;
}
