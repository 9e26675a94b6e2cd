// Page metadata helpers shared by storefront routes (no server imports: used in meta()).

/** JSON for a <script type="application/ld+json">: "<", ">" and "&" escaped so no text can close the script. */
export function safeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function clip(text: string, max = 160): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

export type SeoInput = { title: string; description: string; url: string; image?: string | null; type?: string };

export function seoMeta({ title, description, url, image, type = "website" }: SeoInput) {
  return [
    { title: `${title} · Xứ Trà` },
    { name: "description", content: clip(description) },
    { property: "og:title", content: title },
    { property: "og:description", content: clip(description, 200) },
    { property: "og:type", content: type },
    { property: "og:url", content: url },
    { property: "og:site_name", content: "Xứ Trà" },
    { property: "og:locale", content: "vi_VN" },
    ...(image ? [{ property: "og:image", content: image }] : []),
    { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
    { tagName: "link", rel: "canonical", href: url },
  ];
}
