import { PHOTO_WIDTHS } from "~/images/sizes";

type Props = {
  photo: { hash: string; placeholder: string; width?: number; height?: number } | null;
  alt: string;
  sizes?: string;
  className?: string;
  priority?: boolean;
};

/** Responsive product photo: AVIF, WebP, JPEG fallback, blurred placeholder behind. */
export function Photo({
  photo,
  alt,
  sizes = "(max-width: 640px) 50vw, 320px",
  className = "",
  priority = false,
}: Props) {
  if (!photo) return <div className={`aspect-square bg-tea-100 ${className}`} aria-hidden />;
  const srcSet = (ext: string) =>
    PHOTO_WIDTHS.map((w) => `/images/${photo.hash}/${w}.${ext} ${w}w`).join(", ");
  return (
    <picture>
      <source type="image/avif" srcSet={srcSet("avif")} sizes={sizes} />
      <source type="image/webp" srcSet={srcSet("webp")} sizes={sizes} />
      <img
        src={`/images/${photo.hash}/640.jpg`}
        alt={alt}
        width={photo.width ?? 640}
        height={photo.height ?? 640}
        loading={priority ? "eager" : "lazy"}
        decoding="async"
        className={`bg-cover bg-center object-cover ${className}`}
        style={{ backgroundImage: `url(${photo.placeholder})` }}
      />
    </picture>
  );
}
