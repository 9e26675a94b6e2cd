// Flagged unit serials of a stall: possible copied labels (see domain/counterfeit.ts).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { AuthenticityTokenInput } from "~/components/csrf";
import { useLocale, useT } from "~/i18n/react";
import { stallSerial } from "~/trace/access.server";
import { settleFlaggedSerial } from "~/trace/serials.server";
import { requireStallAccess } from "~/stalls/access.server";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Mã bị gắn cờ · Xứ Trà" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall } = await requireStallAccess(request, params.stallId!);
  const units = await prisma.serialUnit.findMany({
    where: { batch: { stallId: stall.id }, flaggedAt: { not: null } },
    select: {
      id: true,
      serial: true,
      status: true,
      flaggedAt: true,
      batch: { select: { id: true, lot: true, code: true, product: { select: { name: true } } } },
    },
    orderBy: { flaggedAt: "desc" },
    take: 200,
  });
  const ids = units.map((u) => u.id);
  const [counts, devices, places] = await Promise.all([
    prisma.scanEvent.groupBy({
      by: ["serialId"],
      where: { serialId: { in: ids } },
      _count: { _all: true },
      _min: { scannedAt: true },
    }),
    prisma.scanEvent.groupBy({ by: ["serialId", "deviceHash"], where: { serialId: { in: ids } } }),
    prisma.scanEvent.groupBy({
      by: ["serialId", "place"],
      where: { serialId: { in: ids }, place: { not: null } },
    }),
  ]);
  const tally = (rows: { serialId: string | null }[]) =>
    rows.reduce<Record<string, number>>(
      (m, r) => ((m[r.serialId!] = (m[r.serialId!] ?? 0) + 1), m),
      {},
    );
  const dev = tally(devices);
  const pl = tally(places);
  const byId = Object.fromEntries(counts.map((c) => [c.serialId!, c]));
  return {
    stallId: stall.id,
    codes: units.map((u) => ({
      id: u.id,
      serial: u.serial,
      status: u.status,
      flaggedAt: u.flaggedAt!.toISOString(),
      batchId: u.batch.id,
      lot: u.batch.lot,
      code: u.batch.code,
      product: u.batch.product.name,
      scans: byId[u.id]?._count._all ?? 0,
      firstScan: byId[u.id]?._min.scannedAt?.toISOString() ?? null,
      devices: dev[u.id] ?? 0,
      places: pl[u.id] ?? 0,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall } = await requireStallAccess(request, params.stallId!);
  const formData = await readForm(request);
  const unit = await stallSerial(stall, String(formData.get("serialId") ?? ""));
  if (!unit) return data({ error: "batches.error.serial" as const }, { status: 404 });
  // "clear": the seller checked and it is genuine; otherwise the code is voided
  const clear = formData.get("_action") === "clear";
  await settleFlaggedSerial(unit, clear, user.id);
  throw redirect(
    `/console/stalls/${stall.id}/codes?${clear ? "cleared" : "voided"}=${encodeURIComponent(unit.serial)}`,
  );
}

export default function FlaggedCodes() {
  const t = useT();
  const locale = useLocale();
  const { stallId, codes } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="space-y-3">
      <Link to={`/console/stalls/${stallId}/batches`} className="text-sm underline">
        ← {t("batches.back")}
      </Link>
      <h2 className="text-xl font-bold">{t("codes.title")}</h2>
      <p className="text-sm text-stone-700">{t("codes.help")}</p>
      {params.get("voided") ? (
        <Notice>{t("codes.voided", { serial: params.get("voided")! })}</Notice>
      ) : null}
      {params.get("cleared") ? (
        <Notice>{t("codes.cleared", { serial: params.get("cleared")! })}</Notice>
      ) : null}
      {codes.length === 0 ? <p>{t("codes.empty")}</p> : null}
      <ul className="space-y-2">
        {codes.map((c) => (
          <li key={c.id} className="card p-3" data-testid="flagged-code">
            <p className="font-semibold">
              <span className="font-mono">{c.serial}</span> · {c.product} ·{" "}
              <Link
                to={`/console/stalls/${stallId}/batches/${c.batchId}`}
                className="text-tea-800 underline"
              >
                {t("trace.batch", { lot: c.lot })}
              </Link>
            </p>
            <p className="text-sm text-stone-700">
              {t("codes.flaggedAt")}: {formatDate(c.flaggedAt, locale, "dayMonthYear")} ·{" "}
              {t("codes.scans")}: {c.scans} · {t("codes.devices")}: {c.devices} ·{" "}
              {t("codes.places")}: {c.places}
              {c.firstScan ? ` · ${formatDate(c.firstScan, locale, "dayMonthYear")}` : ""}
            </p>
            {c.status !== "VOID" ? (
              <Form method="post" className="mt-2 flex flex-wrap gap-2">
                <AuthenticityTokenInput />
                <input type="hidden" name="serialId" value={c.id} />
                <button name="_action" value="void" className="btn-secondary">
                  {t("codes.void")}
                </button>
                <button name="_action" value="clear" className="btn-secondary">
                  {t("codes.clear")}
                </button>
              </Form>
            ) : (
              <p className="mt-1 text-sm font-semibold">VOID</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
