import type { ProductCardData } from "~/components/product-card";
import { isForSale, ocopStars, validCertificates } from "~/domain/catalog";
import { prisma, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export const forSaleWhere = { status: "ACTIVE", deletedAt: null, stall: { banned: false, status: { not: "CLOSED" } } } as const;

const cardInclude = {
  variants: { where: { active: true } },
  photos: { orderBy: { position: "asc" }, take: 1 },
  certifications: true,
  stall: { include: { commune: true } },
} as const;

/** Product cards for sale matching `where`, newest first. */
export async function loadCards(where: Prisma.ProductWhereInput, take = 48, skip = 0): Promise<ProductCardData[]> {
  const rows = await prisma.product.findMany({ where: { ...forSaleWhere, ...where }, include: cardInclude, orderBy: { publishedAt: "desc" }, take, skip });
  return rows.filter(isForSale).map((p) => {
    const prices = p.variants.map((v) => v.priceVnd);
    return {
      slug: p.slug,
      name: p.name,
      priceMin: prices.length ? Math.min(...prices) : 0,
      inStock: p.variants.some((v) => v.stock > 0),
      ocopStars: ocopStars(validCertificates(p.certifications)),
      stallName: p.stall.name,
      commune: p.stall.commune.name,
      photo: p.photos[0] ? { hash: p.photos[0].hash, placeholder: p.photos[0].placeholder } : null,
    };
  });
}

export function publicOrigin(request: Request): string {
  return env.PUBLIC_URL ?? new URL(request.url).origin;
}
