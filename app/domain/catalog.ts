// What may be shown and sold. Pure rules shared by storefront, search and console.

export const PRODUCT_STATUSES = ["DRAFT", "ACTIVE", "HIDDEN"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

type Listable = {
  status: string;
  deletedAt: Date | null;
  stall: { banned: boolean; status: string };
};

/** Listed = its page is public: published, not deleted, on a stall that is neither banned nor closed. */
export function isListed(p: Listable): boolean {
  return (
    p.status === "ACTIVE" && p.deletedAt === null && !p.stall.banned && p.stall.status !== "CLOSED"
  );
}

/**
 * For sale = listed and the stall is open. A stall on a break (VACATION) keeps
 * its pages (QR labels and shared links still work) but takes no orders and is
 * not searchable until it reopens (docs/decisions/0020).
 */
export function isForSale(p: Listable): boolean {
  return isListed(p) && p.stall.status === "OPEN";
}

/** What isForSale means, as a query (Prisma `where` on Product). */
export const forSaleWhere = {
  status: "ACTIVE",
  deletedAt: null,
  stall: { banned: false, status: "OPEN" },
} as const;

/** What isListed means, as a query: a stall's own page still shows its goods while it is on a break. */
export const listedWhere = {
  status: "ACTIVE",
  deletedAt: null,
  stall: { banned: false, status: { not: "CLOSED" } },
} as const;

export type Certificate = { kind: string; status: string; stars: number | null; expiresAt: Date };

/** Only verified, unexpired certificates count for badges, filters and ranking. */
export function validCertificates<T extends Certificate>(certs: T[], now = new Date()): T[] {
  return certs.filter((c) => c.status === "VERIFIED" && c.expiresAt > now);
}

export function ocopStars(certs: Certificate[], now = new Date()): number | null {
  const stars = validCertificates(certs, now)
    .filter((c) => c.kind === "OCOP" && c.stars)
    .map((c) => c.stars as number);
  return stars.length ? Math.max(...stars) : null;
}

/** Month-range "in season" check that wraps the new year (Nov-Feb). */
export function inSeason(from: number | null, to: number | null, month: number): boolean {
  if (!from || !to) return false;
  return from <= to ? month >= from && month <= to : month >= from || month <= to;
}
