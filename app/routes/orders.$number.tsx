import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { addToCart, getOrCreateCart } from "~/cart/cart.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { StallTotals } from "~/orders/components/order-list";
import { VietQrPay } from "~/orders/components/vietqr-pay";
import { OrderStatusBadge, PaymentBadge } from "~/components/order-status";
import { formatVnd } from "~/domain/money";
import { translateText } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { cancelByBuyer } from "~/orders/buyer.server";
import { CANCEL_REASONS, isCancelReason } from "~/orders/contact";
import { buyerOrderView, openBuyerOrder } from "~/orders/follow.server";
import { TransitionError } from "~/orders/lifecycle.server";
import { RefundError } from "~/payments/refund.server";
import { getUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { getLocale } from "~/utils/locale.server";
import { formatDate } from "~/utils/format";
import { privateMeta } from "~/storefront/seo";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  privateMeta(matches, "meta.order", data ? ` ${data.order.number}` : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const opened = await openBuyerOrder(request, params.number ?? "");
  return buyerOrderView(opened, await getLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const { order, access } = await openBuyerOrder(request, params.number ?? "");
  // the SMS link shows how to pay; changing the order takes the buyer's own session
  if (access !== "owner") throw new Response("Not found", { status: 404 });
  const user = await getUser(request);
  const intent = form.get("intent");
  if (intent === "cancel") {
    const reason = form.get("reason");
    const note = String(form.get("note") ?? "")
      .trim()
      .slice(0, 300);
    if (!isCancelReason(reason))
      return data({ error: "follow.reasonRequired" as const, askCancel: true }, { status: 400 });
    // the stall may ship it between the page load and this click: a clear refusal, not a 500
    const res = await cancelByBuyer(order.id, user?.id ?? null, { reason, note }).catch((e) => {
      if (e instanceof TransitionError)
        return { ok: false as const, error: "orders.cannotCancel" as const };
      // cancelled, but Stripe did not take the refund: it stays PENDING for the stall's console to retry
      if (e instanceof RefundError) return { ok: true as const, refundPending: true };
      throw e;
    });
    if (!res.ok) return data({ error: res.error, askCancel: false }, { status: 409 });
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
  return data({ error: "form.required" as const, askCancel: false }, { status: 400 });
}

function eventLabel(t: ReturnType<typeof useT>, event: string): string {
  if (event === "placed") return t("follow.event.placed");
  if (event === "paid") return t("follow.event.paid");
  if (event.startsWith("method:"))
    return t("follow.event.method", {
      method: translateText(t, `checkout.method.${event.slice("method:".length)}`),
    });
  return translateText(t, `orders.status.${event}`);
}

export default function OrderPage() {
  const t = useT();
  const locale = useLocale();
  const { order: o, access } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const at = (iso: string) => formatDate(iso, locale, "dateTime");
  const cancelled = o.timeline.find((e) => e.event === "CANCELLED" && e.reason);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.number", { number: o.number })}</h1>
      <div className="flex flex-wrap items-center gap-2">
        <OrderStatusBadge status={o.status} />
        <PaymentBadge status={o.paymentStatus} />
        <span className="text-sm text-stone-600">
          {t("orders.placedAt", { date: at(o.createdAt) })}
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
      {access === "link" ? (
        <p className="rounded-lg bg-sky-50 p-3 text-sm text-sky-900">
          {t("pay.viaLink")}{" "}
          <Link
            to={`/login?redirectTo=${encodeURIComponent(`/orders/${o.number}`)}`}
            className="font-semibold underline"
          >
            {t("pay.login")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={`/stalls/${o.stall.slug}`} className="underline">
          {o.stall.name}
        </Link>{" "}
        · {translateText(t, `checkout.method.${o.paymentMethod}`)}
      </p>
      {o.vietqr ? <VietQrPay qr={o.vietqr} stallName={o.stall.name} /> : null}
      {o.transfer && !o.vietqr ? (
        <p className="text-sm text-amber-800">{t("vietqr.unavailable")}</p>
      ) : null}
      {o.paymentMethod === "VIETQR" && o.paymentStatus === "PAID" ? (
        <p className="rounded-lg bg-tea-50 p-3 text-sm">{t("pay.paid")}</p>
      ) : null}
      <ul className="card divide-y divide-stone-200 p-3">
        {o.items.map((i) => (
          <li key={i.id} className="flex justify-between gap-2 py-1 text-sm">
            <span>
              {i.quantity} × {i.name} ({i.label})
            </span>
            <span className="shrink-0">{formatVnd(i.quantity * i.unitPriceVnd)}</span>
          </li>
        ))}
      </ul>
      <StallTotals
        subtotalVnd={o.subtotalVnd}
        shippingVnd={o.shippingVnd}
        totalVnd={o.totalVnd}
        totalLabel="cart.total"
      />
      {o.delivery ? (
        <section aria-labelledby="delivery" className="card p-3 text-sm" data-testid="delivery">
          <h2 id="delivery" className="font-bold">
            {t("follow.address")}
          </h2>
          <p>
            {o.delivery.recipient} · {o.delivery.phone}
          </p>
          <p>{o.delivery.address}</p>
        </section>
      ) : null}
      <section aria-labelledby="timeline" className="card p-3 text-sm">
        <h2 id="timeline" className="font-bold">
          {t("follow.timeline")}
        </h2>
        <ol className="mt-1 space-y-1 border-l-2 border-tea-200 pl-3" data-testid="timeline">
          {o.timeline.map((e, n) => (
            <li key={n} data-testid="timeline-entry">
              <time dateTime={e.atIso} className="text-stone-600">
                {e.at}
              </time>{" "}
              · <strong>{eventLabel(t, e.event)}</strong>
            </li>
          ))}
        </ol>
        {cancelled?.reason ? (
          <p className="mt-2" data-testid="cancel-reason">
            {t("follow.cancelledBecause", {
              reason:
                translateText(t, `follow.cancelReason.${cancelled.reason}`) +
                (cancelled.note ? ` (${cancelled.note})` : ""),
            })}
          </p>
        ) : null}
      </section>
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
                {s.handedAt ? ` · ${t("orders.handedAt", { date: at(s.handedAt) })}` : ""}
                {s.deliveredAt ? ` · ${t("orders.deliveredAt", { date: at(s.deliveredAt) })}` : ""}
                {s.trackingUrl ? (
                  <>
                    {" · "}
                    <a href={s.trackingUrl} rel="noreferrer" target="_blank" className="underline">
                      {t("follow.track", { code: s.trackingCode ?? "" })}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {o.stall.tel ? (
        <section aria-labelledby="seller" className="card space-y-2 p-3 text-sm">
          <h2 id="seller" className="font-bold">
            {t("follow.seller")}
          </h2>
          <div className="flex flex-wrap gap-2">
            <a href={`tel:${o.stall.tel}`} className="btn min-h-11 border border-stone-300">
              {t("follow.call", { phone: o.stall.phone ?? "" })}
            </a>
            {o.stall.zalo ? (
              <a
                href={o.stall.zalo}
                rel="noreferrer"
                target="_blank"
                className="btn min-h-11 border border-sky-700 text-sky-900"
                data-testid="zalo"
              >
                {t("follow.zalo")}
              </a>
            ) : null}
          </div>
        </section>
      ) : null}
      {access === "owner" ? (
        <div className="flex flex-wrap items-start gap-3">
          {o.mayCancel ? (
            <details
              className="w-full rounded-lg border border-red-200 p-3"
              open={
                actionData && "askCancel" in actionData && actionData.askCancel ? true : undefined
              }
            >
              <summary className="btn inline-flex cursor-pointer border border-red-300 text-red-800">
                {t("orders.cancel")}
              </summary>
              <Form method="post" className="mt-3 space-y-2">
                <AuthenticityTokenInput />
                <fieldset className="space-y-1">
                  <legend className="font-semibold">{t("follow.cancelTitle")}</legend>
                  <p className="text-sm">{t("follow.cancelReason")}</p>
                  {CANCEL_REASONS.map((r) => (
                    <label key={r} className="flex min-h-11 items-center gap-2 text-sm">
                      <input type="radio" name="reason" value={r} required />
                      {t(`follow.cancelReason.${r}`)}
                    </label>
                  ))}
                </fieldset>
                <label className="block text-sm">
                  {t("follow.cancelNote")}
                  <textarea name="note" maxLength={300} rows={2} className="input mt-1 w-full" />
                </label>
                <button
                  name="intent"
                  value="cancel"
                  className="btn border border-red-700 bg-red-700 text-white"
                >
                  {t("follow.cancelConfirm")}
                </button>
              </Form>
            </details>
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
      ) : null}
    </div>
  );
}
