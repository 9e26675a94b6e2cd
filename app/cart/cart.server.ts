// The cart: one per logged-in buyer, or per guest (a random token in a signed
// cookie). A guest's cart is carried over into the account when the session
// changes (log in, sign up, password reset: createSession), never on a page view:
// reading a page writes nothing (issue 13).
import { randomBytes } from "node:crypto";
import { isForSale, isListed } from "~/domain/catalog";
import { clampQuantity, type StallTotals } from "~/domain/pricing";
import { quoteCart, type ShippingStall } from "~/shipping/quote";
import { ratesOf } from "~/shipping/rates";
import type { StallQuote } from "~/shipping/rules";
import { getUser } from "~/utils/auth.server";
import { prisma, readSqlAsync } from "~/utils/db.server";
import { signedCookie } from "~/utils/cookie.server";

export const cartCookie = signedCookie("cart", 60 * 24 * 3600);

async function guestToken(request: Request): Promise<string | null> {
  const v = await cartCookie.parse(request.headers.get("Cookie"));
  return typeof v === "string" && v.length >= 20 ? v : null;
}

// Plain prepared reads (docs/decisions/0048): a checkout page asks for the cart id three times.
const ACCOUNT_CART = `SELECT "id" FROM "Cart" WHERE "userId" = ? ORDER BY "updatedAt" DESC LIMIT 1`;
const GUEST_CART = `SELECT "id" FROM "Cart" WHERE "guestToken" = ?`;

/** The request's cart id (the account's, or the guest browser's), or null. Reads only. */
export async function findCartId(request: Request): Promise<string | null> {
  const [user, token] = await Promise.all([getUser(request), guestToken(request)]);
  const row = user
    ? await readSqlAsync().get<{ id: string }>(ACCOUNT_CART, user.id)
    : token
      ? await readSqlAsync().get<{ id: string }>(GUEST_CART, token)
      : undefined;
  return row?.id ?? null;
}

/**
 * Carries this browser's guest cart into the account (called where the session
 * changes). The same product in both carts becomes one line, quantities added,
 * never above stock. Of two logins racing, only the one that claims the guest cart
 * adds its lines.
 */
export async function mergeGuestCart(request: Request, userId: string): Promise<void> {
  const token = await guestToken(request);
  if (!token) return;
  const guest = await prisma.cart.findUnique({
    where: { guestToken: token },
    include: { items: { include: { variant: { select: { stock: true } } } } },
  });
  if (!guest || guest.userId) return;
  try {
    await prisma.$transaction(async (tx) => {
      // claim the guest cart first: only the request that deletes it adds its lines
      const claimed = await tx.cart.deleteMany({ where: { id: guest.id, userId: null } });
      if (claimed.count !== 1) throw new GuestCartGone();
      const own = await tx.cart.findFirst({ where: { userId }, orderBy: { updatedAt: "desc" } });
      const target = own ?? (await tx.cart.create({ data: { userId } }));
      for (const item of guest.items) {
        const current = await tx.cartItem.findUnique({
          where: { cartId_variantId: { cartId: target.id, variantId: item.variantId } },
        });
        const quantity =
          clampQuantity((current?.quantity ?? 0) + item.quantity, item.variant.stock) ||
          (current?.quantity ?? item.quantity);
        await tx.cartItem.upsert({
          where: { cartId_variantId: { cartId: target.id, variantId: item.variantId } },
          create: { cartId: target.id, variantId: item.variantId, quantity },
          update: { quantity },
        });
      }
      await tx.cart.update({ where: { id: target.id }, data: {} });
    });
  } catch (e) {
    if (!(e instanceof GuestCartGone)) throw e;
  }
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
  weightGrams: number | null;
  perishable: boolean;
};

export type CartView = {
  stalls: (StallTotals<CartLine> & {
    stallName: string;
    stallSlug: string;
    freeShippingFromVnd: number | null;
    /** zone, fee before the free-shipping threshold, estimate, perishable lines refused */
    quote: StallQuote & { refusedVariants: string[] };
  })[];
  unavailable: CartLine[];
  totalVnd: number;
  count: number;
  /** where the fees are quoted to (null: no address yet, priced within each stall's province) */
  to: string | null;
  /** what the browser needs to quote another province itself */
  shipping: ShippingStall[];
};

type CartRow = {
  variantId: string;
  quantity: number;
  label: string;
  priceVnd: number;
  stock: number;
  active: number | boolean;
  slug: string;
  name: string;
  status: string;
  deletedAt: string | null;
  stallId: string;
  stallName: string;
  stallSlug: string;
  stallStatus: string;
  banned: number | boolean;
  shippingFeeVnd: number;
  shipNearVnd: number;
  shipFarVnd: number;
  shipExtraKgVnd: number;
  shipSameDays: number;
  shipNearDays: number;
  shipFarDays: number;
  freshReach: string;
  stallProvince: string;
  weightGrams: number | null;
  perishable: number | boolean;
  freeShippingFromVnd: number | null;
  photoHash: string | null;
  photoPlaceholder: string | null;
};

// One statement for the whole cart (it was five joined Prisma reads); the first photo by position.
const CART_LINES = `SELECT i."variantId", i."quantity", v."label", v."priceVnd", v."stock", v."active",
    v."weightGrams", p."slug", p."name", p."status", p."deletedAt", p."stallId", p."perishable",
    s."name" AS "stallName", s."slug" AS "stallSlug", s."status" AS "stallStatus", s."banned",
    s."shippingFeeVnd", s."shipNearVnd", s."shipFarVnd", s."shipExtraKgVnd", s."shipSameDays",
    s."shipNearDays", s."shipFarDays", s."freshReach", s."freeShippingFromVnd",
    c."provinceCode" AS "stallProvince",
    ph."hash" AS "photoHash", ph."placeholder" AS "photoPlaceholder"
  FROM "CartItem" i
  JOIN "Variant" v ON v."id" = i."variantId"
  JOIN "Product" p ON p."id" = v."productId"
  JOIN "Stall" s ON s."id" = p."stallId"
  JOIN "Commune" c ON c."code" = s."communeCode"
  LEFT JOIN "Photo" ph ON ph."id" = (
    SELECT f."id" FROM "Photo" f WHERE f."productId" = p."id" ORDER BY f."position" ASC, f."id" ASC LIMIT 1)
  WHERE i."cartId" = ?
  ORDER BY i."id" ASC`;

function rowForSale(r: CartRow): boolean {
  return (
    Boolean(r.active) &&
    isForSale({
      status: r.status,
      deletedAt: r.deletedAt === null ? null : new Date(r.deletedAt),
      stall: { banned: Boolean(r.banned), status: r.stallStatus },
    })
  );
}

/**
 * Lines grouped by stall with each stall's shipping to `to` (a province code; null
 * before the buyer has an address); unavailable lines apart.
 */
export async function cartView(cartId: string | null, to: string | null = null): Promise<CartView> {
  if (!cartId) return { stalls: [], unavailable: [], totalVnd: 0, count: 0, to, shipping: [] };
  const rows = await readSqlAsync().all<CartRow>(CART_LINES, cartId);
  const lines: CartLine[] = rows.map((r) => ({
    variantId: r.variantId,
    productSlug: r.slug,
    productName: r.name,
    variantLabel: r.label,
    photo: r.photoHash ? { hash: r.photoHash, placeholder: r.photoPlaceholder ?? "" } : null,
    stallId: r.stallId,
    unitPriceVnd: r.priceVnd,
    quantity: r.quantity,
    stock: r.stock,
    available: rowForSale(r) && r.stock > 0,
    weightGrams: r.weightGrams,
    perishable: Boolean(r.perishable),
  }));
  const stallsById = new Map(rows.map((r) => [r.stallId, r]));
  const shipping = [...stallsById.values()].map(shippingStall);
  const ok = lines
    .filter((l) => l.available)
    .map((l) => ({ ...l, quantity: Math.min(l.quantity, l.stock) }));
  const split = quoteCart(ok, shipping, to);
  return {
    stalls: split.stalls.map((s) => {
      const stall = stallsById.get(s.stallId)!;
      return {
        ...s,
        stallName: stall.stallName,
        stallSlug: stall.stallSlug,
        freeShippingFromVnd: stall.freeShippingFromVnd,
        quote: split.quotes[s.stallId],
      };
    }),
    unavailable: lines.filter((l) => !l.available),
    totalVnd: split.totalVnd,
    count: ok.reduce((n, l) => n + l.quantity, 0),
    to,
    shipping: shipping.filter((s) => split.quotes[s.stallId]),
  };
}

function shippingStall(r: CartRow): ShippingStall {
  return {
    stallId: r.stallId,
    fromProvince: r.stallProvince,
    rates: ratesOf(r),
    freeShippingFromVnd: r.freeShippingFromVnd,
  };
}

const CART_UNITS = `SELECT COALESCE(SUM("quantity"), 0) AS "units" FROM "CartItem" WHERE "cartId" = ?`;

/** Units in the request's cart for the header (every page: one prepared read, no write). */
export async function cartCount(request: Request): Promise<number> {
  const cartId = await findCartId(request);
  if (!cartId) return 0;
  return (await readSqlAsync().get<{ units: number }>(CART_UNITS, cartId))?.units ?? 0;
}

export type CartItemForSale = {
  variantId: string;
  quantity: number;
  stock: number;
  productName: string;
  variantLabel: string;
  stallId: string;
  stallName: string;
  unitPriceVnd: number;
  weightGrams: number | null;
  perishable: boolean;
  shipping: ShippingStall;
};

/** The cart's lines that are still for sale (a product hidden or a stall closed since is left out), as committed now. */
export async function cartItemsForSale(cartId: string): Promise<CartItemForSale[]> {
  return (await readSqlAsync().all<CartRow>(CART_LINES, cartId)).filter(rowForSale).map((r) => ({
    variantId: r.variantId,
    quantity: r.quantity,
    stock: r.stock,
    productName: r.name,
    variantLabel: r.label,
    stallId: r.stallId,
    stallName: r.stallName,
    unitPriceVnd: r.priceVnd,
    weightGrams: r.weightGrams,
    perishable: Boolean(r.perishable),
    shipping: shippingStall(r),
  }));
}
