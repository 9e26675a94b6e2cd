import type { ProductCardData } from "~/components/product-card";
import {
  forSaleWhere,
  isForSale,
  isListed,
  listedWhere,
  ocopStars,
  validCertificates,
} from "~/domain/catalog";
import type { Locale } from "~/i18n";
import { prisma, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const cardInclude = {
  variants: { where: { active: true } },
  photos: { orderBy: { position: "asc" }, take: 1 },
  certifications: true,
  stall: { include: { commune: true } },
} as const;

type CardRow = Prisma.ProductGetPayload<{ include: typeof cardInclude }>;

export type CardOptions = {
  take?: number;
  skip?: number;
  locale?: Locale;
  listed?: boolean;
  filter?: (p: CardRow) => boolean;
};

/** Product cards for sale (or, with `listed`, merely listed) matching `where`, newest first. */
export async function loadCards(
  where: Prisma.ProductWhereInput,
  opts: CardOptions = {},
): Promise<ProductCardData[]> {
  const { take = 48, skip = 0, locale = "vi", listed = false, filter } = opts;
  // AND, not a spread: a caller's `stall: {...}` must not replace the stall rules
  const rows = await prisma.product.findMany({
    where: { AND: [listed ? listedWhere : forSaleWhere, where] },
    include: cardInclude,
    orderBy: { publishedAt: "desc" },
    take,
    skip,
  });
  return rows
    .filter(listed ? isListed : isForSale)
    .filter(filter ?? (() => true))
    .map((p) => {
      const prices = p.variants.map((v) => v.priceVnd);
      return {
        slug: p.slug,
        name: locale === "en" && p.nameEn ? p.nameEn : p.name,
        priceMin: prices.length ? Math.min(...prices) : 0,
        inStock: p.stall.status === "OPEN" && p.variants.some((v) => v.stock > 0),
        ocopStars: ocopStars(validCertificates(p.certifications)),
        stallName: p.stall.name,
        commune: p.stall.commune.name,
        photo: p.photos[0]
          ? { hash: p.photos[0].hash, placeholder: p.photos[0].placeholder }
          : null,
      };
    });
}

export function publicOrigin(request: Request): string {
  return env.PUBLIC_URL ?? new URL(request.url).origin;
}
