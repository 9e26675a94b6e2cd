/** A schema.org block; `json` comes from safeJsonLd, so no text can close the script. */
export function JsonLd({ json }: { json: string }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
