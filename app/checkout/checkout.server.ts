// Checkout: reserve stock (atomic conditional decrements, all in one
// transaction), then place one order per stall. A reservation that is neither
// placed nor paid before it expires is released by the expiry job.
import { cartItemsForSale } from "~/cart/cart.server";
import { orderNumber } from "~/domain/pricing";
import {
  CARD_RESERVATION_MINUTES,
  isExpired,
  lockOrder,
  mergeLines,
  reservationExpiry,
  RESERVATION_MINUTES,
} from "~/domain/stock";
import { enqueue, enqueueProductSync } from "~/search/outbox.server";
import { perishableRefusals, quoteCart } from "~/shipping/quote";
import { ratesOf } from "~/shipping/rates";
import { audit } from "~/utils/audit.server";
import { prisma, readSqlAsync, type Prisma } from "~/utils/db.server";
import type { PaymentMethod } from "./schema";

export type Address = {
  recipient: string;
  phone: string;
  line: string;
  communeCode: string;
  provinceCode: string;
  note: string;
};

export class CheckoutError extends Error {
  constructor(
    public code:
      | "checkout.empty"
      | "checkout.soldOut"
      | "checkout.expired"
      | "checkout.notPending"
      | "checkout.perishableFar",
    public detail: string[] = [],
  ) {
    super(code);
  }
}

type Tx = Prisma.TransactionClient;

/** Takes `quantity` units if (and only if) that many are left. Never oversells, even under concurrency. */
async function takeStock(tx: Tx, variantId: string, quantity: number): Promise<boolean> {
  const n =
    await tx.$executeRaw`UPDATE "Variant" SET "stock" = "stock" - ${quantity} WHERE "id" = ${variantId} AND "active" = true AND "stock" >= ${quantity}`;
  return n === 1;
}

/**
 * Takes each line's units and records the reservation with the unit price of
 * that moment (or the price given: a late card payment re-reserves at the price
 * that was paid), so the order is priced as the buyer saw it.
 */
async function reserveLines(
  tx: Tx,
  checkoutId: string,
  lines: { variantId: string; quantity: number }[],
  expiresAt: Date,
  prices: Map<string, number> = new Map(),
) {
  const soldOut: string[] = [];
  const current = await tx.variant.findMany({
    where: { id: { in: lines.map((l) => l.variantId) } },
    select: { id: true, priceVnd: true },
  });
  const priceOf = new Map(current.map((v) => [v.id, v.priceVnd]));
  for (const line of lockOrder(mergeLines(lines))) {
    if (await takeStock(tx, line.variantId, line.quantity)) {
      const unitPriceVnd = prices.get(line.variantId) ?? priceOf.get(line.variantId) ?? null;
      await tx.stockReservation.create({
        data: {
          checkoutId,
          variantId: line.variantId,
          quantity: line.quantity,
          unitPriceVnd,
          expiresAt,
        },
      });
    } else soldOut.push(line.variantId);
  }
  if (soldOut.length) {
    const names = await tx.variant.findMany({
      where: { id: { in: soldOut } },
      include: { product: true },
    });
    throw new CheckoutError(
      "checkout.soldOut",
      names.map((v) => `${v.product.name} (${v.label})`),
    );
  }
  const variants = await tx.variant.findMany({
    where: { id: { in: lines.map((l) => l.variantId) } },
    select: { productId: true },
  });
  for (const productId of new Set(variants.map((v) => v.productId)))
    await enqueueProductSync(tx, productId);
}

/**
 * Lines priced at their reservation's price (today's price only for a line without
 * one), each stall's shipping by zone and weight to the province `to` (decision 0066).
 */
async function priceLines(
  tx: Tx,
  reservations: { variantId: string; quantity: number; unitPriceVnd?: number | null }[],
  to: string,
) {
  const variants = await tx.variant.findMany({
    where: { id: { in: reservations.map((r) => r.variantId) } },
    include: {
      product: { include: { stall: { include: { commune: { select: { provinceCode: true } } } } } },
    },
  });
  const byId = new Map(variants.map((v) => [v.id, v]));
  const lines = reservations.map((r) => {
    const v = byId.get(r.variantId)!;
    return {
      variantId: v.id,
      stallId: v.product.stallId,
      unitPriceVnd: r.unitPriceVnd ?? v.priceVnd,
      quantity: r.quantity,
      productName: v.product.name,
      variantLabel: v.label,
      productId: v.productId,
      weightGrams: v.weightGrams,
      perishable: v.product.perishable,
    };
  });
  const stalls = new Map(variants.map((v) => [v.product.stallId, v.product.stall]));
  const shipping = [...stalls.values()].map((s) => ({
    stallId: s.id,
    fromProvince: s.commune.provinceCode,
    rates: ratesOf(s),
    freeShippingFromVnd: s.freeShippingFromVnd,
  }));
  const stallNames = Object.fromEntries(
    [...stalls.values()].map((s) => [s.id, { name: s.name, phone: s.phone }]),
  );
  return { ...quoteCart(lines, shipping, to), stallNames };
}

const CHECKOUT_BY_KEY = `SELECT "id" FROM "Checkout" WHERE "idempotencyKey" = ?`;

export type StartInput = {
  cartId: string;
  buyerId: string | null;
  idempotencyKey: string;
  address: Address;
  paymentMethod: PaymentMethod;
};

/**
 * The key as stored: the form's key belongs to whoever submitted it (the account,
 * or the guest browser's cart from its signed cookie). The same key sent by anyone
 * else is simply another key, so it opens their own checkout and never returns
 * someone else's (issue 8: a posted foreign key used to hand over that buyer's
 * name, phone and address).
 */
export function ownedIdempotencyKey(
  input: Pick<StartInput, "buyerId" | "cartId" | "idempotencyKey">,
): string {
  return `${input.buyerId ? `user:${input.buyerId}` : `cart:${input.cartId}`}:${input.idempotencyKey}`;
}

/**
 * Opens a checkout for the cart and reserves its stock. A repeated
 * idempotency key from the same submitter returns the first checkout (double submit, refresh).
 */
export async function startCheckout(
  input: StartInput,
): Promise<{ checkoutId: string; created: boolean }> {
  const idempotencyKey = ownedIdempotencyKey(input);
  const existing = await readSqlAsync().get<{ id: string }>(CHECKOUT_BY_KEY, idempotencyKey);
  if (existing) return { checkoutId: existing.id, created: false };
  // only what is still for sale: a product hidden (or a stall banned) after it went into the cart is left out
  const forSale = await cartItemsForSale(input.cartId);
  if (!forSale.length) throw new CheckoutError("checkout.empty");
  // Sold out already (committed stock below the quantity): refused without opening a
  // transaction, with the same answer the conditional decrement would give (in a flash
  // sale most buyers get this answer). Stock comes back only by a release, which might as
  // well have come a moment after this answer; the decrement below stays what
  // guarantees nobody oversells.
  const gone = forSale.filter((i) => i.stock < i.quantity);
  if (gone.length)
    throw new CheckoutError(
      "checkout.soldOut",
      gone.map((i) => `${i.productName} (${i.variantLabel})`),
    );
  // perishable goods only where the stall's own transport keeps them fresh (decision 0066)
  const far = perishableRefusals(forSale, input.address.provinceCode);
  if (far.length) throw new CheckoutError("checkout.perishableFar", far);
  const items = forSale.map((i) => ({ variantId: i.variantId, quantity: i.quantity }));
  const now = new Date();
  const expiresAt = reservationExpiry(
    now,
    input.paymentMethod === "CARD" ? CARD_RESERVATION_MINUTES : RESERVATION_MINUTES,
  );
  try {
    const checkout = await prisma.$transaction(async (tx) => {
      const c = await tx.checkout.create({
        data: {
          buyerId: input.buyerId,
          idempotencyKey,
          ...input.address,
          paymentMethod: input.paymentMethod,
          totalVnd: 0,
          expiresAt,
        },
      });
      await reserveLines(tx, c.id, items, expiresAt);
      const { totalVnd } = await priceLines(
        tx,
        await tx.stockReservation.findMany({ where: { checkoutId: c.id } }),
        input.address.provinceCode,
      );
      return tx.checkout.update({ where: { id: c.id }, data: { totalVnd } });
    });
    return { checkoutId: checkout.id, created: true };
  } catch (e) {
    // the same key submitted twice at once: the loser returns the winner's checkout
    if ((e as { code?: string }).code === "P2002") {
      const again = await prisma.checkout.findUnique({ where: { idempotencyKey } });
      if (again) return { checkoutId: again.id, created: false };
    }
    throw e;
  }
}

async function nextOrderNumber(tx: Tx, now: Date) {
  const prefix = orderNumber(now, 0).slice(0, 8); // "XT-YYMM-"
  const last = await tx.order.findFirst({
    where: { number: { startsWith: prefix } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return orderNumber(now, (last ? Number(last.number.slice(8)) : 0) + 1);
}

/**
 * Turns a PENDING checkout's reservations into one order per stall, inside the
 * caller's transaction. The status flip is conditional, so it happens once.
 * `paid` is set by the card webhook; an expired, already released checkout
 * that gets paid late tries to take its stock again.
 */
export async function placeOrders(tx: Tx, checkoutId: string, opts: { paid: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  const checkout = await tx.checkout.findUniqueOrThrow({
    where: { id: checkoutId },
    include: { reservations: true },
  });
  const fromStatus = checkout.status;
  if (fromStatus !== "PENDING" && !(opts.paid && fromStatus === "EXPIRED"))
    throw new CheckoutError("checkout.notPending");
  if (!opts.paid && isExpired(checkout.expiresAt, now)) throw new CheckoutError("checkout.expired");
  const flipped = await tx.checkout.updateMany({
    where: { id: checkoutId, status: fromStatus },
    data: { status: opts.paid ? "PAID" : "PLACED" },
  });
  if (flipped.count !== 1) throw new CheckoutError("checkout.notPending");

  let held = checkout.reservations.filter((r) => r.status === "HELD");
  if (fromStatus === "EXPIRED") {
    const paidPrices = new Map(
      checkout.reservations
        .filter((r) => r.unitPriceVnd !== null)
        .map((r) => [r.variantId, r.unitPriceVnd!]),
    );
    await reserveLines(
      tx,
      checkoutId,
      checkout.reservations.map((r) => ({ variantId: r.variantId, quantity: r.quantity })),
      now,
      paidPrices,
    );
    held = await tx.stockReservation.findMany({ where: { checkoutId, status: "HELD" } });
  }
  await tx.stockReservation.updateMany({
    where: { id: { in: held.map((r) => r.id) } },
    data: { status: "CONSUMED" },
  });

  const { stalls, totalVnd, stallNames, quotes } = await priceLines(
    tx,
    held,
    checkout.provinceCode,
  );
  const batches = await tx.batch.findMany({
    where: { variantId: { in: held.map((r) => r.variantId) } },
    orderBy: { harvestedAt: "desc" },
    select: { id: true, variantId: true },
  });
  const orders = [];
  for (const s of stalls) {
    const order = await tx.order.create({
      data: {
        number: await nextOrderNumber(tx, now),
        checkoutId,
        stallId: s.stallId,
        subtotalVnd: s.subtotalVnd,
        shippingVnd: s.shippingVnd,
        shippingZone: quotes[s.stallId].zone,
        deliveryDays: quotes[s.stallId].days,
        totalVnd: s.totalVnd,
        paymentStatus: opts.paid ? "PAID" : "UNPAID",
        items: {
          create: s.lines.map((l) => ({
            variantId: l.variantId,
            batchId: batches.find((b) => b.variantId === l.variantId)?.id ?? null,
            productName: l.productName,
            variantLabel: l.variantLabel,
            unitPriceVnd: l.unitPriceVnd,
            quantity: l.quantity,
          })),
        },
      },
    });
    orders.push({ ...order, variantIds: s.lines.map((l) => l.variantId) });
    const stall = stallNames[s.stallId];
    await enqueue(tx, "notify.sms", checkout.phone, {
      template: opts.paid ? "order.paid" : "order.placed",
      orderNumber: order.number,
      totalVnd: order.totalVnd,
      stallName: stall.name,
    });
    if (stall.phone)
      await enqueue(tx, "notify.sms", stall.phone, {
        template: "order.new",
        orderNumber: order.number,
        totalVnd: order.totalVnd,
        stallName: stall.name,
      });
  }
  await tx.checkout.update({ where: { id: checkoutId }, data: { totalVnd } });
  // the buyer's cart no longer holds what was just ordered
  if (checkout.buyerId)
    await tx.cartItem.deleteMany({
      where: {
        cart: { userId: checkout.buyerId },
        variantId: { in: held.map((r) => r.variantId) },
      },
    });
  await audit(
    {
      actorId: checkout.buyerId,
      action: "checkout.placed",
      entity: "Checkout",
      entityId: checkoutId,
      data: { orders: orders.map((o) => o.number), paid: opts.paid },
    },
    tx,
  );
  return orders;
}

/** COD and VietQR: place the orders now; payment is collected on delivery or confirmed by the stall. */
export async function placeCheckout(checkoutId: string, cartId: string | null) {
  return prisma.$transaction(async (tx) => {
    const checkout = await tx.checkout.findUniqueOrThrow({ where: { id: checkoutId } });
    const orders = await placeOrders(tx, checkoutId, { paid: false });
    const provider = checkout.paymentMethod === "VIETQR" ? "VIETQR" : "COD";
    await tx.payment.create({
      data: {
        checkoutId,
        provider,
        amountVnd: orders.reduce((s, o) => s + o.totalVnd, 0),
        idempotencyKey: `${provider.toLowerCase()}-${checkoutId}`,
        providerRef: provider === "VIETQR" ? `VQR-${checkoutId}` : null,
      },
    });
    if (cartId)
      await tx.cartItem.deleteMany({
        where: { cartId, variantId: { in: orders.flatMap((o) => o.variantIds) } },
      });
    return orders;
  });
}

/** Gives a checkout's held units back (expiry, or the buyer abandons a card payment). */
export async function releaseCheckout(
  checkoutId: string,
  to: "EXPIRED" | "CANCELLED",
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const moved = await tx.checkout.updateMany({
      where: { id: checkoutId, status: "PENDING" },
      data: { status: to },
    });
    if (moved.count !== 1) return false;
    const held = await tx.stockReservation.findMany({
      where: { checkoutId, status: "HELD" },
      include: { variant: { select: { productId: true } } },
    });
    for (const r of held) {
      const released = await tx.stockReservation.updateMany({
        where: { id: r.id, status: "HELD" },
        data: { status: "RELEASED" },
      });
      if (released.count === 1)
        await tx.variant.update({
          where: { id: r.variantId },
          data: { stock: { increment: r.quantity } },
        });
    }
    for (const productId of new Set(held.map((r) => r.variant.productId)))
      await enqueueProductSync(tx, productId);
    await tx.payment.updateMany({
      where: { checkoutId, status: "PENDING" },
      data: { status: "FAILED" },
    });
    await audit(
      {
        actorId: null,
        action: `checkout.${to.toLowerCase()}`,
        entity: "Checkout",
        entityId: checkoutId,
        data: { at: now.toISOString() },
      },
      tx,
    );
    return true;
  });
}

/** The expiry job: releases reservations of checkouts nobody finished in time. */
export async function expireCheckouts(now = new Date()) {
  const due = await prisma.checkout.findMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    select: { id: true },
    take: 200,
  });
  let released = 0;
  for (const c of due) if (await releaseCheckout(c.id, "EXPIRED", now)) released++;
  return released;
}
