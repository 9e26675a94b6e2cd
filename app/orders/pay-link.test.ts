// An unpaid VietQR order from the SMS link (decision 0067): the signed link opens
// its payment details without a login, a wrong or missing token gets a 404, the
// link shows no address and changes nothing, and the QR (page and PNG) decodes,
// with a second decoder, to the stall's bank, account, amount and content.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { QRPay } from "vietnam-qr-pay";
import { beforeAll, describe, expect, it } from "vitest";
import { placeCheckout, startCheckout } from "~/checkout/checkout.server";
import { deliverNotifications } from "~/notifications/deliver.server";
import { action, loader } from "~/routes/orders.$number";
import { loader as pngLoader } from "~/routes/orders.$number_.qr[.]png";
import { prisma } from "~/utils/db.server";
import { addressFields, makeProduct } from "../../tests/helpers/buyer";
import { client, get, post, settle } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";
import { payingStall } from "../../tests/helpers/pay-stall";
import { payToken } from "./pay-link.server";

const args = (request: Request, params: Record<string, string>) => ({
  request,
  params,
  context: {},
});
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

type View = Awaited<ReturnType<typeof loader>>;

function decode(png: Buffer) {
  const img = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(img.data), img.width, img.height);
  expect(found, "the PNG holds a readable QR").not.toBeNull();
  return new QRPay(found!.data);
}

let number: string;

beforeAll(async () => {
  const tag = uid("paylink");
  await payingStall(tag);
  await makeProduct(`stall-${tag}`, tag, { priceVnd: 125000, stock: 5 });
  const cart = await prisma.cart.create({
    data: { items: { create: [{ variantId: `var-${tag}`, quantity: 2 }] } },
  });
  const { idempotencyKey, paymentMethod, ...address } = addressFields("VIETQR");
  const { checkoutId } = await startCheckout({
    cartId: cart.id,
    buyerId: null,
    idempotencyKey,
    address,
    paymentMethod,
  });
  const [order] = await placeCheckout(checkoutId, cart.id);
  number = order.number;
});

describe("the SMS pay link", () => {
  it("is in the 'order placed' SMS and opens the payment details without a login", async () => {
    const row = await prisma.outbox.findFirstOrThrow({
      where: {
        topic: "notify.sms",
        // the buyer's "placed", not the stall's "new order"
        AND: [{ payload: { contains: number } }, { payload: { contains: '"order.placed"' } }],
        processedAt: null,
      },
    });
    await deliverNotifications([row]);
    const sms = await prisma.notification.findFirstOrThrow({
      where: { body: { contains: `đơn ${number} (` } },
      orderBy: { createdAt: "desc" },
    });
    const link = /https?:\/\/\S+\/orders\/\S+\?k=[\w-]+/.exec(sms.body)?.[0];
    expect(link, sms.body).toBeTruthy();
    const url = new URL(link!);
    const view = (await loader(args(get(null, url.pathname + url.search), { number }))) as View;
    expect(view.access).toBe("link");
    expect(view.order.delivery).toBeNull(); // no address, no buyer phone through the link
    expect(view.order.mayCancel).toBe(false);
    expect(view.order.vietqr).toMatchObject({
      bankName: "Agribank",
      bankFullName: "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
      account: "1500999000123",
      accountName: "NGUYEN VAN THU",
      amountVnd: 250000 + view.order.shippingVnd,
      reference: number,
    });
  });

  it("without the token, or with a wrong one, the order does not exist", async () => {
    for (const path of [`/orders/${number}`, `/orders/${number}?k=${"A".repeat(22)}`]) {
      const res = await settle(() => loader(args(get(null, path), { number })));
      expect(statusOf(res)).toBe(404);
    }
    // another order's token does not open this one
    const other = await settle(() =>
      loader(args(get(null, `/orders/${number}?k=${payToken("XT-0000-00001")}`), { number })),
    );
    expect(statusOf(other)).toBe(404);
  });

  it("cannot cancel the order", async () => {
    const stranger = await client();
    const res = await settle(() =>
      action(
        args(
          post(stranger, `/orders/${number}?k=${payToken(number)}`, {
            intent: "cancel",
            reason: "OTHER",
          }),
          {
            number,
          },
        ),
      ),
    );
    expect(statusOf(res)).toBe(404);
    expect((await prisma.order.findUniqueOrThrow({ where: { number } })).status).toBe("NEW");
  });

  it("the page's QR and the saved PNG decode (vietnam-qr-pay) to the bank BIN, account, amount and content", async () => {
    const path = `/orders/${number}?k=${payToken(number)}`;
    const view = (await loader(args(get(null, path), { number }))) as View;
    const order = await prisma.order.findUniqueOrThrow({ where: { number } });
    const pageQr = decode(Buffer.from(view.order.vietqr!.dataUrl.split(",")[1], "base64"));
    const res = (await pngLoader(
      args(get(null, view.order.vietqr!.pngHref), { number }),
    )) as Response;
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const saved = decode(Buffer.from(await res.arrayBuffer()));
    for (const qr of [pageQr, saved]) {
      expect(qr.isValid).toBe(true);
      expect(qr.provider.guid).toBe("A000000727");
      expect(qr.consumer.bankBin).toBe("970405");
      expect(qr.consumer.bankNumber).toBe("1500999000123");
      expect(Number(qr.amount)).toBe(order.totalVnd);
      expect(qr.additionalData.purpose).toBe(number);
    }
  });

  it("a paid order shows no QR and its PNG is gone", async () => {
    await prisma.order.update({ where: { number }, data: { paymentStatus: "PAID" } });
    const path = `/orders/${number}?k=${payToken(number)}`;
    const view = (await loader(args(get(null, path), { number }))) as View;
    expect(view.order.vietqr).toBeNull();
    const png = await settle(() =>
      pngLoader(args(get(null, `/orders/${number}/qr.png?k=${payToken(number)}`), { number })),
    );
    expect(statusOf(png)).toBe(404);
  });
});
