import { canManageStall } from "~/domain/roles";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { orderQrSvg, orderUrl } from "./seller.server";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";

export type Slip = {
  id: string;
  number: string;
  createdAt: string;
  stall: { name: string; phone: string | null; commune: string };
  recipient: string;
  phone: string;
  address: string;
  note: string;
  paymentMethod: string;
  paymentStatus: string;
  codDueVnd: number;
  items: {
    name: string;
    label: string;
    quantity: number;
    unitPriceVnd: number;
    producer: string | null;
  }[];
  subtotalVnd: number;
  shippingVnd: number;
  totalVnd: number;
  qrSvg: string;
  url: string;
};

/** Packing slips for the orders this user may manage (others are silently left out). */
export async function loadSlips(
  user: SessionUser,
  ids: string[],
  request: Request,
): Promise<Slip[]> {
  const orders = await prisma.order.findMany({
    where: { id: { in: ids.slice(0, 200) } },
    include: {
      stall: { include: { commune: true } },
      checkout: true,
      items: { include: { variant: { include: { product: { include: { household: true } } } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const mine = orders.filter((o) => canManageStall(user, o.stall));
  const communes = await prisma.commune.findMany({
    where: { code: { in: mine.map((o) => o.checkout.communeCode) } },
    include: { province: true },
  });
  const locale = await getLocale(request);
  return Promise.all(
    mine.map(async (o) => {
      const commune = communes.find((c) => c.code === o.checkout.communeCode);
      const url = orderUrl(o.number, request);
      return {
        id: o.id,
        number: o.number,
        createdAt: formatDate(o.createdAt, locale, "dateTime"),
        stall: { name: o.stall.name, phone: o.stall.phone, commune: o.stall.commune.name },
        recipient: o.checkout.recipient,
        phone: o.checkout.phone,
        address: [o.checkout.line, commune?.name, commune?.province.name]
          .filter(Boolean)
          .join(", "),
        note: o.checkout.note,
        paymentMethod: o.checkout.paymentMethod,
        paymentStatus: o.paymentStatus,
        codDueVnd:
          o.checkout.paymentMethod === "COD" && o.paymentStatus !== "PAID" ? o.totalVnd : 0,
        items: o.items.map((i) => ({
          name: i.productName,
          label: i.variantLabel,
          quantity: i.quantity,
          unitPriceVnd: i.unitPriceVnd,
          producer: o.stall.cooperativeId ? (i.variant.product.household?.name ?? null) : null,
        })),
        subtotalVnd: o.subtotalVnd,
        shippingVnd: o.shippingVnd,
        totalVnd: o.totalVnd,
        qrSvg: await orderQrSvg(url),
        url,
      };
    }),
  );
}
