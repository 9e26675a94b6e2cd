import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { findCartId } from "~/cart/cart.server";
import { canSeeCheckout } from "~/checkout/access.server";
import { CheckoutError } from "~/checkout/checkout.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { OrderStatusBadge, PaymentBadge } from "~/components/order-status";
import { formatVnd } from "~/domain/money";
import { formatPhone } from "~/domain/phone";
import { translateText } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { abandonCardCheckout, createCardSession } from "~/payments/card.server";
import { switchCardCheckout } from "~/payments/switch.server";
import { vietQrFor } from "~/payments/vietqr.server";
import { publicOrigin } from "~/storefront/cards.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction = ({ matches }) => privateMeta(matches, "meta.order");

async function loadCheckout(request: Request, id: string) {
  const checkout = await prisma.checkout.findUnique({
    where: { id },
    include: {
      orders: { include: { stall: true, items: true }, orderBy: { number: "asc" } },
      payments: { select: { provider: true } },
    },
  });
  // 404 rather than 403: do not reveal which checkout ids exist
  if (!checkout || !(await canSeeCheckout(request, checkout)))
    throw new Response("Not found", { status: 404 });
  return checkout;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const checkout = await loadCheckout(request, params.id ?? "");
  if (checkout.status === "PAID") {
    // a card payment completes in the webhook, which cannot see a guest's cart: tidy it here
    const cartId = await findCartId(request);
    const variantIds = checkout.orders.flatMap((o) => o.items.map((i) => i.variantId));
    if (cartId)
      await prisma.cartItem.deleteMany({ where: { cartId, variantId: { in: variantIds } } });
  }
  const commune = await prisma.commune.findUnique({
    where: { code: checkout.communeCode },
    include: { province: true },
  });
  const orders = await Promise.all(
    checkout.orders.map(async (o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      paymentStatus: o.paymentStatus,
      stallName: o.stall.name,
      subtotalVnd: o.subtotalVnd,
      shippingVnd: o.shippingVnd,
      totalVnd: o.totalVnd,
      items: o.items.map((i) => ({
        id: i.id,
        name: i.productName,
        label: i.variantLabel,
        quantity: i.quantity,
        unitPriceVnd: i.unitPriceVnd,
      })),
      vietqr:
        checkout.paymentMethod === "VIETQR" &&
        o.paymentStatus === "UNPAID" &&
        o.status !== "CANCELLED"
          ? await vietQrFor(o, o.stall)
          : null,
    })),
  );
  return {
    guest: !(await getUser(request)),
    checkout: {
      id: checkout.id,
      status: checkout.status,
      paymentMethod: checkout.paymentMethod,
      totalVnd: checkout.totalVnd,
      expiresAt: checkout.expiresAt.toISOString(),
      // a card attempt was made (failed, cancelled or left): offer the other ways to pay
      cardTried: checkout.payments.some((p) => p.provider === "STRIPE"),
      recipient: checkout.recipient,
      phone: formatPhone(checkout.phone),
      address: [checkout.line, commune?.name, commune?.province.name].filter(Boolean).join(", "),
    },
    orders,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const checkout = await loadCheckout(request, params.id ?? "");
  const intent = form.get("intent");
  if (intent === "pay") {
    try {
      return redirect(await createCardSession(checkout.id, publicOrigin(request)));
    } catch (e) {
      if (e instanceof CheckoutError) return redirect(`/checkout/${checkout.id}`);
      console.error("[checkout] Stripe session failed", e);
      return redirect(`/checkout/${checkout.id}?cardError=1`);
    }
  }
  if (intent === "switch") {
    const to = form.get("method");
    if (to !== "COD" && to !== "VIETQR") return data({ error: "form.required" }, { status: 400 });
    const user = await getUser(request);
    const res = await switchCardCheckout(checkout.id, to, user?.id ?? null);
    return redirect(
      res.ok
        ? `/checkout/${checkout.id}?switched=${to}`
        : `/checkout/${checkout.id}?switch=${res.reason}`,
    );
  }
  if (intent === "abandon") {
    await abandonCardCheckout(checkout.id);
    return redirect(`/checkout/${checkout.id}`);
  }
  return data({ error: "form.required" }, { status: 400 });
}

export default function CheckoutStatus() {
  const t = useT();
  const locale = useLocale();
  const { checkout, orders, guest } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const time = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", {
    timeStyle: "short",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(new Date(checkout.expiresAt));
  const waiting = checkout.status === "PENDING" && params.get("paid") === "1";
  // Stripe redirects the buyer back before or after the webhook lands: poll briefly.
  useEffect(() => {
    if (!waiting) return;
    const id = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(id);
  }, [waiting, revalidator]);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {checkout.status === "PLACED" || checkout.status === "PAID" ? (
        <section className="rounded-xl bg-tea-50 p-4">
          <h1 className="text-2xl font-bold text-tea-900">
            {checkout.status === "PAID" ? t("checkout.paidTitle") : t("checkout.placedTitle")}
          </h1>
          {params.get("switched") ? (
            <p role="status" className="font-semibold">
              {t("switch.done", {
                method: translateText(t, `checkout.method.${checkout.paymentMethod}`),
              })}
            </p>
          ) : null}
          <p>{t("checkout.placedBody", { count: orders.length, phone: checkout.phone })}</p>
          {guest ? (
            <p className="mt-2 text-sm">
              {t("signup.followOrders")}{" "}
              <Link to="/signup?redirectTo=/account" className="font-semibold underline">
                {t("signup.cta")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : (
        <section className="space-y-3">
          <h1 className="text-2xl font-bold">
            {t("checkout.title")} · {translateText(t, `checkout.status.${checkout.status}`)}
          </h1>
          {waiting ? (
            <p role="status" className="rounded-lg bg-sky-50 p-3 text-sky-900">
              {t("checkout.waitingPayment")}{" "}
              <a href={`/checkout/${checkout.id}?paid=1`} className="underline">
                ↻
              </a>
            </p>
          ) : null}
          {params.get("cardError") ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {t("checkout.cardError")}
            </p>
          ) : null}
          {checkout.status === "PENDING" && params.get("cancelled") ? (
            <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
              {t("checkout.cancelled", { time })}
            </p>
          ) : null}
          {checkout.status === "EXPIRED" ? (
            <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
              {t("checkout.expired")}
            </p>
          ) : null}
          {params.get("switch") ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {t(params.get("switch") === "expired" ? "switch.expired" : "switch.refused")}
            </p>
          ) : null}
          {checkout.status === "PENDING" &&
          checkout.paymentMethod === "CARD" &&
          checkout.cardTried &&
          !waiting ? (
            <section
              aria-labelledby="switch-title"
              className="card space-y-2 p-3"
              data-testid="switch"
            >
              <h2 id="switch-title" className="font-bold">
                {t("switch.title")}
              </h2>
              <p className="text-sm">{t("switch.intro", { time })}</p>
              <Form method="post" className="flex flex-col gap-2">
                <AuthenticityTokenInput />
                <input type="hidden" name="intent" value="switch" />
                <button name="method" value="COD" className="btn min-h-11 border border-tea-700">
                  {t("switch.toCod")}
                </button>
                <button name="method" value="VIETQR" className="btn min-h-11 border border-tea-700">
                  {t("switch.toVietqr")}
                </button>
              </Form>
            </section>
          ) : null}
          {checkout.status === "PENDING" && checkout.paymentMethod === "CARD" && !waiting ? (
            <div className="card space-y-3 p-3">
              <p>{t("checkout.reservedUntil", { time })}</p>
              <Form method="post">
                <AuthenticityTokenInput />
                <button name="intent" value="pay" className="btn-primary w-full">
                  {t("checkout.payCard")} · {formatVnd(checkout.totalVnd)}
                </button>
              </Form>
              <Form method="post">
                <AuthenticityTokenInput />
                <button name="intent" value="abandon" className="text-sm text-red-700 underline">
                  {t("checkout.abandon")}
                </button>
              </Form>
            </div>
          ) : null}
        </section>
      )}
      <p className="text-sm text-stone-700">
        {t("orders.shipTo")}: {checkout.recipient}, {checkout.phone}, {checkout.address}
      </p>
      <ul className="space-y-3" aria-label={t("orders.title")}>
        {orders.map((o) => (
          <li key={o.id} className="card space-y-2 p-3" data-testid="order">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="font-bold">
                <Link to={`/orders/${o.number}`} className="underline">
                  {t("orders.number", { number: o.number })}
                </Link>
              </h2>
              <OrderStatusBadge status={o.status} />
              <PaymentBadge status={o.paymentStatus} />
            </div>
            <p className="text-sm text-stone-600">{o.stallName}</p>
            <ul className="text-sm">
              {o.items.map((i) => (
                <li key={i.id}>
                  {i.quantity} × {i.name} ({i.label})
                </li>
              ))}
            </ul>
            <p className="text-sm">
              {t("cart.shipping")}:{" "}
              {o.shippingVnd ? formatVnd(o.shippingVnd) : t("cart.freeShipping")} ·{" "}
              <strong>{formatVnd(o.totalVnd)}</strong>
            </p>
            {checkout.paymentMethod === "VIETQR" &&
            o.paymentStatus === "UNPAID" &&
            o.status !== "CANCELLED" ? (
              o.vietqr ? (
                <figure className="space-y-1 rounded-lg border border-stone-200 p-3 text-center">
                  <figcaption className="font-semibold">
                    {t("vietqr.title", { stall: o.stallName })}
                  </figcaption>
                  <img
                    src={o.vietqr.dataUrl}
                    width={320}
                    height={320}
                    alt={t("vietqr.alt", { amount: formatVnd(o.totalVnd), ref: o.number })}
                    className="mx-auto h-64 w-64"
                    data-testid="vietqr"
                  />
                  <p className="text-sm">
                    {formatVnd(o.vietqr.amountVnd)} ·{" "}
                    {t("vietqr.account", {
                      account: o.vietqr.account,
                      name: o.vietqr.accountName ?? "",
                    })}
                  </p>
                  <p className="text-xs text-stone-600">
                    {t("vietqr.hint", { ref: o.vietqr.reference })}
                  </p>
                </figure>
              ) : (
                <p className="text-sm text-amber-800">{t("vietqr.unavailable")}</p>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {orders.length ? (
        <p className="text-lg">
          {t("cart.total")}:{" "}
          <strong>{formatVnd(orders.reduce((s, o) => s + o.totalVnd, 0))}</strong>
        </p>
      ) : null}
    </div>
  );
}
