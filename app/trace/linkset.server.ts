// RFC 9264 linksets and HTTP Link headers for the GS1-conformant resolver.
import { GS1_VOC, type LinkType } from "~/domain/digital-link";
import { prisma } from "~/utils/db.server";
import { pagePath, publicBase, type TraceTarget } from "./lookup.server";

export const LINKSET_TYPE = "application/linkset+json";

type Link = { href: string; title: string; type: string; hreflang?: string[] };

export type LinkTargets = Record<LinkType, Link>;

/** The links a batch (or unit) offers, absolute on our public origin. */
export async function linksFor(
  target: TraceTarget,
): Promise<{ targets: LinkTargets; title: string }> {
  const base = publicBase();
  const batch = await prisma.batch.findUniqueOrThrow({
    where: { id: target.batchId },
    select: { product: { select: { name: true, slug: true } } },
  });
  const page = base + pagePath(target);
  const title = batch.product.name;
  const langs = ["vi", "en"];
  const traceability: Link = {
    href: page,
    title: `Nguồn gốc / Traceability: ${title}`,
    type: "text/html",
    hreflang: langs,
  };
  return {
    title,
    targets: {
      "gs1:defaultLink": traceability,
      "gs1:traceability": traceability,
      "gs1:pip": {
        href: `${base}/products/${batch.product.slug}`,
        title: `Sản phẩm / Product: ${title}`,
        type: "text/html",
        hreflang: langs,
      },
      "gs1:certificationInfo": {
        href: `${page}#certificates`,
        title: "Chứng nhận / Certificates",
        type: "text/html",
        hreflang: langs,
      },
      "gs1:epcis": {
        href: `${base}/api/batches/${target.batchId}/epcis`,
        title: "EPCIS 2.0",
        type: "application/ld+json",
      },
    },
  };
}

/** Expands "gs1:pip" to the GS1 Web Vocabulary URI used as a link relation. */
export function relUri(linkType: string): string {
  return linkType.startsWith("gs1:") ? GS1_VOC + linkType.slice(4) : linkType;
}

/** The linkset document (RFC 9264 section 4.2) for one anchor. */
export function linksetDocument(anchor: string, title: string, targets: LinkTargets) {
  // "description" is the current name; "itemDescription" stays for older clients (resolver linkset schema)
  const context: Record<string, unknown> = { anchor, description: title, itemDescription: title };
  for (const [type, link] of Object.entries(targets)) context[relUri(type)] = [link];
  return { linkset: [context] };
}

/** A Link header (RFC 8288) listing the same links, plus where the linkset lives. */
export function linkHeader(anchor: string, targets: LinkTargets): string {
  const parts = Object.entries(targets).map(
    ([type, l]) => `<${l.href}>; rel="${relUri(type)}"; type="${l.type}"`,
  );
  parts.push(
    `<${anchor}${anchor.includes("?") ? "&" : "?"}linkType=all>; rel="linkset"; type="${LINKSET_TYPE}"`,
  );
  return parts.join(", ");
}

/** True when the client asked for the linkset by content negotiation. */
export function wantsLinkset(request: Request): boolean {
  const accept = request.headers.get("Accept") ?? "";
  // API clients asking for plain JSON get the linkset (and JSON errors) too; browsers ask for HTML
  return (
    accept.includes(LINKSET_TYPE) ||
    (/\bapplication\/json\b/.test(accept) && !accept.includes("text/html"))
  );
}

export const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Accept-Language",
  "Access-Control-Expose-Headers": "Link, Location, Content-Language",
} as const;

export function linksetResponse(anchor: string, title: string, targets: LinkTargets, status = 200) {
  return new Response(JSON.stringify(linksetDocument(anchor, title, targets)), {
    status,
    headers: {
      ...CORS,
      "Content-Type": LINKSET_TYPE,
      Link: linkHeader(anchor, targets),
      Vary: "Accept, Cookie",
      "Cache-Control": "public, max-age=60",
    },
  });
}

/** JSON errors for machine clients asking for a linkset. */
export function jsonError(status: 400 | 404 | 410, error: string, message: string) {
  return new Response(JSON.stringify({ error, message, status }), {
    status,
    headers: { ...CORS, "Content-Type": "application/json; charset=utf-8", Vary: "Accept, Cookie" },
  });
}
