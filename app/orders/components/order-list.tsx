import { Link } from "@remix-run/react";
import { formatVnd } from "~/domain/money";
import { useLocale, useT } from "~/i18n/react";
import { OrderStatusBadge, PaymentBadge } from "~/components/order-status";
import { dateFormatter } from "~/utils/format";

export type OrderRow = {
  number: string;
  status: string;
  paymentStatus: string;
  stallName: string;
  totalVnd: number;
  createdAt: string;
  summary: string;
};

export function OrderList({ orders }: { orders: OrderRow[] }) {
  const t = useT();
  const locale = useLocale();
  const fmt = dateFormatter(locale, "dateMediumTime");
  if (!orders.length) return <p className="text-stone-600">{t("orders.none")}</p>;
  return (
    <ul className="space-y-2">
      {orders.map((o) => (
        <li key={o.number} className="card p-3">
          <div className="flex flex-wrap items-center gap-2">
            <Link to={`/orders/${o.number}`} className="font-bold underline">
              {o.number}
            </Link>
            <OrderStatusBadge status={o.status} />
            <PaymentBadge status={o.paymentStatus} />
            <span className="ml-auto font-semibold">{formatVnd(o.totalVnd)}</span>
          </div>
          <p className="text-sm text-stone-600">
            {o.stallName} · {fmt.format(new Date(o.createdAt))}
          </p>
          <p className="line-clamp-1 text-sm">{o.summary}</p>
        </li>
      ))}
    </ul>
  );
}

/** Subtotal, shipping (or "free") and total of one stall's order, as the cart and the order page show them. */
export function StallTotals({
  subtotalVnd,
  shippingVnd,
  totalVnd,
  totalLabel,
}: {
  subtotalVnd: number;
  shippingVnd: number;
  totalVnd: number;
  totalLabel: "cart.stallTotal" | "cart.total";
}) {
  const t = useT();
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-2 text-sm">
      <dt>{t("cart.subtotal")}</dt>
      <dd className="text-right">{formatVnd(subtotalVnd)}</dd>
      <dt>{t("cart.shipping")}</dt>
      <dd className="text-right">
        {shippingVnd ? formatVnd(shippingVnd) : t("cart.freeShipping")}
      </dd>
      <dt className="font-semibold">{t(totalLabel)}</dt>
      <dd className="text-right font-semibold">{formatVnd(totalVnd)}</dd>
    </dl>
  );
}
