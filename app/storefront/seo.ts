// Page metadata helpers shared by storefront routes (no server imports: used in meta()).
import { translator, type Locale, type MessageKey } from "~/i18n";

/** JSON for a <script type="application/ld+json">: "<", ">" and "&" escaped so no text can close the script. */
export function safeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function clip(text: string, max = 160): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

type Match = { id: string; data: unknown };

/** The page's language inside meta(): the root loader's locale (the language cookie, else Vietnamese). */
export function metaLocale(matches: readonly Match[] | undefined): Locale {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return root?.locale === "en" ? "en" : "vi";
}

export function metaT(matches: readonly Match[] | undefined) {
  return translator(metaLocale(matches));
}

/** Title only, not for search engines: cart, checkout, order and account pages. */
export function privateMeta(matches: readonly Match[] | undefined, key: MessageKey, suffix = "") {
  return [
    { title: `${metaT(matches)(key)}${suffix} · Xứ Trà` },
    { name: "robots", content: "noindex" },
  ];
}

export type SeoInput = {
  title: string;
  description: string;
  url: string;
  image?: string | null;
  type?: string;
  locale?: Locale;
};

export function seoMeta({
  title,
  description,
  url,
  image,
  type = "website",
  locale = "vi",
}: SeoInput) {
  return [
    { title: title.includes("Xứ Trà") ? title : `${title} · Xứ Trà` },
    { name: "description", content: clip(description) },
    { property: "og:title", content: title },
    { property: "og:description", content: clip(description, 200) },
    { property: "og:type", content: type },
    { property: "og:url", content: url },
    { property: "og:site_name", content: "Xứ Trà" },
    { property: "og:locale", content: locale === "en" ? "en_US" : "vi_VN" },
    { property: "og:locale:alternate", content: locale === "en" ? "vi_VN" : "en_US" },
    ...(image ? [{ property: "og:image", content: image }] : []),
    { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
    { tagName: "link", rel: "canonical", href: url },
  ];
}

/** schema.org ItemList of product pages, for listing pages (home, category, stall, cooperative). */
export function itemListLd(origin: string, products: { slug: string; name: string }[]) {
  return {
    "@type": "ItemList",
    numberOfItems: products.length,
    itemListElement: products.map((p, i) => ({
      "@type": "ListItem",
      position: i + 1,
      url: `${origin}/products/${p.slug}`,
      name: p.name,
    })),
  };
}

/** A postal address as schema.org wants it: commune/ward as locality, province as region. */
export function addressLd(commune: string, province: string) {
  return {
    "@type": "PostalAddress",
    addressLocality: commune,
    addressRegion: province,
    addressCountry: "VN",
  };
}
