import { Form, Link, useSearchParams } from "@remix-run/react";
import { AuthenticityTokenInput } from "~/components/csrf";
import { formatVnd } from "~/domain/money";
import { ORDER_STATUSES } from "~/domain/order-status";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";

export type SellerOrderRow = {
  id: string;
  number: string;
  status: string;
  paymentStatus: string;
  paymentMethod: string;
  totalVnd: number;
  recipient: string;
  createdAt: string;
  stall: string | null;
  items: string;
};
export type BulkResult = { id: string; number: string | null; ok: boolean; error?: string }[];

const BULK_TARGETS = ["ACCEPTED", "PACKED", "SHIPPED", "DELIVERED"] as const;

/**
 * The seller's order inbox: status filter, per-order links, and a bulk bar that
 * moves the checked orders to a status (POST) or prints their packing slips
 * (GET to the slips page). Works without JavaScript.
 */
export function SellerOrderList({
  orders,
  bulk,
  showStall,
}: {
  orders: SellerOrderRow[];
  bulk: BulkResult | null;
  showStall: boolean;
}) {
  const t = useT();
  const [params] = useSearchParams();
  const current = params.get("status") ?? "NEW";
  const failed = bulk?.filter((r) => !r.ok) ?? [];
  return (
    <div className="space-y-3">
      <nav className="-mx-3 flex gap-1 overflow-x-auto px-3" aria-label={t("order.inbox")}>
        {[...ORDER_STATUSES, "ALL"].map((s) => (
          <Link
            key={s}
            to={`?status=${s}`}
            className={`whitespace-nowrap rounded-full px-3 py-1 text-sm ${current === s ? "bg-tea-100 font-semibold" : ""}`}
          >
            {s === "ALL" ? t("order.filter.ALL") : translateText(t, `order.status.${s}`)}
          </Link>
        ))}
      </nav>
      {bulk ? (
        <div
          role="status"
          className={`rounded-lg p-3 text-sm ${failed.length ? "bg-amber-50 text-amber-900" : "bg-tea-50 text-tea-800"}`}
        >
          <p>{t("order.bulkResult", { ok: bulk.length - failed.length, failed: failed.length })}</p>
          {failed.length ? (
            <ul className="list-disc pl-5">
              {failed.map((f) => (
                <li key={f.id}>
                  {f.number ?? f.id}: {translateText(t, f.error ?? "error.generic")}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {orders.length === 0 ? (
        <p className="text-stone-600">{t("order.none")}</p>
      ) : (
        <Form method="post" className="space-y-3">
          <AuthenticityTokenInput />
          <ul className="card divide-y">
            {orders.map((o) => (
              <li key={o.id} className="flex gap-3 p-3">
                <input
                  type="checkbox"
                  name="ids"
                  value={o.id}
                  aria-label={t("order.select", { number: o.number })}
                  className="mt-1 h-5 w-5"
                />
                <div className="min-w-0 flex-1">
                  <Link
                    to={`/console/orders/${o.id}`}
                    className="font-semibold text-tea-800 hover:underline"
                  >
                    {o.number}
                  </Link>
                  <span className="ml-2 rounded bg-stone-100 px-1.5 text-xs">
                    {translateText(t, `order.status.${o.status}`)}
                  </span>
                  <p className="truncate text-sm">
                    {o.recipient} · {formatVnd(o.totalVnd)}
                  </p>
                  <p className="truncate text-xs text-stone-600">{o.items}</p>
                  <p className="text-xs text-stone-600">
                    {o.createdAt} · {translateText(t, `order.method.${o.paymentMethod}`)} ·{" "}
                    {translateText(t, `order.payment.${o.paymentStatus}`)}
                    {showStall && o.stall ? ` · ${o.stall}` : ""}
                  </p>
                </div>
              </li>
            ))}
          </ul>
          <div className="card flex flex-wrap items-end gap-2 p-3">
            <div>
              <label htmlFor="bulk-to" className="label">
                {t("order.bulkTo")}
              </label>
              <select id="bulk-to" name="to" className="field">
                {BULK_TARGETS.map((s) => (
                  <option key={s} value={s}>
                    {translateText(t, `order.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="_action" value="bulk" className="btn-primary">
              {t("order.bulkApply")}
            </button>
            <button
              type="submit"
              formMethod="get"
              formAction="/console/orders/slips"
              formTarget="_blank"
              className="btn-secondary"
            >
              {t("order.slips")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
