// The buyer's view of one order: who may open it (the buyer's session or guest
// cookie, or the SMS pay link, decision 0067), and what the page shows: payment
// details for an unpaid transfer, the delivery address, the status timeline
// from the audit log, the stall's phone and Zalo, the carrier's tracking link.
import { redirect } from "@remix-run/node";
import { canSeeCheckout } from "~/checkout/access.server";
import { formatPhone } from "~/domain/phone";
import { buyerMayCancel } from "~/domain/order-status";
import { canManageStall } from "~/domain/roles";
import type { Locale } from "~/i18n";
import { vietQrFor } from "~/payments/vietqr.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { trackingLink, zaloLink } from "./contact";
import { isPayToken, payToken } from "./pay-link.server";

export type OrderAccess = "owner" | "link";

const include = {
  checkout: true,
  stall: true,
  items: true,
  shipments: { orderBy: { id: "asc" } },
} as const;

/**
 * The order if this request may see it: "owner" (the buyer, the guest browser
 * that placed it, an admin) or "link" (the signed SMS link: read-only, no
 * address). The stall's own people are sent to the console (the packing slip's
 * QR points here); anyone else gets a 404 that does not say the order exists.
 */
export async function openBuyerOrder(request: Request, number: string) {
  const order = await prisma.order.findUnique({ where: { number }, include });
  if (!order) throw new Response("Not found", { status: 404 });
  if (await canSeeCheckout(request, order.checkout))
    return { order, access: "owner" as OrderAccess };
  const token = new URL(request.url).searchParams.get("k");
  if (isPayToken(order.number, token)) return { order, access: "link" as OrderAccess };
  const user = await getUser(request);
  if (user && canManageStall(user, order.stall)) throw redirect(`/console/orders/${order.id}`);
  throw new Response("Not found", { status: 404 });
}

type Opened = Awaited<ReturnType<typeof openBuyerOrder>>;

export type TimelineEntry = {
  at: string;
  atIso: string;
  event: string;
  reason?: string;
  note?: string;
};

/** Placed, paid, payment changes and every status move, oldest first, with the time each happened. */
async function timeline(o: Opened["order"], locale: Locale): Promise<TimelineEntry[]> {
  const rows = await prisma.auditLog.findMany({
    where: {
      OR: [
        { entity: "Order", entityId: o.id, action: { startsWith: "order." } },
        {
          entity: "Checkout",
          entityId: o.checkoutId,
          action: { in: ["payment.succeeded", "checkout.payment_method"] },
        },
      ],
    },
    orderBy: { at: "asc" },
    select: { at: true, action: true, data: true },
  });
  const out: TimelineEntry[] = [
    {
      at: formatDate(o.createdAt, locale, "dateTime"),
      atIso: o.createdAt.toISOString(),
      event: "placed",
    },
  ];
  for (const r of rows) {
    const data = JSON.parse(r.data) as {
      to?: string;
      reason?: string;
      note?: string;
      method?: string;
    };
    const event =
      r.action === "payment.succeeded"
        ? "paid"
        : r.action === "checkout.payment_method"
          ? `method:${data.method ?? ""}`
          : (data.to ?? r.action.slice("order.".length).toUpperCase());
    out.push({
      at: formatDate(r.at, locale, "dateTime"),
      atIso: r.at.toISOString(),
      event,
      ...(data.reason ? { reason: data.reason } : {}),
      ...(data.note ? { note: data.note } : {}),
    });
  }
  // a card-paid order is placed and paid in one step: "paid" belongs after "placed"
  return out.sort((a, b) => a.atIso.localeCompare(b.atIso));
}

export async function buyerOrderView({ order: o, access }: Opened, locale: Locale) {
  const owner = access === "owner";
  const transfer =
    o.checkout.paymentMethod === "VIETQR" &&
    o.paymentStatus === "UNPAID" &&
    o.status !== "CANCELLED";
  const qr = transfer ? await vietQrFor(o, o.stall) : null;
  const commune = owner
    ? await prisma.commune.findUnique({
        where: { code: o.checkout.communeCode },
        include: { province: true },
      })
    : null;
  return {
    access,
    order: {
      number: o.number,
      checkoutId: o.checkoutId,
      status: o.status,
      paymentStatus: o.paymentStatus,
      paymentMethod: o.checkout.paymentMethod,
      stall: {
        name: o.stall.name,
        slug: o.stall.slug,
        phone: o.stall.phone ? formatPhone(o.stall.phone) : null,
        tel: o.stall.phone,
        zalo: o.stall.phone ? zaloLink(o.stall.phone) : null,
      },
      createdAt: o.createdAt.toISOString(),
      subtotalVnd: o.subtotalVnd,
      shippingVnd: o.shippingVnd,
      totalVnd: o.totalVnd,
      mayCancel: owner && buyerMayCancel(o.status),
      // the address and the buyer's phone only for the buyer, never through the SMS link
      delivery: owner
        ? {
            recipient: o.checkout.recipient,
            phone: formatPhone(o.checkout.phone),
            address: [o.checkout.line, commune?.name, commune?.province.name]
              .filter(Boolean)
              .join(", "),
          }
        : null,
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
        trackingUrl: trackingLink(s.carrier, s.trackingCode),
        status: s.status,
        handedAt: s.handedAt?.toISOString() ?? null,
        deliveredAt: s.deliveredAt?.toISOString() ?? null,
      })),
      timeline: await timeline(o, locale),
      transfer,
      vietqr: qr
        ? {
            dataUrl: qr.dataUrl,
            pngHref: `/orders/${encodeURIComponent(o.number)}/qr.png?k=${payToken(o.number)}`,
            reference: qr.reference,
            amountVnd: qr.amountVnd,
            bankName: qr.bankName,
            bankFullName: qr.bankFullName,
            account: qr.account,
            accountName: qr.accountName,
          }
        : null,
    },
  };
}
