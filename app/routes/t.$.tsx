// The provenance page: /t/{code} (batch) and /t/{code}/{serial} (unit). GS1 Digital
// Link URIs (/01/...) resolve here too (routes/01.$.ts). linkType picks other links.
import {
  data,
  redirect,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { TraceNotFound, ProvenanceView } from "~/trace/components/provenance";
import { parseLinkType, parseShortPath } from "~/domain/digital-link";
import { useT } from "~/i18n/react";
import { CORS, linkHeader, linksFor, wantsLinkset } from "~/trace/linkset.server";
import { findByShortCode, findVoidSerial, pagePath, publicBase } from "~/trace/lookup.server";
import { loadProvenance } from "~/trace/provenance.server";
import { recordScan } from "~/trace/scans.server";
import { isTraceStaff } from "~/trace/access.server";
import { clip, metaT } from "~/storefront/seo";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseShortPath(params["*"] ?? "");
  const linkType = parseLinkType(url.searchParams.get("linkType"));
  const machine = linkType === "all" || wantsLinkset(request);
  // Machine clients get JSON (including JSON 404s) from the linkset endpoint.
  if (machine)
    throw redirect(`/t/linkset/${url.pathname.slice("/t/".length)}${url.search}`, {
      status: 307,
      headers: CORS,
    });
  if (!parsed.ok) throw data({ trace: "bad" as const }, { status: 400 });
  const target = await findByShortCode(parsed.code, parsed.serial);
  if (!target) {
    // a unit the seller voided: say so (410 Gone), it is what a buyer holding a copied label needs to know
    const voided = parsed.serial
      ? await findVoidSerial({ code: parsed.code }, parsed.serial)
      : null;
    if (voided) throw data({ trace: "void" as const, stall: voided.stall }, { status: 410 });
    throw data({ trace: "missing" as const }, { status: 404 });
  }
  const canonical = pagePath(target);
  if (linkType === "gs1:pip")
    throw redirect(`/products/${target.productSlug}`, { status: 307, headers: CORS });
  if (linkType === "gs1:certificationInfo")
    throw redirect(`${canonical}#certificates`, { status: 307, headers: CORS });
  if (linkType === "gs1:epcis")
    throw redirect(`/api/batches/${target.batchId}/epcis`, { status: 307, headers: CORS });
  // lower-case or differently encoded codes: one canonical address per code
  if (url.pathname !== canonical) throw redirect(canonical + url.search, { status: 301 });

  // the stall's own people and officers checking the page are not scans
  if (!(await isTraceStaff(request, target.stall))) await recordScan(request, target);
  const locale = await getLocale(request);
  const [p, links] = await Promise.all([loadProvenance(target, locale), linksFor(target)]);
  return data(
    { p, locale },
    {
      headers: {
        "Cache-Control": "private, no-store",
        "Content-Language": locale,
        Vary: "Accept, Cookie",
        Link: linkHeader(publicBase() + canonical, links.targets),
      },
    },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) =>
  errorHeaders ?? loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  if (!d) return [{ title: "Xứ Trà" }];
  const t = metaT(matches);
  const day = (iso: string | null) => (iso ? formatDate(iso, d.locale, "dayMonthYear") : "—");
  const p = d.p;
  return [
    { title: `${p.product.name} · ${p.lot} · Xứ Trà` },
    {
      name: "description",
      content: clip(
        t("trace.metaDescription", {
          product: p.product.name,
          lot: p.lot,
          producer: p.producer?.name ?? p.cooperative ?? p.stall.name,
          place: [p.producer?.commune, p.province].filter(Boolean).join(", "),
          produced: day(p.producedAt),
          best: day(p.bestBefore),
        }),
      ),
    },
    { name: "robots", content: "noindex" },
  ];
};

export default function TracePage() {
  const { p, locale } = useLoaderData<typeof loader>();
  const t = useT();
  return <ProvenanceView p={p} t={t} locale={locale} />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 410)
    return <TraceNotFound t={t} kind="void" stall={String(error.data?.stall ?? "")} />;
  const kind = isRouteErrorResponse(error) && error.data?.trace === "bad" ? "bad" : "missing";
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 400))
    return <TraceNotFound t={t} kind={kind} />;
  throw error;
}
