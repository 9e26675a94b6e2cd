// Fixtures for buyer-side tests: a private stall + product per test file, and
// a client that keeps the cookies the app sets (guest cart, guest checkouts).
import { randomUUID } from "node:crypto";
import { enqueueProductSync } from "~/search/outbox.server";
import { prisma } from "~/utils/db.server";
import type { Client } from "./http";

export async function makeStall(
  tag: string,
  opts: { shippingFeeVnd?: number; freeShippingFromVnd?: number | null; householdId?: string } = {},
) {
  return prisma.stall.create({
    data: {
      id: `stall-${tag}`,
      slug: `stall-${tag}`,
      name: `Quầy thử ${tag}`,
      householdId: opts.householdId ?? "hh-003",
      communeCode: "05503",
      verification: "VERIFIED",
      shippingFeeVnd: opts.shippingFeeVnd ?? 30000,
      freeShippingFromVnd: opts.freeShippingFromVnd ?? null,
      bankBin: "970405",
      bankAccount: "1500999000123",
      bankAccountName: "NGUYEN VAN THU",
      phone: "+84913999001",
    },
  });
}

export async function makeProduct(
  stallId: string,
  tag: string,
  opts: { name?: string; stock?: number; priceVnd?: number; status?: string } = {},
) {
  return prisma.$transaction(async (tx) => {
    const p = await tx.product.create({
      data: {
        id: `prod-${tag}`,
        slug: `prod-${tag}`,
        stallId,
        householdId: "hh-003",
        categoryId: "cat-che",
        name: opts.name ?? `Chè thử ${tag}`,
        status: opts.status ?? "ACTIVE",
        publishedAt: new Date(),
        variants: {
          create: [
            {
              id: `var-${tag}`,
              label: "Túi 100 g",
              priceVnd: opts.priceVnd ?? 100000,
              stock: opts.stock ?? 10,
            },
          ],
        },
      },
      include: { variants: true },
    });
    await enqueueProductSync(tx, p.id);
    return p;
  });
}

/** Applies Set-Cookie headers from a response to the client, like a browser. */
export function keepCookies(c: Client, res: Response) {
  const jar = new Map(
    c.cookie
      .split("; ")
      .filter(Boolean)
      .map((kv) => [kv.split("=")[0], kv] as const),
  );
  for (const sc of res.headers.getSetCookie()) {
    const pair = sc.split(";")[0];
    jar.set(pair.split("=")[0], pair);
  }
  c.cookie = [...jar.values()].join("; ");
  return res;
}

export const addressFields = (method: "COD" | "VIETQR" | "CARD", key: string = randomUUID()) => ({
  recipient: "Nguyễn Thị Mua",
  phone: "0987 654 321",
  line: "Số 5, ngõ 12 Hoàng Văn Thụ",
  provinceCode: "19",
  communeCode: "05503",
  note: "",
  paymentMethod: method,
  idempotencyKey: key,
});
