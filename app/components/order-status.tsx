import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

const TONE: Record<string, string> = {
  NEW: "bg-sky-100 text-sky-900",
  ACCEPTED: "bg-sky-100 text-sky-900",
  PACKED: "bg-amber-100 text-amber-900",
  SHIPPED: "bg-amber-100 text-amber-900",
  DELIVERED: "bg-tea-100 text-tea-900",
  CANCELLED: "bg-stone-200 text-stone-800",
  REFUNDED: "bg-stone-200 text-stone-800",
};

export function OrderStatusBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${TONE[status] ?? ""}`}>
      {translateText(t, `orders.status.${status}`)}
    </span>
  );
}

export function PaymentBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <span
      data-testid="payment-badge"
      className={`rounded px-1.5 py-0.5 text-xs font-semibold ${status === "PAID" ? "bg-tea-100 text-tea-900" : "bg-stone-100 text-stone-700"}`}
    >
      {translateText(t, `orders.paymentStatus.${status}`)}
    </span>
  );
}
