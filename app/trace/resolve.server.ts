// The resolver proper (GS1-Conformant Resolver conventions) for /01/... and the
// linkset endpoint of the short form. HTML pages are served by routes/t.$.tsx.
import {
  PARSE_ERROR_MESSAGES,
  parseDigitalLinkPath,
  parseLinkType,
  parseShortPath,
  type ParseError,
} from "~/domain/digital-link";
import { translator, translateText } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import {
  CORS,
  jsonError,
  linkHeader,
  linksetResponse,
  linksFor,
  wantsLinkset,
} from "./linkset.server";
import {
  findByDigitalLink,
  findByShortCode,
  findVoidSerial,
  pagePath,
  publicBase,
} from "./lookup.server";

function esc(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Problem = { error: ParseError; gtin: string } | null;

/** A small translated HTML error page for people whose browser hit /01/ directly. */
async function htmlError(request: Request, status: 400 | 404, problem: Problem) {
  const locale = await getLocale(request);
  const t = translator(locale);
  const title = t(status === 400 ? "trace.badCode.title" : "trace.notFound.title");
  // a 400 says what exactly is wrong with the code (e.g. its check digit)
  const body = problem
    ? translateText(t, `trace.badCode.${problem.error}`, { gtin: problem.gtin })
    : t(status === 400 ? "trace.badCode.body" : "trace.notFound.body");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · Xứ Trà</title><meta name="robots" content="noindex"><style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1c1917}a,button{font:inherit;color:#fff;background:#2f6121;border:0;border-radius:.5rem;padding:.6rem 1rem;text-decoration:none;font-weight:600}input{font:inherit;padding:.5rem;border:1px solid #78716c;border-radius:.5rem;width:100%;box-sizing:border-box;margin:.5rem 0}</style></head><body><h1>${esc(title)}</h1><p>${esc(body)}</p><form action="/search" method="get"><label>${esc(t("nav.search"))}<input type="search" name="q" placeholder="${esc(t("search.placeholder"))}"></label><button>${esc(t("trace.notFound.search"))}</button></form><p><a href="/">${esc(t("error.back"))}</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: {
      ...CORS,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Language": locale,
      Vary: "Accept, Cookie",
    },
  });
}

async function fail(request: Request, machine: boolean, status: 400 | 404, problem: Problem) {
  if (machine)
    return jsonError(
      status,
      problem?.error ?? "not-found",
      problem ? PARSE_ERROR_MESSAGES[problem.error] : "No such GS1 key on this resolver",
    );
  return htmlError(request, status, problem);
}

function redirect307(location: string, extra: Record<string, string> = {}) {
  return new Response(null, {
    status: 307,
    headers: {
      ...CORS,
      Location: location,
      Vary: "Accept, Cookie",
      "Cache-Control": "no-cache",
      ...extra,
    },
  });
}

/** GET/HEAD /01/{gtin}[/22/..][/10/..][/21/..] */
export async function resolveDigitalLink(request: Request, splat: string): Promise<Response> {
  const url = new URL(request.url);
  const linkType = parseLinkType(url.searchParams.get("linkType"));
  const machine = linkType === "all" || wantsLinkset(request);
  const parsed = parseDigitalLinkPath(`/01/${splat}`);
  if (!parsed.ok)
    return fail(request, machine, 400, { error: parsed.error, gtin: splat.split("/")[0] ?? "" });
  const found = await findByDigitalLink(parsed.key);
  if (!found) {
    // a voided unit: people go to its page, which explains (410); machines get 410 Gone
    const voided =
      parsed.key.serial !== undefined
        ? await findVoidSerial({ gtin: parsed.key.gtin, lot: parsed.key.lot }, parsed.key.serial)
        : null;
    if (voided && machine)
      return jsonError(410, "void", "This unit code was cancelled by the seller");
    if (voided) return redirect307(voided.path);
    return fail(request, machine, 404, null);
  }
  const anchor = publicBase() + url.pathname;
  if (found.kind === "product") {
    // A bare GTIN has no lot story: its only link is the product page.
    const pip = `${publicBase()}/products/${found.productSlug}`;
    if (machine)
      return new Response(
        JSON.stringify({
          linkset: [
            {
              anchor,
              "https://gs1.org/voc/pip": [{ href: pip, type: "text/html" }],
              "https://gs1.org/voc/defaultLink": [{ href: pip, type: "text/html" }],
            },
          ],
        }),
        {
          headers: { ...CORS, "Content-Type": "application/linkset+json", Vary: "Accept, Cookie" },
        },
      );
    return redirect307(`/products/${found.productSlug}`, {
      Link: `<${pip}>; rel="https://gs1.org/voc/pip"`,
    });
  }
  const target = found.target;
  const { targets, title } = await linksFor(target);
  if (machine) return linksetResponse(anchor, title, targets);
  const link = { Link: linkHeader(anchor, targets) };
  const page = pagePath(target);
  // keep the label's ?src= (coarse place) for the scan log
  const src = url.searchParams.get("src");
  const query = src ? `?src=${encodeURIComponent(src)}` : "";
  switch (linkType) {
    case "gs1:pip":
      return redirect307(`/products/${target.productSlug}`, link);
    case "gs1:certificationInfo":
      return redirect307(`${page}#certificates`, link);
    case "gs1:epcis":
      return redirect307(`/api/batches/${target.batchId}/epcis`, link);
    default:
      // gs1:defaultLink, gs1:traceability and unknown link types: the provenance page
      return redirect307(page + query, link);
  }
}

/** GET /t/linkset/{code}[/{serial}]: the linkset of a short code, JSON errors. */
export async function shortLinkset(request: Request, splat: string): Promise<Response> {
  const parsed = parseShortPath(splat);
  if (!parsed.ok) return jsonError(400, "bad-code", "Not a valid short code");
  const target = await findByShortCode(parsed.code, parsed.serial);
  if (!target && parsed.serial && (await findVoidSerial({ code: parsed.code }, parsed.serial)))
    return jsonError(410, "void", "This unit code was cancelled by the seller");
  if (!target) return jsonError(404, "not-found", "No such code");
  const { targets, title } = await linksFor(target);
  return linksetResponse(publicBase() + pagePath(target), title, targets);
}

export function preflight() {
  return new Response(null, {
    status: 204,
    headers: { ...CORS, "Access-Control-Max-Age": "86400" },
  });
}
