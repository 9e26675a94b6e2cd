// Sales summary for a stall: orders and revenue by ISO week, top products. Pure.

/** ISO 8601 week of a date (UTC+7 calendar, where the sellers live): "2026-W48". */
export function isoWeek(d: Date, offsetHours = 7): string {
  const local = new Date(d.getTime() + offsetHours * 3600_000);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const t = new Date(day);
  const dow = t.getUTCDay() || 7; // Monday=1 .. Sunday=7
  t.setUTCDate(t.getUTCDate() + 4 - dow); // Thursday decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** "2026-W48" -> its Monday and Sunday as "23/11" and "29/11": what a seller reads a week by. */
export function weekDays(week: string): { number: number; from: string; to: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  // the Monday of week 1 is the Monday on or before 4 January
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(
    jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (n - 1) * 7 * 86_400_000,
  );
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const dm = (d: Date) =>
    `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  return { number: n, from: dm(monday), to: dm(sunday) };
}

type SaleOrder = {
  createdAt: Date;
  status: string;
  totalVnd: number;
  items: { productName: string; variantId: string; quantity: number; unitPriceVnd: number }[];
};

/** Orders that count as sales: not cancelled, not refunded. */
export function countsAsSale(status: string): boolean {
  return status !== "CANCELLED" && status !== "REFUNDED";
}

export function weeklySales(
  orders: SaleOrder[],
): { week: string; orders: number; revenueVnd: number }[] {
  const byWeek = new Map<string, { orders: number; revenueVnd: number }>();
  for (const o of orders) {
    if (!countsAsSale(o.status)) continue;
    const w = isoWeek(o.createdAt);
    const acc = byWeek.get(w) ?? { orders: 0, revenueVnd: 0 };
    acc.orders += 1;
    acc.revenueVnd += o.totalVnd;
    byWeek.set(w, acc);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([week, v]) => ({ week, ...v }));
}

export function topProducts(
  orders: SaleOrder[],
  limit = 5,
): { name: string; units: number; revenueVnd: number }[] {
  const by = new Map<string, { units: number; revenueVnd: number }>();
  for (const o of orders) {
    if (!countsAsSale(o.status)) continue;
    for (const i of o.items) {
      const acc = by.get(i.productName) ?? { units: 0, revenueVnd: 0 };
      acc.units += i.quantity;
      acc.revenueVnd += i.quantity * i.unitPriceVnd;
      by.set(i.productName, acc);
    }
  }
  return [...by.entries()]
    .map(([name, v]) => ({ name, ...v }))
    .sort(
      (a, b) => b.revenueVnd - a.revenueVnd || b.units - a.units || a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}
