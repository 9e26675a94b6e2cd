import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatVnd } from "~/domain/money";
import { useT } from "~/i18n/react";
import { Photo } from "./photo";

export type ProductCardData = {
  slug: string;
  name: string;
  priceMin: number;
  inStock: boolean;
  ocopStars: number | null;
  stallName: string;
  commune: string;
  photo: { hash: string; placeholder: string } | null;
};

export function OcopBadge({ stars }: { stars: number }) {
  const t = useT();
  return (
    <span
      className="inline-flex items-center rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900"
      title={t("product.ocopStars", { stars })}
    >
      OCOP {"★".repeat(stars)}
    </span>
  );
}

export function ProductCard({ product }: { product: ProductCardData }) {
  const t = useT();
  return (
    <li className="card overflow-hidden">
      <Link to={`/products/${product.slug}`} className="block">
        <Photo photo={product.photo} alt={product.name} className="aspect-square w-full" />
        <div className="space-y-1 p-2">
          <h3 className="line-clamp-2 text-sm font-semibold leading-snug">{product.name}</h3>
          <p className="text-base font-bold text-clay-500">
            <span className="sr-only">{t("product.from")} </span>
            {formatVnd(product.priceMin)}
          </p>
          <p className="text-xs text-stone-600">
            {product.stallName} · {product.commune}
          </p>
          <div className="flex flex-wrap gap-1">
            {product.ocopStars ? <OcopBadge stars={product.ocopStars} /> : null}
            {!product.inStock ? (
              <span className="text-xs text-red-700">{t("product.outOfStock")}</span>
            ) : null}
          </div>
        </div>
      </Link>
    </li>
  );
}

/** Product cards two to a row at 360 px, four on a wider screen; `empty` stands instead of an empty list. */
export function ProductGrid({
  products,
  empty,
}: {
  products: ProductCardData[];
  empty?: ReactNode;
}) {
  if (!products.length && empty !== undefined) return <>{empty}</>;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {products.map((p) => (
        <ProductCard key={p.slug} product={p} />
      ))}
    </ul>
  );
}
