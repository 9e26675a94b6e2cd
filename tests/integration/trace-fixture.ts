// Rows of our own for traceability tests (tests share one seeded database).
// Products are DRAFT so the search index tests' counts are untouched.
import { randomBytes } from "node:crypto";
import { gs1CheckDigit } from "~/domain/gs1";
import { prisma } from "~/utils/db.server";

export function uniq(prefix = "") {
  return prefix + randomBytes(4).toString("hex").toUpperCase();
}

export function randomGtin14() {
  const body = "0893899" + String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return body + gs1CheckDigit(body);
}

export async function makeBatch(
  opts: { gtin?: boolean; serials?: number; stallId?: string; householdId?: string } = {},
) {
  const id = uniq("T");
  const stallId = opts.stallId ?? "stall-coop-hao-dat";
  const householdId = opts.householdId ?? "hh-001";
  const gtin = opts.gtin === false ? null : randomGtin14();
  const product = await prisma.product.create({
    data: {
      id: `p-${id}`,
      stallId,
      householdId,
      slug: `trace-test-${id.toLowerCase()}`,
      name: `Chè thử ${id}`,
      nameEn: `Test tea ${id}`,
      status: "DRAFT",
    },
  });
  const variant = await prisma.variant.create({
    data: {
      id: `v-${id}`,
      productId: product.id,
      label: "Túi 200 g",
      priceVnd: 120000,
      stock: 10,
      gtin,
    },
  });
  const harvestedAt = new Date("2026-10-01T01:00:00Z");
  const batch = await prisma.batch.create({
    data: {
      id: `b-${id}`,
      code: id,
      lot: `L-${id.slice(0, 6)}/A`,
      stallId,
      productId: product.id,
      variantId: variant.id,
      householdId,
      plotId: `${householdId}-plot-1`,
      harvestedAt,
      quantity: 42,
      unit: "kg",
      notes: "Lứa thu",
      steps: {
        create: ["HARVEST", "WITHERING", "FIXING", "ROLLING", "DRYING", "PACKING"].map(
          (kind, i) => ({
            kind,
            position: i,
            startedAt: new Date(harvestedAt.getTime() + i * 3 * 3600e3),
            note: `bước ${i}`,
          }),
        ),
      },
      serials: opts.serials
        ? {
            create: Array.from({ length: opts.serials }, (_, i) => ({
              serial: `U${String(i + 1).padStart(5, "0")}`,
            })),
          }
        : undefined,
    },
  });
  const now = Date.now();
  await prisma.certification.createMany({
    data: [
      {
        id: `c1-${id}`,
        kind: "VIETGAP",
        issuer: "Trung tâm thử",
        number: `VG-${id}`,
        issuedAt: new Date(now - 400 * 864e5),
        expiresAt: new Date(now - 5 * 864e5),
        status: "VERIFIED",
        reviewedById: "u-officer",
        stallId,
        productId: product.id,
      },
      {
        id: `c2-${id}`,
        kind: "OCOP",
        stars: 4,
        issuer: "UBND tỉnh Thái Nguyên",
        number: `QĐ-${id}`,
        issuedAt: new Date(now - 30 * 864e5),
        expiresAt: new Date(now + 700 * 864e5),
        status: "PENDING",
        stallId,
        productId: product.id,
      },
      {
        id: `c3-${id}`,
        kind: "ORGANIC",
        issuer: "Bị từ chối",
        number: `RJ-${id}`,
        issuedAt: new Date(now - 30 * 864e5),
        expiresAt: new Date(now + 700 * 864e5),
        status: "REJECTED",
        stallId,
        productId: product.id,
      },
      {
        id: `c4-${id}`,
        kind: "OCOP",
        stars: 5,
        issuer: "Bộ Nông nghiệp và Môi trường",
        number: `QĐ5-${id}`,
        issuedAt: new Date(now - 30 * 864e5),
        expiresAt: new Date(now + 700 * 864e5),
        status: "VERIFIED",
        reviewedById: "u-officer",
        stallId,
        productId: product.id,
      },
    ],
  });
  return { id, batch, product, variant, gtin };
}
