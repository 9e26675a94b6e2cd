import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cartCount, findCartId } from "~/cart/cart.server";
import {
  CheckoutError,
  expireCheckouts,
  placeCheckout,
  startCheckout,
} from "~/checkout/checkout.server";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout._index";
import { loader as checkoutStatus } from "~/routes/checkout.$id";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$number";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { loader as rootLoader } from "~/root";
import { normalizePhone } from "~/domain/phone";
import { loader as accountLoader } from "~/routes/account._index";
import { drainOutbox } from "~/search/worker.server";
import { prisma } from "~/utils/db.server";
import { addressFields, keepCookies, makeProduct, makeStall } from "../helpers/buyer";
import { client, demoPassword, get, post, settle, type Client } from "../helpers/http";

const T = `co${Date.now().toString(36)}`;
const ctx = { context: {}, params: {} };

async function addToCart(c: Client, variantId: string, quantity = 1) {
  const res = (await settle(() =>
    cartAction({
      ...ctx,
      request: post(c, "/cart", {
        intent: "add",
        variantId,
        quantity: String(quantity),
        returnTo: "/",
      }),
    }),
  )) as Response;
  expect(res.status).toBe(302);
  keepCookies(c, res);
  return res;
}

async function checkout(c: Client, method: "COD" | "VIETQR" | "CARD", key?: string) {
  const res = await settle(() =>
    checkoutAction({ ...ctx, request: post(c, "/checkout", addressFields(method, key)) }),
  );
  if (res instanceof Response) keepCookies(c, res);
  return res;
}

let a: Awaited<ReturnType<typeof makeStall>>, b: Awaited<ReturnType<typeof makeStall>>;
beforeAll(async () => {
  a = await makeStall(`${T}-a`, { shippingFeeVnd: 30000 });
  b = await makeStall(`${T}-b`, { shippingFeeVnd: 25000, freeShippingFromVnd: 150000 });
  await makeProduct(a.id, `${T}-a1`, { priceVnd: 100000, stock: 10 });
  await makeProduct(b.id, `${T}-b1`, { priceVnd: 80000, stock: 10 });
  await makeProduct(a.id, `${T}-hot`, { priceVnd: 50000, stock: 5 });
});

describe("cart", () => {
  it("keeps a guest cart in a cookie and groups it by stall with each stall's shipping", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-a1`, 2);
    await addToCart(guest, `var-${T}-b1`, 2);
    const { cart } = (await cartLoader({ ...ctx, request: get(guest, "/cart") })) as Awaited<
      ReturnType<typeof cartLoader>
    >;
    expect(cart.stalls.map((s) => [s.stallId, s.subtotalVnd, s.shippingVnd])).toEqual([
      [a.id, 200000, 30000],
      [b.id, 160000, 0], // free from 150.000 ₫
    ]);
    expect(cart.totalVnd).toBe(390000);
  });

  it("refuses products that are not for sale and clamps to stock", async () => {
    const guest = await client();
    await makeProduct(a.id, `${T}-draft`, { status: "DRAFT" });
    const res = (await settle(() =>
      cartAction({
        ...ctx,
        request: post(guest, "/cart", {
          intent: "add",
          variantId: `var-${T}-draft`,
          quantity: "1",
          returnTo: "/products/x",
        }),
      }),
    )) as Response;
    expect(res.headers.get("Location")).toContain("error=cart.notForSale");
    // a bad quantity comes back to the page with one clean error parameter; never to another site
    const bad = (await settle(() =>
      cartAction({
        ...ctx,
        request: post(guest, "/cart", {
          intent: "add",
          variantId: `var-${T}-a1`,
          quantity: "0",
          returnTo: "/products/x?ref=home",
        }),
      }),
    )) as Response;
    expect(bad.headers.get("Location")).toBe("/products/x?error=cart.notForSale");
    const away = (await settle(() =>
      cartAction({
        ...ctx,
        request: post(guest, "/cart", {
          intent: "add",
          variantId: `var-${T}-draft`,
          quantity: "1",
          returnTo: "//evil.example/x",
        }),
      }),
    )) as Response;
    expect(away.headers.get("Location")).toBe("/cart?error=cart.notForSale");
    await addToCart(guest, `var-${T}-hot`, 50);
    const { cart } = (await cartLoader({ ...ctx, request: get(guest, "/cart") })) as Awaited<
      ReturnType<typeof cartLoader>
    >;
    expect(cart.stalls[0].lines[0].quantity).toBe(5);
  });

  /** Logs in through the login form from the browser `c` (CSRF and guest cart cookies); the browser then holds the session. */
  async function logInAs(c: Client, phone: string): Promise<Client> {
    const res = (await settle(() =>
      loginAction({ ...ctx, request: post(c, "/login", { phone, password: demoPassword }) }),
    )) as Response;
    expect(res.status).toBe(302);
    const session = res.headers.get("Set-Cookie")!.split(";")[0];
    const user = await prisma.user.findUniqueOrThrow({ where: { phone: normalizePhone(phone)! } });
    return { ...c, cookie: `${c.cookie}; ${session}`, userId: user.id };
  }

  it("carries a guest cart into the account at login, and a page view writes nothing", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-b1`, 1);
    const guestCartId = await findCartId(get(guest, "/cart"));
    // a session without a login form (an older one) and the guest cookie: reading pages changes nothing
    const buyer = await client("0915000007");
    const both = {
      ...buyer,
      cookie: `${buyer.cookie}; ${guest.cookie.split("; ").find((c) => c.startsWith("cart="))}`,
    };
    await rootLoader({ ...ctx, request: get(both, "/") });
    await cartLoader({ ...ctx, request: get(both, "/cart") });
    expect(await prisma.cart.findUnique({ where: { id: guestCartId! } })).toMatchObject({
      userId: null,
    });
    // logging in is where the guest cart joins the account
    const loggedIn = await logInAs(guest, "0915000007");
    const cartId = await findCartId(get(loggedIn, "/cart"));
    const items = await prisma.cartItem.findMany({ where: { cartId: cartId! } });
    expect(items.map((i) => i.variantId)).toContain(`var-${T}-b1`);
    expect((await prisma.cart.findUnique({ where: { id: cartId! } }))?.userId).toBe(buyer.userId);
    expect(await prisma.cart.findUnique({ where: { id: guestCartId! } })).toBeNull();
  });

  it("login merges the same product into one line (quantities added, capped at stock), once even when two logins race", async () => {
    const tag = `${T}-merge`;
    await makeProduct(a.id, tag, { stock: 6 });
    await makeProduct(a.id, `${tag}2`, { stock: 10 });
    const buyer = await client("0915000006");
    await addToCart(buyer, `var-${tag}`, 2); // already in the account's cart
    const guest = await client();
    await addToCart(guest, `var-${tag}`, 3);
    await addToCart(guest, `var-${tag}2`, 1);
    // the same browser sends the login form twice at once
    const [one, two] = await Promise.all([
      logInAs(guest, "0915000006"),
      logInAs(guest, "0915000006"),
    ]);
    const ids = await Promise.all([findCartId(get(one, "/cart")), findCartId(get(two, "/cart"))]);
    expect(new Set(ids).size).toBe(1);
    expect(await cartCount(get(one, "/cart"))).toBe(5 + 1); // the header counts the merged lines
    const items = await prisma.cartItem.findMany({
      where: { cartId: ids[0]! },
      orderBy: { variantId: "asc" },
    });
    expect(
      items
        .filter((i) => i.variantId.startsWith(`var-${tag}`))
        .map((i) => [i.variantId, i.quantity]),
    ).toEqual([
      [`var-${tag}`, 5],
      [`var-${tag}2`, 1],
    ]);
    // more than the stock: capped, still one line
    const guest2 = await client();
    await addToCart(guest2, `var-${tag}`, 6);
    const again = await logInAs(guest2, "0915000006");
    const id = await findCartId(get(again, "/cart"));
    expect(id).toBe(ids[0]);
    expect(
      await prisma.cartItem.findMany({ where: { cartId: id!, variantId: `var-${tag}` } }),
    ).toMatchObject([{ quantity: 6 }]);
  });
});

describe("checkout", () => {
  it("COD: one order per stall, stock taken, cart emptied, buyer and stalls notified", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-a1`, 2);
    await addToCart(guest, `var-${T}-b1`, 1);
    const before = await prisma.variant.findMany({
      where: { id: { in: [`var-${T}-a1`, `var-${T}-b1`] } },
      orderBy: { id: "asc" },
    });
    const res = (await checkout(guest, "COD")) as Response;
    expect(res.status).toBe(302);
    const checkoutId = res.headers.get("Location")!.split("/").pop()!;
    const c = await prisma.checkout.findUniqueOrThrow({
      where: { id: checkoutId },
      include: { orders: { include: { items: true } }, reservations: true },
    });
    expect(c.status).toBe("PLACED");
    expect(c.orders).toHaveLength(2);
    for (const o of c.orders) expect(o.number).toMatch(/^XT-\d{4}-\d{5}$/);
    const byStall = Object.fromEntries(c.orders.map((o) => [o.stallId, o]));
    expect([byStall[a.id].subtotalVnd, byStall[a.id].shippingVnd, byStall[a.id].totalVnd]).toEqual([
      200000, 30000, 230000,
    ]);
    expect([byStall[b.id].subtotalVnd, byStall[b.id].shippingVnd]).toEqual([80000, 25000]);
    expect(c.reservations.every((r) => r.status === "CONSUMED")).toBe(true);
    const after = await prisma.variant.findMany({
      where: { id: { in: [`var-${T}-a1`, `var-${T}-b1`] } },
      orderBy: { id: "asc" },
    });
    expect(after.map((v, i) => before[i].stock - v.stock)).toEqual([2, 1]);
    expect(
      await prisma.cartItem.count({ where: { cartId: (await findCartId(get(guest, "/cart")))! } }),
    ).toBe(0);
    // the guest (and only the guest) sees the checkout
    const page = (await checkoutStatus({
      ...ctx,
      params: { id: checkoutId },
      request: get(guest, `/checkout/${checkoutId}`),
    })) as Awaited<ReturnType<typeof checkoutStatus>>;
    expect(page.orders).toHaveLength(2);
    const stranger = await client();
    expect(
      (
        (await settle(() =>
          checkoutStatus({
            ...ctx,
            params: { id: checkoutId },
            request: get(stranger, `/checkout/${checkoutId}`),
          }),
        )) as Response
      ).status,
    ).toBe(404);
    const otherBuyer = await client("0915000002");
    expect(
      (
        (await settle(() =>
          orderLoader({
            ...ctx,
            params: { number: c.orders[0].number },
            request: get(otherBuyer, `/orders/${c.orders[0].number}`),
          }),
        )) as Response
      ).status,
    ).toBe(404);
    // notifications queued in the same transaction, delivered by the worker
    await drainOutbox();
    expect(
      await prisma.notification.count({
        where: { to: "+84987654321", body: { contains: c.orders[0].number } },
      }),
    ).toBe(1);
  });

  it("bad address input keeps what was typed and says what is wrong", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-a1`, 1);
    const res = await settle(() =>
      checkoutAction({
        ...ctx,
        request: post(guest, "/checkout", {
          ...addressFields("COD"),
          phone: "12345",
          communeCode: "00070",
        }),
      }),
    );
    const body = res as unknown as {
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      init: { status: number };
    };
    expect(body.init.status).toBe(400);
    expect(body.data.result.error.phone).toEqual(["form.phoneInvalid"]);
    expect(body.data.result.initialValue.recipient).toBe("Nguyễn Thị Mua");
  });

  it("the commune must belong to the chosen province (two-level units); nothing is reserved", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-b1`, 1);
    const key = randomUUID();
    const res = await settle(() =>
      checkoutAction({
        ...ctx,
        request: post(guest, "/checkout", {
          ...addressFields("COD", key),
          provinceCode: "01",
          communeCode: "05503",
        }),
      }),
    );
    const body = res as unknown as {
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      init: { status: number };
    };
    expect(body.init.status).toBe(400);
    expect(body.data.result.error.communeCode).toEqual(["checkout.communeMismatch"]);
    expect(body.data.result.initialValue.line).toBe("Số 5, ngõ 12 Hoàng Văn Thụ");
    const unknown = await settle(() =>
      checkoutAction({
        ...ctx,
        request: post(guest, "/checkout", { ...addressFields("COD"), communeCode: "TNG-NOWHERE" }),
      }),
    );
    expect(
      (unknown as unknown as { data: { result: { error: Record<string, string[]> } } }).data.result
        .error.communeCode,
    ).toEqual(["checkout.communeMismatch"]);
    expect(
      await prisma.checkout.count({ where: { idempotencyKey: { endsWith: `:${key}` } } }),
    ).toBe(0);
  });

  it("sold out between cart and checkout: a clear refusal on the checkout page, nothing taken, cart kept", async () => {
    const tag = `${T}-gone`;
    await makeProduct(b.id, tag, { stock: 1, name: `Chè hết hàng ${tag}` });
    const guest = await client();
    await addToCart(guest, `var-${tag}`, 1);
    await prisma.variant.update({ where: { id: `var-${tag}` }, data: { stock: 0 } }); // someone else was faster
    const res = await checkout(guest, "COD");
    const body = res as unknown as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(body.init.status).toBe(409);
    expect(body.data.result.error[""][0]).toContain(`Chè hết hàng ${tag}`);
    // the page still renders (no redirect away from the message) and shows the line as unavailable
    const page = (await checkoutLoader({ ...ctx, request: get(guest, "/checkout") })) as Awaited<
      ReturnType<typeof checkoutLoader>
    >;
    expect(page.cart.unavailable.map((l) => l.variantId)).toEqual([`var-${tag}`]);
    expect(
      await prisma.checkout.count({
        where: { reservations: { some: { variantId: `var-${tag}` } } },
      }),
    ).toBe(0);
  });

  it("a product hidden after it went into the cart cannot be bought", async () => {
    const tag = `${T}-hid`;
    await makeProduct(b.id, tag, { stock: 4 });
    const guest = await client();
    await addToCart(guest, `var-${tag}`, 1);
    await prisma.product.update({ where: { id: `prod-${tag}` }, data: { status: "HIDDEN" } });
    const res = await checkout(guest, "COD");
    expect((res as unknown as { init: { status: number } }).init.status).toBe(409);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${tag}` } })).stock).toBe(4);
  });

  it("a double submit (same idempotency key) makes one checkout", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-b1`, 1);
    const key = randomUUID();
    const [r1, r2] = await Promise.all([checkout(guest, "COD", key), checkout(guest, "COD", key)]);
    expect((r1 as Response).headers.get("Location")).toBe((r2 as Response).headers.get("Location"));
    expect(
      await prisma.checkout.count({ where: { idempotencyKey: { endsWith: `:${key}` } } }),
    ).toBe(1);
    const c = await prisma.checkout.findFirstOrThrow({
      where: { idempotencyKey: { endsWith: `:${key}` } },
      include: { orders: true },
    });
    expect(c.orders).toHaveLength(1);
  });

  it("concurrent buyers never oversell: 12 carts, 5 units -> 5 reservations, 7 refused by name", async () => {
    const tag = `${T}-race`;
    await makeProduct(a.id, tag, { stock: 5 });
    const carts = await Promise.all(
      Array.from({ length: 12 }, () =>
        prisma.cart.create({
          data: { items: { create: { variantId: `var-${tag}`, quantity: 1 } } },
        }),
      ),
    );
    const results = await Promise.allSettled(
      carts.map((cart) =>
        startCheckout({
          cartId: cart.id,
          buyerId: null,
          idempotencyKey: randomUUID(),
          paymentMethod: "COD",
          address: { ...addressFields("COD"), phone: "+84987654321" },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(CheckoutError);
      expect((r.reason as CheckoutError).code).toBe("checkout.soldOut");
      expect((r.reason as CheckoutError).detail[0]).toContain(`Chè thử ${tag}`);
    }
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${tag}` } })).stock).toBe(0);
    // refused checkouts left nothing behind (one transaction each)
    expect(await prisma.stockReservation.count({ where: { variantId: `var-${tag}` } })).toBe(5);
    // placing them all consumes exactly the reservations
    for (const r of ok)
      await placeCheckout(
        (r as PromiseFulfilledResult<{ checkoutId: string }>).value.checkoutId,
        null,
      );
    expect(
      await prisma.orderItem.aggregate({
        where: { variantId: `var-${tag}` },
        _sum: { quantity: true },
      }),
    ).toEqual({ _sum: { quantity: 5 } });
  });

  it("reservations expire: the job gives the units back and a late COD placement is refused", async () => {
    const tag = `${T}-exp`;
    await makeProduct(a.id, tag, { stock: 3 });
    const cart = await prisma.cart.create({
      data: { items: { create: { variantId: `var-${tag}`, quantity: 2 } } },
    });
    const { checkoutId } = await startCheckout({
      cartId: cart.id,
      buyerId: null,
      idempotencyKey: randomUUID(),
      paymentMethod: "COD",
      address: { ...addressFields("COD"), phone: "+84987654321" },
    });
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${tag}` } })).stock).toBe(1);
    expect(await expireCheckouts(new Date(Date.now() + 60 * 60_000))).toBeGreaterThanOrEqual(1);
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${tag}` } })).stock).toBe(3);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).status).toBe(
      "EXPIRED",
    );
    expect((await prisma.stockReservation.findFirstOrThrow({ where: { checkoutId } })).status).toBe(
      "RELEASED",
    );
    await expect(placeCheckout(checkoutId, null)).rejects.toMatchObject({
      code: "checkout.notPending",
    });
    // a second run changes nothing
    await expireCheckouts(new Date(Date.now() + 60 * 60_000));
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${tag}` } })).stock).toBe(3);
  });
});

describe("buyer orders", () => {
  it("lists orders on the account page, cancels before shipping (stock back) and re-orders into the cart", async () => {
    const buyer = await client("0915000008");
    await addToCart(buyer, `var-${T}-a1`, 1);
    const res = (await checkout(buyer, "VIETQR")) as Response;
    const checkoutId = res.headers.get("Location")!.split("/").pop()!;
    const order = await prisma.order.findFirstOrThrow({ where: { checkoutId } });
    const account = (await accountLoader({ ...ctx, request: get(buyer, "/account") })) as Awaited<
      ReturnType<typeof accountLoader>
    >;
    expect(account.orders.map((o) => o.number)).toContain(order.number);
    // VietQR: a QR per stall order carrying the order number
    const page = (await checkoutStatus({
      ...ctx,
      params: { id: checkoutId },
      request: get(buyer, `/checkout/${checkoutId}`),
    })) as Awaited<ReturnType<typeof checkoutStatus>>;
    expect(page.orders[0].vietqr?.payload).toContain(order.number);
    expect(page.orders[0].vietqr?.dataUrl).toMatch(/^data:image\/png;base64,/);

    const stock = (await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a1` } })).stock;
    const cancelled = (await settle(() =>
      orderAction({
        ...ctx,
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, {
          intent: "cancel",
          reason: "CHANGED_MIND",
        }),
      }),
    )) as Response;
    expect(cancelled.status).toBe(302);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(
      "CANCELLED",
    );
    expect((await prisma.variant.findUniqueOrThrow({ where: { id: `var-${T}-a1` } })).stock).toBe(
      stock + 1,
    );
    // another buyer cannot touch it
    const other = await client("0915000003");
    expect(
      (
        (await settle(() =>
          orderAction({
            ...ctx,
            params: { number: order.number },
            request: post(other, `/orders/${order.number}`, { intent: "reorder" }),
          }),
        )) as Response
      ).status,
    ).toBe(404);
    // cannot cancel twice
    const again = await settle(() =>
      orderAction({
        ...ctx,
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, {
          intent: "cancel",
          reason: "CHANGED_MIND",
        }),
      }),
    );
    expect((again as unknown as { init: { status: number } }).init.status).toBe(409);

    await settle(() =>
      orderAction({
        ...ctx,
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, { intent: "reorder" }),
      }),
    );
    const cartId = await findCartId(get(buyer, "/cart"));
    expect(
      (await prisma.cartItem.findMany({ where: { cartId: cartId! } })).map((i) => i.variantId),
    ).toContain(`var-${T}-a1`);
  });

  it("shows the shipment once handed to the carrier (no cancel then); re-order says what could not come back", async () => {
    const { transitionOrder } = await import("~/orders/lifecycle.server");
    const tag = `${T}-ro`;
    await makeProduct(b.id, `${tag}1`, { stock: 5 });
    await makeProduct(b.id, `${tag}2`, { stock: 5 });
    const buyer = await client("0915000005");
    await addToCart(buyer, `var-${tag}1`, 1);
    await addToCart(buyer, `var-${tag}2`, 2);
    const res = (await checkout(buyer, "COD")) as Response;
    const order = await prisma.order.findFirstOrThrow({
      where: { checkoutId: res.headers.get("Location")!.split("/").pop()! },
    });
    for (const to of ["ACCEPTED", "PACKED", "SHIPPED"] as const)
      await transitionOrder(order.id, to, { id: null });
    const page = (await orderLoader({
      ...ctx,
      params: { number: order.number },
      request: get(buyer, `/orders/${order.number}`),
    })) as Exclude<Awaited<ReturnType<typeof orderLoader>>, Response>;
    expect(page.order.mayCancel).toBe(false);
    expect(page.order.shipments).toMatchObject([{ carrier: "VNPOST", status: "HANDED_OVER" }]);
    expect(page.order.shipments[0].handedAt).toBeTruthy();
    const refused = await settle(() =>
      orderAction({
        ...ctx,
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, {
          intent: "cancel",
          reason: "CHANGED_MIND",
        }),
      }),
    );
    expect((refused as unknown as { init: { status: number } }).init.status).toBe(409);
    // one of the two products was hidden since: the other comes back, and the buyer is told
    await prisma.product.update({ where: { id: `prod-${tag}2` }, data: { status: "HIDDEN" } });
    const again = (await settle(() =>
      orderAction({
        ...ctx,
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, { intent: "reorder" }),
      }),
    )) as Response;
    expect(again.headers.get("Location")).toBe("/cart?reordered=1&skipped=1");
    const cartId = await findCartId(get(buyer, "/cart"));
    expect(
      (await prisma.cartItem.findMany({ where: { cartId: cartId! } })).map((i) => i.variantId),
    ).toEqual([`var-${tag}1`]);
  });

  it("cancelling a VietQR order the stall already confirmed as paid records the refund for the stall to pay back by hand", async () => {
    const { confirmPayment } = await import("~/orders/seller.server");
    const buyer = await client("0915000001");
    await addToCart(buyer, `var-${T}-b1`, 1);
    const res = (await checkout(buyer, "VIETQR")) as Response;
    const order = await prisma.order.findFirstOrThrow({
      where: { checkoutId: res.headers.get("Location")!.split("/").pop()! },
    });
    await confirmPayment({ id: "u-admin" } as Parameters<typeof confirmPayment>[0], order.id);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe(
      "PAID",
    );
    const cancelled = (await settle(() =>
      orderAction({
        ...ctx,
        params: { number: order.number },
        request: post(buyer, `/orders/${order.number}`, {
          intent: "cancel",
          reason: "CHANGED_MIND",
        }),
      }),
    )) as Response;
    expect(cancelled.status).toBe(302);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "CANCELLED",
      paymentStatus: "REFUNDED",
    });
    const refunds = await prisma.refund.findMany({
      where: { orderId: order.id },
      include: { payment: true },
    });
    expect(refunds).toMatchObject([
      {
        status: "SUCCEEDED",
        amountVnd: order.totalVnd,
        providerRef: null,
        payment: { provider: "VIETQR" },
      },
    ]);
    expect(
      await prisma.auditLog.count({
        where: { entityId: order.id, action: "payment.refund.manual" },
      }),
    ).toBe(1);
  });

  it("orders placed as a guest join the account that then logs in on the same browser (and nobody else's)", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-a1`, 1);
    const res = (await checkout(guest, "COD")) as Response;
    const checkoutId = res.headers.get("Location")!.split("/").pop()!;
    const number = (await prisma.order.findFirstOrThrow({ where: { checkoutId } })).number;
    // another account, in another browser: nothing to claim
    const other = await client("0915000002");
    const otherAccount = (await accountLoader({
      ...ctx,
      request: get(other, "/account"),
    })) as Awaited<ReturnType<typeof accountLoader>>;
    expect(otherAccount.orders.map((o) => o.number)).not.toContain(number);
    // the guest signs in on the same browser
    const buyer = await client("0915000004");
    const sameBrowser = {
      ...buyer,
      cookie: `${buyer.cookie}; ${guest.cookie.split("; ").find((c) => c.startsWith("checkouts="))}`,
    };
    const account = (await accountLoader({
      ...ctx,
      request: get(sameBrowser, "/account"),
    })) as Awaited<ReturnType<typeof accountLoader>>;
    expect(account.orders.map((o) => o.number)).toContain(number);
    expect((await prisma.checkout.findUniqueOrThrow({ where: { id: checkoutId } })).buyerId).toBe(
      buyer.userId,
    );
    // the account now reaches it without the cookie, e.g. from another phone
    const page = await settle(() =>
      orderLoader({ ...ctx, params: { number }, request: get(buyer, `/orders/${number}`) }),
    );
    expect(page).not.toBeInstanceOf(Response);
  });

  it("refuses a post without the CSRF token", async () => {
    const guest = await client();
    const res = await settle(() =>
      cartAction({
        ...ctx,
        request: post(guest, "/cart", { intent: "add", variantId: `var-${T}-a1` }, { csrf: false }),
      }),
    );
    expect((res as unknown as { init: { status: number } }).init.status).toBe(403);
  });
});

describe("buyer sign-up", () => {
  const from = (req: Request, address: string) => {
    const headers = new Headers(req.headers);
    headers.set("X-Client-Address", address);
    return new Request(req, { headers });
  };
  const phone = `09${String(Date.now()).slice(-8)}`;

  it("creates a BUYER account (whatever the form says), signs in, and brings this browser's cart and guest orders along", async () => {
    const guest = await client();
    await addToCart(guest, `var-${T}-b1`, 1);
    const placed = (await checkout(guest, "COD")) as Response;
    const number = (
      await prisma.order.findFirstOrThrow({
        where: { checkoutId: placed.headers.get("Location")!.split("/").pop()! },
      })
    ).number;
    await addToCart(guest, `var-${T}-a1`, 2); // a new cart after the order
    // mistakes first: kept values, translated keys, password never echoed
    const bad = await settle(() =>
      signupAction({
        ...ctx,
        request: from(
          post(guest, "/signup", { name: "Lê Thị Mới", phone: "12345", password: "ngan" }),
          "198.51.100.21",
        ),
      }),
    );
    const reply = bad as unknown as {
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      init: { status: number };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error).toMatchObject({
      phone: ["form.phoneInvalid"],
      password: ["signup.passwordShort"],
    });
    expect(reply.data.result.initialValue.name).toBe("Lê Thị Mới");
    expect(reply.data.result.initialValue.password).toBeUndefined();

    const ok = (await settle(() =>
      signupAction({
        ...ctx,
        request: from(
          post(guest, "/signup", {
            name: "Lê Thị Mới",
            phone,
            password: "mat-khau-moi-2026",
            role: "ADMIN",
            redirectTo: "/account",
          }),
          "198.51.100.21",
        ),
      }),
    )) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/account");
    const user = await prisma.user.findUniqueOrThrow({ where: { phone: `+84${phone.slice(1)}` } });
    expect(user).toMatchObject({ role: "BUYER", name: "Lê Thị Mới" });
    keepCookies(guest, ok); // now signed in, with the guest cookies still there
    const account = (await accountLoader({ ...ctx, request: get(guest, "/account") })) as Awaited<
      ReturnType<typeof accountLoader>
    >;
    expect(account.orders.map((o) => o.number)).toContain(number);
    const cartId = await findCartId(get(guest, "/cart"));
    expect(
      await prisma.cart.findUniqueOrThrow({ where: { id: cartId! }, include: { items: true } }),
    ).toMatchObject({ userId: user.id, items: [{ variantId: `var-${T}-a1`, quantity: 2 }] });
  });

  it("a phone that already has an account is refused with a way to log in; no CSRF token, no account", async () => {
    const guest = await client();
    const taken = await settle(() =>
      signupAction({
        ...ctx,
        request: from(
          post(guest, "/signup", {
            name: "Ai đó",
            phone: "0912 000 001",
            password: "mat-khau-dai-du",
          }),
          "198.51.100.22",
        ),
      }),
    );
    const reply = taken as unknown as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(reply.init.status).toBe(409);
    expect(reply.data.result.error.phone).toEqual(["signup.phoneTaken"]);
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { phone: "+84912000001" } })).name,
    ).not.toBe("Ai đó");
    const forged = await settle(() =>
      signupAction({
        ...ctx,
        request: from(
          post(
            guest,
            "/signup",
            { name: "Giả mạo", phone: "0977 000 999", password: "mat-khau-dai-du" },
            { csrf: false },
          ),
          "198.51.100.22",
        ),
      }),
    );
    expect((forged as unknown as { init: { status: number } }).init.status).toBe(403);
    expect(await prisma.user.count({ where: { phone: "+84977000999" } })).toBe(0);
  });

  it("one address cannot create accounts without limit", async () => {
    const guest = await client();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // taken numbers, each asked once: the per-address limit (one number is also limited on its own, tests/integration/login-limits.test.ts)
      const res = await settle(() =>
        signupAction({
          ...ctx,
          request: from(
            post(guest, "/signup", {
              name: "Máy tạo",
              phone: `0913 000 0${10 + i}`,
              password: "mat-khau-dai-du",
            }),
            "198.51.100.23",
          ),
        }),
      );
      statuses.push((res as unknown as { init: { status: number } }).init.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 409)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
