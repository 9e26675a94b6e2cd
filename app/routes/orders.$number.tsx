import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { addToCart, getOrCreateCart } from "~/cart/cart.server";
import { canSeeCheckout } from "~/checkout/access.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { StallTotals } from "~/orders/components/order-list";
import { OrderStatusBadge, PaymentBadge } from "~/components/order-status";
import { formatVnd } from "~/domain/money";
import { buyerMayCancel } from "~/domain/order-status";
import { canManageStall } from "~/domain/roles";
import { translateText } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { cancelByBuyer } from "~/orders/buyer.server";
import { TransitionError } from "~/orders/lifecycle.server";
import { RefundError } from "~/payments/refund.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  privateMeta(matches, "meta.order", data ? ` ${data.order.number}` : "");

async function loadOrder(request: Request, number: string) {
  const order = await prisma.order.findUnique({
    where: { number },
    include: { checkout: true, stall: true, items: true, shipments: true },
  });
  if (!order || !(await canSeeCheckout(request, order.checkout)))
    throw new Response("Not found", { status: 404 });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // the packing slip's QR points here: the stall's own people (not the buyer) belong in the console
  const own = await prisma.order.findUnique({
    where: { number: params.number ?? "" },
    select: { id: true, checkout: true, stall: true },
  });
  if (own && !(await canSeeCheckout(request, own.checkout))) {
    const user = await getUser(request);
    if (user && canManageStall(user, own.stall)) throw redirect(`/console/orders/${own.id}`);
  }
  const o = await loadOrder(request, params.number ?? "");
  return {
    order: {
      number: o.number,
      checkoutId: o.checkoutId,
      status: o.status,
      paymentStatus: o.paymentStatus,
      paymentMethod: o.checkout.paymentMethod,
      stall: { name: o.stall.name, slug: o.stall.slug },
      createdAt: o.createdAt.toISOString(),
      subtotalVnd: o.subtotalVnd,
      shippingVnd: o.shippingVnd,
      totalVnd: o.totalVnd,
      mayCancel: buyerMayCancel(o.status),
      items: o.items.map((i) => ({
        id: i.id,
        name: i.productName,
        label: i.variantLabel,
        quantity: i.quantity,
        unitPriceVnd: i.unitPriceVnd,
      })),
      shipments: o.shipments.map((s) => ({
        id: s.id,
        carrier: s.carrier,
        trackingCode: s.trackingCode,
        status: s.status,
        handedAt: s.handedAt?.toISOString() ?? null,
        deliveredAt: s.deliveredAt?.toISOString() ?? null,
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const order = await loadOrder(request, params.number ?? "");
  const user = await getUser(request);
  const intent = form.get("intent");
  if (intent === "cancel") {
    // the stall may ship it between the page load and this click: a clear refusal, not a 500
    const res = await cancelByBuyer(order.id, user?.id ?? null).catch((e) => {
      if (e instanceof TransitionError)
        return { ok: false as const, error: "orders.cannotCancel" as const };
      // cancelled, but Stripe did not take the refund: it stays PENDING for the stall's console to retry
      if (e instanceof RefundError) return { ok: true as const, refundPending: true };
      throw e;
    });
    if (!res.ok) return data({ error: res.error }, { status: 409 });
    return redirect(
      `/orders/${order.number}?cancelled=1${"refundPending" in res ? "&refund=pending" : ""}`,
    );
  }
  if (intent === "reorder") {
    const { cartId, setCookie } = await getOrCreateCart(request);
    let skipped = 0;
    for (const item of order.items)
      if (!(await addToCart(cartId, item.variantId, item.quantity)).ok) skipped++;
    // say what could not come back (hidden, sold out, stall on a break) instead of dropping it silently
    return redirect(`/cart?reordered=1${skipped ? `&skipped=${skipped}` : ""}`, {
      headers: setCookie ? { "Set-Cookie": setCookie } : undefined,
    });
  }
  return data({ error: "form.required" as const }, { status: 400 });
}

export default function OrderPage() {
  const t = useT();
  const locale = useLocale();
  const { order: o } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Ho_Chi_Minh",
  });
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.number", { number: o.number })}</h1>
      <div className="flex flex-wrap items-center gap-2">
        <OrderStatusBadge status={o.status} />
        <PaymentBadge status={o.paymentStatus} />
        <span className="text-sm text-stone-600">
          {t("orders.placedAt", { date: fmt.format(new Date(o.createdAt)) })}
        </span>
      </div>
      {params.get("cancelled") ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3 text-sm">
          {t("orders.cancelled")}
        </p>
      ) : null}
      {params.get("refund") === "pending" ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t("orders.refundPending")}
        </p>
      ) : null}
      {actionData && "error" in actionData ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t(actionData.error)}
        </p>
      ) : null}
      <p>
        <Link to={`/stalls/${o.stall.slug}`} className="underline">
          {o.stall.name}
        </Link>{" "}
        · {t(`checkout.method.${o.paymentMethod as "COD"}`)}
      </p>
      <ul className="card divide-y divide-stone-200 p-3">
        {o.items.map((i) => (
          <li key={i.id} className="flex justify-between gap-2 py-1 text-sm">
            <span>
              {i.quantity} × {i.name} ({i.label})
            </span>
            <span>{formatVnd(i.quantity * i.unitPriceVnd)}</span>
          </li>
        ))}
      </ul>
      <StallTotals
        subtotalVnd={o.subtotalVnd}
        shippingVnd={o.shippingVnd}
        totalVnd={o.totalVnd}
        totalLabel="cart.total"
      />
      {o.shipments.length ? (
        <section aria-labelledby="shipping" className="card space-y-1 p-3 text-sm">
          <h2 id="shipping" className="font-bold">
            {t("orders.shipping")}
          </h2>
          <ul>
            {o.shipments.map((s) => (
              <li key={s.id} data-testid="shipment">
                {translateText(t, `orders.carrier.${s.carrier}`)}
                {s.trackingCode ? ` · ${t("orders.tracking", { code: s.trackingCode })}` : ""}
                {s.handedAt
                  ? ` · ${t("orders.handedAt", { date: fmt.format(new Date(s.handedAt)) })}`
                  : ""}
                {s.deliveredAt
                  ? ` · ${t("orders.deliveredAt", { date: fmt.format(new Date(s.deliveredAt)) })}`
                  : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {o.mayCancel ? (
          <Form method="post">
            <AuthenticityTokenInput />
            <button name="intent" value="cancel" className="btn border border-red-300 text-red-800">
              {t("orders.cancel")}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <AuthenticityTokenInput />
          <button name="intent" value="reorder" className="btn-primary">
            {t("orders.reorder")}
          </button>
        </Form>
        <Link to={`/checkout/${o.checkoutId}`} className="btn">
          {t("checkout.summary")}
        </Link>
      </div>
    </div>
  );
}
