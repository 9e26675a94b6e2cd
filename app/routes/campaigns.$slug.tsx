import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Photo } from "~/components/photo";
import { formatVnd } from "~/domain/money";
import { campaignPage, findCampaign, parseCommunes } from "~/harvest/campaign-page.server";
import { PreorderForm } from "~/harvest/components/preorder-form";
import { formatCutoff, formatDay } from "~/harvest/format";
import { startCardPayment } from "~/harvest/payment.server";
import { provincesOfArea } from "~/places/places.server";
import { PreorderSchema } from "~/harvest/preorder-schema";
import { buyerContext, placePreorder, PreorderError } from "~/harvest/preorders.server";
import { useLocale, useT } from "~/i18n/react";
import { publicOrigin } from "~/storefront/cards.server";
import { metaLocale, metaT, seoMeta } from "~/storefront/seo";
import { getUser, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm, readForm } from "~/utils/form.server";
import { getLocale, getTranslator } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await findCampaign(params.slug ?? "");
  if (!c) throw new Response("Not found", { status: 404 });
  const at = now();
  const [locale, user] = await Promise.all([getLocale(request), getUser(request)]);
  const [page, provinces, mine] = await Promise.all([
    campaignPage(c, at, locale),
    provincesOfArea(parseCommunes(c.deliveryCommunes), c.stall.communeCode),
    user ? buyerContext(user, c.id) : null,
  ]);
  const origin = publicOrigin(request);
  return {
    url: `${origin}/campaigns/${c.slug}`,
    image: page.product.photos[0]
      ? `${origin}/images/${page.product.photos[0].hash}/640.jpg`
      : null,
    page,
    provinces,
    loggedIn: !!user,
    mine,
    idempotencyKey: crypto.randomUUID(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Xứ Trà" }];
  const t = metaT(matches);
  const p = data.page;
  return seoMeta({
    title: p.title,
    description: t("meta.campaign", {
      title: p.title,
      price: formatVnd(p.priceVnd),
      unit: p.unitLabel.toLowerCase(),
      from: p.firstDay,
      to: p.lastDay,
    }),
    url: data.url,
    image: data.image,
    locale: metaLocale(matches),
  });
};

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const user = await requireUser(request);
  const t = await getTranslator(request);
  const submission = parseForm(formData, PreorderSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  let id: string;
  try {
    ({ id } = await placePreorder({
      campaignSlug: params.slug ?? "",
      buyerId: user.id,
      form: submission.value,
      at: now(),
    }));
  } catch (e) {
    if (!(e instanceof PreorderError)) throw e;
    if (e.code === "preorder.error.exists" && e.preOrderId)
      return redirect(`/preorders/${e.preOrderId}?exists=1`);
    const message = t(e.code, e.params);
    const field = e.field;
    return data(
      {
        result: submission.reply(
          field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
        ),
      },
      { status: 409 },
    );
  }
  if (submission.value.paymentMethod === "CARD") {
    const url = await startCardPayment(id, publicOrigin(request)).catch((err: unknown) => {
      console.error("[preorder] card session failed", err);
      return null;
    });
    if (url) return redirect(url);
    return redirect(`/preorders/${id}?placed=1&cardError=1`);
  }
  return redirect(`/preorders/${id}?placed=1`);
}

export default function CampaignPage() {
  const t = useT();
  const locale = useLocale();
  const { page: p, provinces, loggedIn, mine, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const unit = p.unitLabel.toLowerCase();
  const day = (d: string) => formatDay(d, locale);
  const dateFmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Ho_Chi_Minh",
  });
  const next = p.days[0];
  const today = p.todaySupply;
  return (
    <article className="mx-auto max-w-3xl space-y-5">
      <nav aria-label="breadcrumb" className="text-sm text-stone-600">
        <Link to="/" className="hover:underline">
          {t("nav.home")}
        </Link>{" "}
        ›{" "}
        <Link to="/campaigns" className="hover:underline">
          {t("campaigns.title")}
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold leading-tight">{p.title}</h1>
        <p className="text-xl font-bold text-clay-500" data-testid="campaign-price">
          {t("campaign.perUnit", { price: formatVnd(p.priceVnd), unit })}
        </p>
        <p className="text-sm">
          <span
            className="mr-2 rounded bg-tea-100 px-1.5 py-0.5 font-semibold text-tea-800"
            data-testid="campaign-state"
          >
            {t(`campaigns.status.${p.state}`)}
          </span>
          {t("campaign.window", { from: day(p.firstDay), to: day(p.lastDay) })} ·{" "}
          <strong data-testid="days-left">
            {p.daysLeft ? t("campaign.daysLeft", { count: p.daysLeft }) : t("campaign.over")}
          </strong>
          {p.startsIn > 0 ? ` · ${t("campaign.startsIn", { count: p.startsIn })}` : ""}
        </p>
      </header>
      {p.status === "PAUSED" ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900" data-testid="paused">
          {p.pauseMessage
            ? t("campaign.paused", { message: p.pauseMessage })
            : t("campaign.pausedNoMessage")}
        </p>
      ) : null}
      {p.status === "CLOSED" ? (
        <p role="status" className="rounded-lg bg-stone-100 p-3">
          {t("campaign.closed")}
        </p>
      ) : null}
      {p.status === "CANCELLED" ? (
        <p role="status" className="rounded-lg bg-stone-100 p-3">
          {t("campaign.cancelled")}
        </p>
      ) : null}
      {p.state === "UPCOMING" ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3">
          {t("campaign.opensAt", { date: dateFmt.format(new Date(p.opensAt)) })}
        </p>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <Photo
          photo={p.product.photos[0] ?? null}
          alt={p.product.photos[0]?.alt ?? p.product.name}
          sizes="(max-width: 768px) 100vw, 50vw"
          className="aspect-square w-full rounded-xl"
          priority
        />
        <div className="space-y-3">
          <section aria-labelledby="today" className="card space-y-1 p-3">
            <h2 id="today" className="font-bold">
              {t("campaign.supplyTitle")}
            </h2>
            <p data-testid="today-supply">
              {!today
                ? null
                : today.remaining === null
                  ? t("campaign.todayNone", { day: day(p.today) })
                  : today.remaining > 0
                    ? t("campaign.today", { day: day(p.today), count: today.remaining, unit })
                    : t("campaign.todayFull", {
                        day: day(p.today),
                        count: today.supply ?? 0,
                        unit,
                      })}
            </p>
            {next ? (
              <p className="text-sm">
                {t("campaign.next", {
                  day: day(next.day),
                  cutoff: formatCutoff(next.cutoff, locale),
                })}
              </p>
            ) : null}
            <p className="text-sm text-stone-600">
              {t("campaign.cutoff", { time: p.cutoffTime })}{" "}
              {t("campaign.cap", { count: p.maxPerBuyer, unit })}
            </p>
          </section>
          <section aria-labelledby="fresh" className="card space-y-1 p-3">
            <h2 id="fresh" className="font-bold">
              {t("campaign.fresh")}
            </h2>
            <p data-testid="fresh-promise">
              {t("campaign.freshPromise", {
                near: p.fresh.nearHours,
                far: p.fresh.farHours,
                km: p.fresh.farKm,
              })}
            </p>
            {p.fresh.compensationPct > 0 ? (
              <p className="text-sm">
                {t("campaign.compensation", { pct: p.fresh.compensationPct })}
              </p>
            ) : null}
          </section>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-stone-600">{t("campaign.from")}</dt>
            <dd>{p.origin}</dd>
            {p.grade ? (
              <>
                <dt className="text-stone-600">{t("campaign.grade")}</dt>
                <dd>{p.grade}</dd>
              </>
            ) : null}
            <dt className="text-stone-600">{t("sf.stall")}</dt>
            <dd>
              <Link to={`/stalls/${p.stall.slug}`} className="text-tea-800 underline">
                {p.stall.name}
              </Link>
            </dd>
            {p.cooperative ? (
              <>
                <dt className="text-stone-600">{t("sf.cooperative")}</dt>
                <dd>
                  <Link
                    to={`/cooperatives/${p.cooperative.slug}`}
                    className="text-tea-800 underline"
                  >
                    {p.cooperative.name}
                  </Link>
                </dd>
              </>
            ) : null}
            <dt className="text-stone-600">{t("sf.products")}</dt>
            <dd>
              <Link to={`/products/${p.product.slug}`} className="text-tea-800 underline">
                {p.product.name}
              </Link>
            </dd>
          </dl>
        </div>
      </div>

      {mine?.existing ? (
        <p role="status" className="rounded-lg bg-tea-50 p-3" data-testid="has-preorder">
          {t("preorder.existing")}{" "}
          <Link to={`/preorders/${mine.existing.id}`} className="font-semibold underline">
            {t("preorder.view")} {mine.existing.ref}
          </Link>
        </p>
      ) : !loggedIn ? (
        <p className="card p-3">
          <span className="block text-sm text-stone-700">{t("preorder.loginHint")}</span>
          <Link
            to={`/login?redirectTo=${encodeURIComponent(`/campaigns/${p.slug}`)}`}
            className="btn-primary mt-2"
          >
            {t("preorder.login")}
          </Link>{" "}
          <Link
            to={`/signup?redirectTo=${encodeURIComponent(`/campaigns/${p.slug}`)}`}
            className="btn-secondary mt-2"
          >
            {t("preorder.signup")}
          </Link>
        </p>
      ) : p.refusal && !actionData ? (
        <p role="status" className="rounded-lg bg-stone-100 p-3">
          {t(p.refusal)}
        </p>
      ) : mine ? (
        <PreorderForm
          campaign={p}
          provinces={provinces}
          defaults={mine.defaults}
          idempotencyKey={idempotencyKey}
          lastResult={actionData?.result}
        />
      ) : null}

      <section aria-labelledby="fair" className="space-y-1">
        <h2 id="fair" className="text-lg font-bold">
          {t("campaign.fairness")}
        </h2>
        <p className="max-w-prose text-sm">{t("campaign.fairnessBody")}</p>
      </section>

      <section aria-labelledby="days">
        <h2 id="days" className="mb-2 text-lg font-bold">
          {t("campaign.supplyTitle")}
        </h2>
        <table className="w-full text-left text-sm" data-testid="supply-table">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="py-1">{t("campaign.supply.day")}</th>
              <th className="py-1 text-right">{t("campaign.supply.confirmed")}</th>
              <th className="py-1 text-right">{t("campaign.supply.requested")}</th>
              <th className="py-1 text-right">{t("campaign.supply.left")}</th>
            </tr>
          </thead>
          <tbody>
            {p.supply.map((s) => (
              <tr key={s.day} className="border-b border-stone-100">
                <td className="py-1">{day(s.day)}</td>
                <td className="py-1 text-right">
                  {s.supply ?? (
                    <span className="text-stone-500">{t("campaign.supply.notYet")}</span>
                  )}
                </td>
                <td className="py-1 text-right">{s.demand}</td>
                <td className="py-1 text-right">{s.remaining ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {p.description ? <p className="max-w-prose whitespace-pre-line">{p.description}</p> : null}

      <section aria-labelledby="producers" className="space-y-2">
        <h2 id="producers" className="text-lg font-bold">
          {t("campaign.producers")}
        </h2>
        <p className="text-sm">{t("campaign.producersIntro", { count: p.households.length })}</p>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {p.households.map((h, i) => (
            <li key={i}>
              {h.stall ? (
                <Link to={`/stalls/${h.stall.slug}`} className="text-tea-800 underline">
                  {h.name}
                </Link>
              ) : (
                h.name
              )}
              <span className="text-stone-600">
                {" "}
                · {[h.hamlet, h.commune].filter(Boolean).join(", ")}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {p.batches.length ? (
        <section aria-labelledby="season" className="space-y-1">
          <h2 id="season" className="text-lg font-bold">
            {t("campaign.lastSeason")}
          </h2>
          <ul className="text-sm">
            {p.batches.map((b) => (
              <li key={b.code}>
                <Link to={`/t/${b.code}`} className="text-tea-800 underline">
                  {t("campaign.batch", {
                    lot: b.lot,
                    date: new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", {
                      dateStyle: "medium",
                      timeZone: "Asia/Ho_Chi_Minh",
                    }).format(new Date(b.harvestedAt)),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {p.collectionPoints.length ? (
        <section aria-labelledby="points" className="space-y-1">
          <h2 id="points" className="text-lg font-bold">
            {t("campaign.collection")}
          </h2>
          <ul className="text-sm">
            {p.collectionPoints.map((c) => (
              <li key={c.id}>
                {c.name}
                {c.line ? `, ${c.line}` : ""}, {c.commune}
                {c.hours ? ` · ${c.hours}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
