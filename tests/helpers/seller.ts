// Helpers for the seller console tests: fixture files, EXIF inspection, and
// orders created straight in the database (checkout belongs to the buyer side).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

export function fixture(name: string, type = "image/jpeg"): File {
  return new File([fs.readFileSync(path.join(FIXTURES, name))], name, { type });
}

export function uid(prefix = "t") {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/**
 * Does this EXIF block (as sharp's metadata().exif returns it) hold a GPS IFD?
 * Reads the TIFF header and IFD0 entries and looks for tag 0x8825 (GPSInfo).
 */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif || exif.length < 14) return false;
  let b = exif;
  if (b.subarray(0, 6).toString("latin1") === "Exif\0\0") b = b.subarray(6);
  const le = b.subarray(0, 2).toString("latin1") === "II";
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const ifd0 = u32(4);
  const n = u16(ifd0);
  for (let i = 0; i < n; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

type OrderSpec = {
  stallId: string;
  variantId: string;
  quantity?: number;
  paymentMethod?: "COD" | "VIETQR" | "CARD";
  status?: string;
  paymentStatus?: string;
  createdAt?: Date;
};

/** A placed order (Checkout + Order + OrderItem + Payment), as the buyer's checkout would leave it. */
export async function createOrder(spec: OrderSpec) {
  const variant = await prisma.variant.findUniqueOrThrow({
    where: { id: spec.variantId },
    include: { product: true },
  });
  const qty = spec.quantity ?? 1;
  const subtotal = variant.priceVnd * qty;
  const method = spec.paymentMethod ?? "COD";
  const key = uid("ck");
  const checkout = await prisma.checkout.create({
    data: {
      idempotencyKey: key,
      recipient: "Chị Lan (test)",
      phone: "+84915000001",
      line: "Xóm Trung, số 5",
      communeCode: "05503",
      provinceCode: "19",
      paymentMethod: method,
      status: "PLACED",
      totalVnd: subtotal + 30000,
      expiresAt: new Date(Date.now() + 3600_000),
    },
  });
  const order = await prisma.order.create({
    data: {
      number: `XT-T-${randomBytes(3).toString("hex").toUpperCase()}`,
      checkoutId: checkout.id,
      stallId: spec.stallId,
      status: spec.status ?? "NEW",
      paymentStatus: spec.paymentStatus ?? "UNPAID",
      subtotalVnd: subtotal,
      shippingVnd: 30000,
      totalVnd: subtotal + 30000,
      createdAt: spec.createdAt,
      items: {
        create: [
          {
            variantId: variant.id,
            productName: variant.product.name,
            variantLabel: variant.label,
            unitPriceVnd: variant.priceVnd,
            quantity: qty,
          },
        ],
      },
    },
  });
  await prisma.variant.update({ where: { id: variant.id }, data: { stock: { decrement: qty } } });
  await prisma.payment.create({
    data: {
      checkoutId: checkout.id,
      provider: method === "CARD" ? "STRIPE" : method,
      amountVnd: subtotal + 30000,
      idempotencyKey: uid("pay"),
      status: "PENDING",
    },
  });
  return order;
}
