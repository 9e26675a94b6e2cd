// `npm run seed -- --scale province`: on top of the demo data, a dataset the size
// of the province's own report (issue 12): 76,700 households with accounts, 2,600
// of them trained, 2,100 stalls with payment accounts, 3,300 products and 300,000
// orders over the last year, spread over the province's communes. Deterministic,
// idempotent (skipped when already there), ids prefixed "pv-". For benchmarks
// (`npm run bench -- dashboard`), never for the tests.
import { prisma } from "../../app/utils/db.server";
import { CATEGORIES } from "./catalog";

export const PROVINCE_SCALE = {
  households: 76_700,
  trained: 2_600,
  stalls: 2_100,
  verified: 900,
  products: 3_300,
  orders: 300_000,
};

const DAY = 86_400_000;
const CHUNK = 5_000;

/** A small seeded PRNG (mulberry32): the same data on every machine. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seedProvinceScale(log: (s: string) => void, at = new Date()) {
  if (await prisma.household.findUnique({ where: { id: "pv-h0" } })) {
    log("province scale: already there");
    return;
  }
  const started = Date.now();
  const r = random(20_260_712);
  const officer = await prisma.user.findFirstOrThrow({ where: { role: "OFFICER" } });
  const communes = (
    await prisma.commune.findMany({
      where: { province: { name: "Thái Nguyên" } },
      orderBy: { code: "asc" },
    })
  ).map((c) => c.code);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const S = PROVINCE_SCALE;

  const phone = (n: number) => `+8470${String(n).padStart(7, "0")}`;
  await inChunks(
    Array.from({ length: S.households }, (_, n) => n),
    async (ns) => {
      await prisma.user.createMany({
        data: ns.map((n) => ({
          id: `pv-u${n}`,
          phone: phone(n),
          name: `Hộ ${n}`,
          passwordHash: "!", // no password: these accounts cannot log in
          role: "HOUSEHOLD",
          createdAt: new Date(at.getTime() - (400 - (n % 400)) * DAY),
        })),
      });
      await prisma.household.createMany({
        data: ns.map((n) => ({
          id: `pv-h${n}`,
          name: `Hộ ${n}`,
          phone: phone(n),
          communeCode: communes[n % communes.length],
          userId: `pv-u${n}`,
          onboardedById: officer.id,
          createdAt: new Date(at.getTime() - (400 - (n % 400)) * DAY),
        })),
      });
    },
  );
  log(`province scale: ${S.households} households`);

  // trainings: a group session counts once per household; some came twice
  const trainings = Array.from({ length: S.trained }, (_, n) => ({
    officerId: officer.id,
    householdId: `pv-h${n * 29}`,
    kind: "TRAINING",
    topic: n % 2 ? "digital" : "packing",
    at: new Date(at.getTime() - Math.floor(r() * 360) * DAY),
  }));
  await inChunks(
    [...trainings, ...trainings.slice(0, 400).map((t) => ({ ...t, topic: "photos" }))],
    (c) => prisma.onboardingRecord.createMany({ data: c }),
  );

  const stalls = Array.from({ length: S.stalls }, (_, n) => ({
    id: `pv-s${n}`,
    slug: `pv-quay-${n}`,
    name: `Quầy hộ ${n * 31}`,
    householdId: `pv-h${n * 31}`,
    communeCode: communes[(n * 31) % communes.length],
    status: n % 50 === 49 ? "VACATION" : "OPEN",
    verification: n < S.verified ? "VERIFIED" : "UNVERIFIED",
    verifiedAt: n < S.verified ? new Date(at.getTime() - (n % 300) * DAY) : null,
    verifiedById: n < S.verified ? officer.id : null,
    bankBin: "970405",
    bankAccount: `1${String(n).padStart(11, "0")}`,
    bankAccountName: `HO ${n * 31}`,
  }));
  await inChunks(stalls, (c) => prisma.stall.createMany({ data: c }));

  const products = Array.from({ length: S.products }, (_, n) => ({
    id: `pv-p${n}`,
    stallId: `pv-s${n % S.stalls}`,
    householdId: `pv-h${(n % S.stalls) * 31}`,
    categoryId: `cat-${pick(CATEGORIES).slug}`,
    slug: `pv-san-pham-${n}`,
    name: `Sản phẩm ${n}`,
    status: "ACTIVE",
    publishedAt: new Date(at.getTime() - (n % 365) * DAY),
  }));
  await inChunks(products, (c) => prisma.product.createMany({ data: c }));
  await inChunks(products, (c) =>
    prisma.variant.createMany({
      data: c.map((p, i) => ({
        id: `${p.id}-v0`,
        productId: p.id,
        label: "Gói 500 g",
        weightGrams: 500,
        priceVnd: 50_000 + (i % 40) * 10_000,
        stock: 100,
      })),
    }),
  );
  log(`province scale: ${S.stalls} stalls, ${S.products} products`);

  for (let from = 0; from < S.orders; from += CHUNK) {
    const ns = Array.from({ length: Math.min(CHUNK, S.orders - from) }, (_, i) => from + i);
    const rows = ns.map((n) => {
      const p = n % S.products;
      const quantity = 1 + Math.floor(r() * 3);
      const price = 50_000 + (p % 40) * 10_000;
      const createdAt = new Date(at.getTime() - Math.floor(r() * 365 * DAY));
      const roll = r();
      const status = roll < 0.05 ? "CANCELLED" : roll < 0.08 ? "SHIPPED" : "DELIVERED";
      return { n, p, quantity, price, createdAt, status, commune: pick(communes) };
    });
    // one transaction per chunk: one commit instead of three
    await prisma.$transaction(
      async (tx) => {
        await tx.checkout.createMany({
          data: rows.map((o) => ({
            id: `pv-c${o.n}`,
            idempotencyKey: `pv-c${o.n}`,
            recipient: "Người mua",
            phone: "+84900000000",
            line: "Số 1",
            communeCode: o.commune,
            provinceCode: "19",
            paymentMethod: o.n % 3 ? "COD" : "VIETQR",
            status: "PLACED",
            totalVnd: o.price * o.quantity + 30_000,
            createdAt: o.createdAt,
            expiresAt: o.createdAt,
          })),
        });
        await tx.order.createMany({
          data: rows.map((o) => ({
            id: `pv-o${o.n}`,
            number: `PV-${String(o.n).padStart(6, "0")}`,
            checkoutId: `pv-c${o.n}`,
            stallId: `pv-s${o.p % S.stalls}`,
            status: o.status,
            paymentStatus: o.status === "DELIVERED" ? "PAID" : "UNPAID",
            subtotalVnd: o.price * o.quantity,
            shippingVnd: 30_000,
            totalVnd: o.price * o.quantity + 30_000,
            createdAt: o.createdAt,
            cancelledAt: o.status === "CANCELLED" ? o.createdAt : null,
          })),
        });
        await tx.orderItem.createMany({
          data: rows.map((o) => ({
            id: `pv-i${o.n}`,
            orderId: `pv-o${o.n}`,
            variantId: `pv-p${o.p}-v0`,
            productName: `Sản phẩm ${o.p}`,
            variantLabel: "Gói 500 g",
            unitPriceVnd: o.price,
            quantity: o.quantity,
          })),
        });
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  }
  log(
    `province scale: ${S.orders} orders over a year; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}
