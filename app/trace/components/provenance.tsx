// The provenance page a QR scan opens. Static markup only (no client state), so it
// reads the same before JavaScript loads, prints cleanly and stays small.
import { Link } from "@remix-run/react";
import { type Locale, type Translate, translateText } from "~/i18n";
import type { Provenance } from "~/trace/provenance.server";
import { formatDate, formatNumber } from "~/utils/format";
import { Photo } from "~/components/photo";

const CERT_STYLE: Record<string, string> = {
  VERIFIED: "bg-tea-700 text-white",
  PENDING: "bg-amber-100 text-amber-950 border border-amber-700",
  EXPIRED: "border border-red-800 bg-red-50 text-red-900",
};

// Print: drop site chrome, keep the story in black on white.
const PRINT_CSS =
  "@media print{body>header,body>footer,.no-print{display:none!important}main{max-width:none!important;padding:0!important}.pv-card{border:1px solid #000!important;break-inside:avoid}}";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-stone-200 py-2 last:border-0">
      <dt className="text-sm text-stone-700">{label}</dt>
      <dd className="font-semibold">{children}</dd>
    </div>
  );
}

export function ProvenanceView({ p, t, locale }: { p: Provenance; t: Translate; locale: Locale }) {
  const d = (iso: string | null) => (iso ? formatDate(iso, locale, "dayMonthYear") : "");
  return (
    <article className="mx-auto max-w-2xl space-y-4 text-stone-950" lang={locale}>
      {/* raw: as a text child React would escape the ">" of the selectors and break them */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <header>
        <p className="text-sm font-semibold uppercase tracking-wide text-tea-800">
          {t("trace.title")}
        </p>
        <h1 className="text-2xl font-bold leading-tight">{p.product.name}</h1>
        <p className="mt-1 text-base">
          {t("trace.batch", { lot: p.lot })}
          {p.product.variant ? ` · ${p.product.variant}` : ""}
          {p.serial ? ` · ${t("trace.serial")} ${p.serial}` : ""}
        </p>
      </header>

      {p.pastDate && p.bestBefore ? (
        <section
          role="alert"
          className="pv-card rounded-xl border-2 border-red-800 bg-red-50 p-4 text-red-950"
          data-testid="batch-expired"
        >
          <p className="font-bold">
            {t(p.shelfKind === "EXPIRY" ? "trace.expired" : "trace.pastBestBefore", {
              date: d(p.bestBefore),
            })}
          </p>
        </section>
      ) : null}

      {p.stall.banned ? (
        <section
          role="alert"
          className="pv-card rounded-xl border-2 border-red-800 bg-red-50 p-4 text-red-950"
        >
          <h2 className="font-bold">{t("trace.banned.title")}</h2>
          <p className="mt-1">{t("trace.banned.body", { stall: p.stall.name })}</p>
        </section>
      ) : null}

      {p.warning ? (
        <section
          role="status"
          className="pv-card rounded-xl border-2 border-amber-700 bg-amber-50 p-4 text-amber-950"
        >
          <h2 className="font-bold">{t("trace.warning.title")}</h2>
          <p className="mt-1">
            {t("trace.warning.body", {
              count: p.warning.count,
              date: d(p.warning.since),
              stall: p.stall.name,
            })}
          </p>
        </section>
      ) : null}

      {p.photos.length ? (
        <div className="grid grid-cols-3 gap-2" aria-label={t("trace.photos")}>
          {p.photos.map((ph, i) => (
            <Photo
              key={ph.hash + i}
              photo={ph}
              alt={p.product.name}
              sizes="(max-width: 640px) 33vw, 200px"
              className="aspect-square w-full rounded-lg"
              priority={i === 0}
            />
          ))}
        </div>
      ) : null}

      <section className="pv-card card p-4">
        <dl>
          {p.producer ? (
            <Row label={t("trace.producer")}>
              {p.producer.name}
              <span className="block font-normal">
                {[p.producer.hamlet, p.producer.commune, p.province].filter(Boolean).join(", ")}
              </span>
            </Row>
          ) : null}
          {p.cooperative ? <Row label={t("trace.cooperative")}>{p.cooperative}</Row> : null}
          <Row label={t("trace.province")}>
            <span data-testid="pv-province">{p.province}</span>
          </Row>
          {p.plot ? (
            <Row label={t("trace.origin")}>
              {p.plot.commune}
              <span className="block font-normal">
                {t("trace.plot")}: {p.plot.name}
                {p.plot.areaM2
                  ? ` · ${t("trace.area", { area: formatNumber(p.plot.areaM2, locale) })}`
                  : ""}
              </span>
            </Row>
          ) : null}
          <Row label={t("trace.harvested")}>{d(p.harvestedAt)}</Row>
          {p.producedAt ? (
            <Row label={t("trace.producedAt")}>
              <span data-testid="pv-nsx">{d(p.producedAt)}</span>
            </Row>
          ) : null}
          {p.bestBefore ? (
            <Row label={`${t("trace.bestBefore")} (${t(`trace.shelf.${p.shelfKind}`)})`}>
              <span data-testid="pv-hsd">{d(p.bestBefore)}</span>
            </Row>
          ) : null}
          <Row label={t("trace.quantity")}>{`${formatNumber(p.quantity, locale)} ${p.unit}`}</Row>
          <Row label={t("trace.code")}>
            <span className="font-mono">{p.code}</span>
          </Row>
        </dl>
        <p
          className={`mt-3 rounded-lg px-3 py-2 text-sm ${p.stall.verified ? "bg-tea-50 text-tea-900" : "bg-stone-100 text-stone-800"}`}
        >
          <span aria-hidden>{p.stall.verified ? "✔ " : "• "}</span>
          {p.stall.verified && p.stall.verifiedBy
            ? t("trace.verifiedBy", { name: p.stall.verifiedBy, date: d(p.stall.verifiedAt) })
            : t("trace.stallUnverified")}
          {" · "}
          {t("trace.stall")}: {p.stall.name}
        </p>
      </section>

      <section className="pv-card card p-4" aria-labelledby="pv-steps">
        <h2 id="pv-steps" className="text-lg font-bold">
          {t("trace.steps")}
        </h2>
        {p.steps.length ? (
          <ol className="mt-2 border-l-4 border-tea-700 pl-4">
            {p.steps.map((s, i) => (
              <li key={i} className="relative pb-3 last:pb-0">
                <span
                  aria-hidden
                  className="absolute -left-[1.6rem] top-1 h-3 w-3 rounded-full bg-tea-700"
                />
                <p className="font-semibold">{translateText(t, `trace.step.${s.kind}`)}</p>
                <p className="text-sm text-stone-700">
                  <time dateTime={s.at}>{formatDate(s.at, locale, "dayMonthTime")}</time>
                  {s.note ? ` · ${s.note}` : ""}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2">{t("trace.noSteps")}</p>
        )}
        {p.notes ? (
          <p className="mt-3 border-t border-stone-200 pt-2">
            <span className="font-semibold">{t("trace.notes")}:</span> {p.notes}
          </p>
        ) : null}
      </section>

      <section id="certificates" className="pv-card card p-4" aria-labelledby="pv-certs">
        <h2 id="pv-certs" className="text-lg font-bold">
          {t("trace.certificates")}
        </h2>
        {p.certs.length ? (
          <ul className="mt-2 space-y-3">
            {p.certs.map((c, i) => (
              <li key={i} className="border-b border-stone-200 pb-2 last:border-0">
                <p className="flex flex-wrap items-center gap-2">
                  <strong>
                    {c.kind === "OCOP" && c.stars ? `OCOP ${"★".repeat(c.stars)}` : c.kind}
                  </strong>
                  <span
                    className={`rounded px-2 py-0.5 text-sm font-semibold ${CERT_STYLE[c.state]}`}
                  >
                    {translateText(t, `trace.cert.${c.state}`)}
                  </span>
                </p>
                <p className="text-sm">
                  {t("trace.cert.issuer")}: {c.issuer} · {t("trace.cert.number")} {c.number}
                </p>
                <p className="text-sm">{t("trace.cert.valid", { from: d(c.from), to: d(c.to) })}</p>
                {c.reviewedBy ? (
                  <p className="text-sm text-tea-900">
                    ✔ {t("trace.cert.reviewedBy", { name: c.reviewedBy })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">{t("trace.noCertificates")}</p>
        )}
      </section>

      <p className="text-sm text-stone-800" data-testid="scan-count">
        {p.scans.count === 0
          ? t("trace.scansNone")
          : p.scans.count === 1
            ? t("trace.scansFirst")
            : t("trace.scans", { count: p.scans.count, date: d(p.scans.first) })}
      </p>

      <p className="no-print">
        {p.product.slug ? (
          <Link
            to={`/products/${p.product.slug}`}
            className="btn-primary w-full sm:w-auto"
            reloadDocument
          >
            {t("trace.buyAgain")}
          </Link>
        ) : (
          <span>{t("trace.unavailable")}</span>
        )}
      </p>
      <p className="break-all text-xs text-stone-700">{p.uri}</p>
    </article>
  );
}

const NOT_FOUND_TEXT = {
  missing: ["trace.notFound.title", "trace.notFound.body"],
  bad: ["trace.badCode.title", "trace.badCode.body"],
  void: ["trace.void.title", "trace.void.body"],
} as const;

export function TraceNotFound({
  t,
  kind,
  stall = "",
}: {
  t: Translate;
  kind: "missing" | "bad" | "void";
  stall?: string;
}) {
  const [title, body] = NOT_FOUND_TEXT[kind];
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-bold">{t(title)}</h1>
      <p className="mt-3">{t(body, { stall })}</p>
      <form action="/search" method="get" className="mt-6 flex gap-2">
        <label htmlFor="trace-search" className="sr-only">
          {t("nav.search")}
        </label>
        <input
          id="trace-search"
          name="q"
          type="search"
          className="field"
          placeholder={t("search.placeholder")}
        />
        <button className="btn-primary">{t("trace.notFound.search")}</button>
      </form>
      <Link to="/" className="mt-4 inline-block underline">
        {t("error.back")}
      </Link>
    </div>
  );
}
