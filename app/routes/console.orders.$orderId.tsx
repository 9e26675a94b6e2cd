import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireOrderAccess } from "~/orders/access.server";
import { confirmPayment, moveOrder, OrderActionError } from "~/orders/seller.server";
import { Notice } from "~/components/notice";
import { AuditHistory } from "~/components/audit-history";
import { BackLink } from "~/components/back-link";
import { AuthenticityTokenInput } from "~/components/csrf";
import { loadHistory } from "~/audit/history.server";
import { formatVnd } from "~/domain/money";
import { isOrderStatus, nextStatuses } from "~/domain/order-status";
import { formatPhone } from "~/domain/phone";
import { CARRIERS, parseShipment, type ShipmentInput } from "~/domain/shipping";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.order.number ?? ""} · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order: o } = await requireOrderAccess(request, params.orderId!);
  const locale = await getLocale(request);
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: o.id },
    include: {
      checkout: true,
      stall: true,
      items: { include: { variant: { include: { product: { include: { household: true } } } } } },
      shipments: true,
    },
  });
  const [commune, history] = await Promise.all([
    prisma.commune.findUnique({
      where: { code: order.checkout.communeCode },
      include: { province: true },
    }),
    loadHistory("Order", order.id, locale),
  ]);
  const method = order.checkout.paymentMethod;
  return {
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      paymentStatus: order.paymentStatus,
      paymentMethod: method,
      stall: { id: order.stall.id, name: order.stall.name },
      createdAt: formatDate(order.createdAt, locale, "dateTime"),
      recipient: order.checkout.recipient,
      phone: formatPhone(order.checkout.phone),
      address: [order.checkout.line, commune?.name, commune?.province.name]
        .filter(Boolean)
        .join(", "),
      note: order.checkout.note,
      subtotalVnd: order.subtotalVnd,
      shippingVnd: order.shippingVnd,
      totalVnd: order.totalVnd,
      shipments: order.shipments.map((sh) => ({
        id: sh.id,
        carrier: sh.carrier,
        trackingCode: sh.trackingCode,
        status: sh.status,
      })),
      items: order.items.map((i) => ({
        id: i.id,
        name: i.productName,
        label: i.variantLabel,
        quantity: i.quantity,
        unitPriceVnd: i.unitPriceVnd,
        producer: order.stall.cooperativeId ? (i.variant.product.household?.name ?? null) : null,
      })),
    },
    // refunding needs money in hand: an unpaid order is only ever cancelled
    next: nextStatuses(order.status).filter(
      (s) => s !== "REFUNDED" || order.paymentStatus === "PAID",
    ),
    canConfirmPayment:
      method !== "CARD" &&
      order.paymentStatus === "UNPAID" &&
      order.status !== "CANCELLED" &&
      order.status !== "REFUNDED",
    history,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, order } = await requireOrderAccess(request, params.orderId!);
  const formData = await readForm(request);
  const op = formData.get("_action");
  try {
    if (op === "confirmPayment") {
      await confirmPayment(user, order.id);
      throw redirect(`/console/orders/${order.id}?done=paid`);
    }
    const to = String(formData.get("to") ?? "");
    if (op !== "move" || !isOrderStatus(to))
      return data({ error: "order.badTransition" }, { status: 400 });
    let shipment: ShipmentInput | undefined;
    if (to === "SHIPPED") {
      const parsed = parseShipment(formData.get("carrier"), formData.get("trackingCode"));
      if ("error" in parsed) return data({ error: parsed.error }, { status: 400 });
      shipment = parsed;
    }
    await moveOrder(user, order.id, to, shipment);
    throw redirect(`/console/orders/${order.id}?done=${to}`);
  } catch (e) {
    if (e instanceof OrderActionError) return data({ error: e.code }, { status: 409 });
    throw e;
  }
}

export default function OrderDetail() {
  const t = useT();
  const { order, next, canConfirmPayment, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <BackLink to={`/console/stalls/${order.stall.id}/orders`}>← {order.stall.name}</BackLink>
      <header>
        <h1 className="text-2xl font-bold">{order.number}</h1>
        <p className="text-sm text-stone-700">
          <span
            className="rounded bg-tea-100 px-2 py-0.5 font-semibold text-tea-800"
            data-testid="order-status"
          >
            {translateText(t, `order.status.${order.status}`)}
          </span>{" "}
          · {translateText(t, `order.method.${order.paymentMethod}`)} ·{" "}
          <span data-testid="payment-status">
            {translateText(t, `order.payment.${order.paymentStatus}`)}
          </span>{" "}
          · {order.createdAt}
        </p>
      </header>
      {done ? (
        <Notice>
          {done === "paid"
            ? t("order.paymentConfirmed")
            : t("order.moved", { status: translateText(t, `order.status.${done}`) })}
        </Notice>
      ) : null}
      {actionData?.error ? (
        <Notice tone="error">{translateText(t, actionData.error)}</Notice>
      ) : null}

      <section className="card flex flex-wrap gap-2 p-4">
        {next.map((s) => (
          <Form
            key={s}
            method="post"
            className={s === "SHIPPED" ? "w-full space-y-2" : undefined}
            onSubmit={(e) => {
              if (s === "CANCELLED" && !confirm(t("order.cancelConfirm"))) e.preventDefault();
            }}
          >
            <AuthenticityTokenInput />
            <input type="hidden" name="to" value={s} />
            {s === "SHIPPED" ? (
              // which carrier and its tracking code: the buyer's order page shows both
              <div className="grid grid-cols-2 gap-2">
                <div>
                  <label htmlFor="ship-carrier" className="label">
                    {t("order.carrier")}
                  </label>
                  <select id="ship-carrier" name="carrier" defaultValue="VNPOST" className="field">
                    {CARRIERS.map((c) => (
                      <option key={c} value={c}>
                        {translateText(t, `orders.carrier.${c}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="ship-tracking" className="label">
                    {t("order.trackingCode")}
                  </label>
                  <input
                    id="ship-tracking"
                    name="trackingCode"
                    maxLength={40}
                    autoCapitalize="characters"
                    className="field"
                  />
                </div>
              </div>
            ) : null}
            <button
              name="_action"
              value="move"
              className={
                s === "CANCELLED" || s === "REFUNDED" ? "btn-secondary text-red-700" : "btn-primary"
              }
            >
              {translateText(t, `order.action.${s}`)}
            </button>
          </Form>
        ))}
        {canConfirmPayment ? (
          <Form method="post">
            <AuthenticityTokenInput />
            <button name="_action" value="confirmPayment" className="btn-secondary">
              {order.paymentMethod === "VIETQR" ? t("order.confirmVietqr") : t("order.confirmCod")}
            </button>
          </Form>
        ) : null}
        <Link to={`/console/orders/${order.id}/slip`} className="btn-secondary" target="_blank">
          {t("order.slip")}
        </Link>
      </section>

      <section className="card p-4">
        <h2 className="font-semibold">{t("order.recipient")}</h2>
        <p>
          {order.recipient} ·{" "}
          <a href={`tel:${order.phone.replace(/\s/g, "")}`} className="underline">
            {order.phone}
          </a>
        </p>
        <p>{order.address}</p>
        {order.note ? (
          <p className="text-sm italic">
            {t("order.note")}: {order.note}
          </p>
        ) : null}
        {order.shipments.map((sh) => (
          <p key={sh.id} className="mt-1 text-sm" data-testid="shipment">
            {t("order.carrier")}: {translateText(t, `orders.carrier.${sh.carrier}`)}
            {sh.trackingCode ? ` · ${sh.trackingCode}` : ""}
          </p>
        ))}
      </section>

      <section className="card p-4">
        <h2 className="font-semibold">{t("order.items")}</h2>
        <ul className="divide-y">
          {order.items.map((i) => (
            <li key={i.id} className="flex justify-between gap-2 py-2 text-sm">
              <span>
                {i.quantity} × {i.name} — {i.label}
                {i.producer ? (
                  <span className="block text-xs text-stone-600">{i.producer}</span>
                ) : null}
              </span>
              <span>{formatVnd(i.unitPriceVnd * i.quantity)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-right text-sm">
          {t("order.subtotal")}: {formatVnd(order.subtotalVnd)} · {t("order.shipping")}:{" "}
          {formatVnd(order.shippingVnd)}
        </p>
        <p className="text-right font-bold">
          {t("order.total")}: {formatVnd(order.totalVnd)}
        </p>
      </section>

      <AuditHistory entries={history} title="order.timeline" />
    </div>
  );
}
