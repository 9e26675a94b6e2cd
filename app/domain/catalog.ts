// What may be shown and sold. Pure rules shared by storefront, search and console.

export const PRODUCT_STATUSES = ["DRAFT", "ACTIVE", "HIDDEN"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

type Listable = {
  status: string;
  deletedAt: Date | null;
  stall: { banned: boolean; status: string };
};

/** For sale = published, not deleted, on an open stall that is not banned. */
export function isForSale(p: Listable): boolean {
  return p.status === "ACTIVE" && p.deletedAt === null && !p.stall.banned && p.stall.status !== "CLOSED";
}

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
