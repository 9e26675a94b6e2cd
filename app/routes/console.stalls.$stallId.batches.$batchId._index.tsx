import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { BatchForm } from "~/components/batch-form";
import { AuthenticityTokenInput } from "~/components/csrf";
import { Photo } from "~/components/photo";
import { RemovePhotoForm } from "~/components/photo-uploader";
import { translateText } from "~/i18n";
import { useT } from "~/i18n/react";
import { BatchSchema } from "~/trace/batch-schema";
import {
  checkBatchRefs,
  codesInCirculation,
  issueSerials,
  lockedFieldErrors,
  LotTakenError,
  MAX_SERIALS_PER_ISSUE,
  saveBatch,
} from "~/trace/batches.server";
import { requireBatchAccess } from "~/trace/access.server";
import { batchDefaults, batchFormOptions } from "~/trace/console.server";
import { qrSvg } from "~/trace/labels.server";
import { labelUri } from "~/trace/lookup.server";
import { deliverSerial, deliverSerialRange, isDeliverableRange } from "~/trace/serials.server";
import { toGtin14 } from "~/domain/gs1";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.batch.lot ?? ""} · Lô sản xuất · Xứ Trà` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stall, batch } = await requireBatchAccess(request, params.stallId!, params.batchId!);
  const full = await prisma.batch.findUniqueOrThrow({
    where: { id: batch.id },
    include: {
      steps: { orderBy: { position: "asc" } },
      variant: { select: { gtin: true } },
      product: { select: { name: true } },
      _count: { select: { scans: true } },
      photos: {
        select: { id: true, hash: true, placeholder: true, width: true, height: true },
        orderBy: { position: "asc" },
      },
    },
  });
  const [serials, options, locked] = await Promise.all([
    prisma.serialUnit.groupBy({
      by: ["status"],
      where: { batchId: batch.id },
      _count: { _all: true },
    }),
    batchFormOptions(stall),
    codesInCirculation(batch.id),
  ]);
  const uri = labelUri({
    code: full.code,
    lot: full.lot,
    gtin: full.variant?.gtin ? toGtin14(full.variant.gtin) : null,
  });
  return {
    stallId: stall.id,
    coop: !!stall.cooperativeId,
    batch: {
      id: full.id,
      code: full.code,
      lot: full.lot,
      product: full.product.name,
      scans: full._count.scans,
      photos: full.photos,
    },
    serials: Object.fromEntries(serials.map((s) => [s.status, s._count._all])) as Record<
      string,
      number
    >,
    uri,
    qr: await qrSvg(uri),
    options,
    locked,
    defaults: batchDefaults(full),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stall, batch } = await requireBatchAccess(
    request,
    params.stallId!,
    params.batchId!,
  );
  const formData = await readForm(request);
  const back = `/console/stalls/${stall.id}/batches/${batch.id}`;
  const intent = formData.get("_action");
  if (intent === "issue") {
    if (!stall.cooperativeId && user.role !== "ADMIN")
      return data({ error: "batches.serialsCoopOnly" as const }, { status: 403 });
    const count = Number(formData.get("count"));
    if (!Number.isInteger(count) || count < 1 || count > MAX_SERIALS_PER_ISSUE)
      return data({ error: "batches.error.count" as const }, { status: 400 });
    const issued = await issueSerials(batch.id, count, user.id);
    throw redirect(`${back}?issued=${issued.length}`);
  }
  if (intent === "deliver") {
    const typed = String(formData.get("serial") ?? "")
      .trim()
      .toUpperCase();
    const serial = await deliverSerial(batch.id, typed, user.id);
    if (!serial) return data({ error: "batches.error.serial" as const }, { status: 400 });
    throw redirect(`${back}?delivered=${encodeURIComponent(serial)}`);
  }
  if (intent === "deliverRange") {
    const from = Number(formData.get("from"));
    const to = Number(formData.get("to"));
    if (!isDeliverableRange(from, to))
      return data({ error: "batches.error.range" as const }, { status: 400 });
    const count = await deliverSerialRange(batch.id, from, to, user.id);
    throw redirect(`${back}?deliveredCount=${count}&from=${from}&to=${to}`);
  }
  const submission = parseWithZod(formData, { schema: BatchSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { errors, householdId } = await checkBatchRefs(stall, submission.value);
  // printed codes are made of product, GTIN and lot: they must keep resolving
  if (await codesInCirculation(batch.id))
    Object.assign(errors, lockedFieldErrors(batch, submission.value));
  if (Object.keys(errors).length)
    return data({ result: submission.reply({ fieldErrors: errors }) }, { status: 400 });
  try {
    await saveBatch(stall, user.id, batch.id, submission.value, householdId);
  } catch (e) {
    if (e instanceof LotTakenError)
      return data(
        { result: submission.reply({ fieldErrors: { lot: ["batches.error.lotTaken"] } }) },
        { status: 400 },
      );
    throw e;
  }
  throw redirect(`${back}?saved=1`);
}

export default function BatchDetail() {
  const t = useT();
  const { stallId, coop, batch, serials, uri, qr, options, locked, defaults } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const base = `/console/stalls/${stallId}/batches/${batch.id}`;
  const labels = `${base}/labels`;
  const issued = Object.values(serials).reduce((a, b) => a + b, 0);
  const error = actionData && "error" in actionData ? t(actionData.error, { max: 500 }) : null;
  return (
    <section className="space-y-4">
      <Link to={`/console/stalls/${stallId}/batches`} className="text-sm underline">
        ← {t("batches.back")}
      </Link>
      <h2 className="text-xl font-bold">
        {batch.product} · {t("trace.batch", { lot: batch.lot })}
      </h2>
      {params.get("saved") ? <Notice>{t("batches.saved")}</Notice> : null}
      {params.get("issued") ? (
        <Notice>{t("batches.issued", { count: params.get("issued")! })}</Notice>
      ) : null}
      {params.get("delivered") ? (
        <Notice>{t("batches.delivered", { serial: params.get("delivered")! })}</Notice>
      ) : null}
      {params.get("deliveredCount") ? (
        <Notice>
          {t("batches.deliveredRange", {
            count: params.get("deliveredCount")!,
            from: params.get("from") ?? "",
            to: params.get("to") ?? "",
          })}
        </Notice>
      ) : null}
      {params.get("photo") ? <Notice>{t("batches.photoSaved")}</Notice> : null}
      {params.get("photoError") ? (
        <Notice tone="error">{translateText(t, params.get("photoError") ?? "")}</Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}

      <div className="card flex flex-wrap items-start gap-4 p-4">
        <div className="w-32 shrink-0" dangerouslySetInnerHTML={{ __html: qr }} aria-hidden />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="text-sm font-semibold">{t("batches.link")}</p>
          <p className="break-all font-mono text-sm" data-testid="batch-uri">
            {uri}
          </p>
          <p className="text-sm">
            {t("trace.code")}: <span className="font-mono">{batch.code}</span> ·{" "}
            {t("batches.scans", { count: batch.scans })}
          </p>
          <p className="flex flex-wrap gap-3 text-sm">
            <a href={`/t/${batch.code}`} className="underline" target="_blank" rel="noreferrer">
              {t("batches.openPage")}
            </a>
            <a href={`${base}/qr?format=png`} className="underline" download>
              QR PNG
            </a>
            <a href={`${base}/qr?format=svg`} className="underline" download>
              QR SVG
            </a>
            <a href={`/api/batches/${batch.id}/epcis`} className="underline">
              {t("batches.epcis")}
            </a>
          </p>
        </div>
      </div>

      <form method="get" action={labels} target="_blank" className="card space-y-3 p-4">
        <h3 className="font-semibold">{t("batches.labels")}</h3>
        <div className="grid grid-cols-2 gap-3">
          <label className="block">
            <span className="label">{t("batches.labelSize")}</span>
            <select name="size" className="field" defaultValue="30x30">
              <option value="30x30">30 × 30 mm</option>
              <option value="50x30">50 × 30 mm</option>
            </select>
          </label>
          <label className="block">
            <span className="label">{t("batches.labelFormat")}</span>
            <select name="format" className="field" defaultValue="pdf">
              <option value="pdf">PDF (A4)</option>
              <option value="svg">SVG (A4)</option>
            </select>
          </label>
          <label className="col-span-2 block">
            <span className="label">{t("batches.labelKind")}</span>
            <select name="kind" className="field" defaultValue="batch">
              <option value="batch">{t("batches.labelKind.batch")}</option>
              {issued ? <option value="serial">{t("batches.labelKind.serial")}</option> : null}
            </select>
          </label>
          <label className="block">
            <span className="label">{t("batches.labelCount")}</span>
            <input
              name="count"
              type="number"
              min={1}
              max={500}
              defaultValue={48}
              className="field"
            />
          </label>
          {issued ? (
            <label className="block">
              <span className="label">{t("batches.labelFrom")}</span>
              <input
                name="from"
                type="number"
                min={1}
                max={99999}
                defaultValue={1}
                className="field"
                aria-describedby="label-from-help"
              />
              <span id="label-from-help" className="mt-1 block text-xs text-stone-600">
                {t("batches.labelFromHelp")}
              </span>
            </label>
          ) : null}
        </div>
        <button className="btn-primary">{t("batches.labelPrint")}</button>
      </form>

      <div id="photos" className="card space-y-3 p-4">
        <h3 className="font-semibold">{t("batches.photos")}</h3>
        <p className="text-sm text-stone-700">{t("batches.photosHelp")}</p>
        {batch.photos.length ? (
          <ul className="grid grid-cols-3 gap-2">
            {batch.photos.map((ph) => (
              <li key={ph.id} className="space-y-1">
                <Photo
                  photo={ph}
                  alt={batch.lot}
                  sizes="120px"
                  className="aspect-square w-full rounded-lg"
                />
                <RemovePhotoForm
                  action={`${base}/photos`}
                  photoId={ph.id}
                  label={t("batches.photoRemove")}
                  className="text-sm text-red-800 underline"
                />
              </li>
            ))}
          </ul>
        ) : null}
        {batch.photos.length < 6 ? (
          <Form
            method="post"
            action={`${base}/photos`}
            encType="multipart/form-data"
            className="flex flex-wrap items-end gap-2"
          >
            <AuthenticityTokenInput />
            <label className="block flex-1">
              <span className="label">{t("batches.photoAdd")}</span>
              <input type="file" name="photo" accept="image/*" className="field" required />
            </label>
            <button className="btn-secondary">{t("batches.photoAdd")}</button>
          </Form>
        ) : null}
      </div>

      {coop ? (
        <div className="card space-y-3 p-4">
          <h3 className="font-semibold">{t("batches.serials")}</h3>
          <p className="text-sm text-stone-700">{t("batches.serialsHelp")}</p>
          <p className="text-sm" data-testid="serial-count">
            {t("batches.serialsCount", { count: issued })}
          </p>
          <Form method="post" className="flex items-end gap-2">
            <AuthenticityTokenInput />
            <label className="block flex-1">
              <span className="label">{t("batches.issueCount")}</span>
              <input
                name="count"
                type="number"
                min={1}
                max={500}
                defaultValue={10}
                className="field"
                required
              />
            </label>
            <button name="_action" value="issue" className="btn-secondary">
              {t("batches.issue")}
            </button>
          </Form>
          {issued ? (
            <Form method="post" className="flex items-end gap-2">
              <AuthenticityTokenInput />
              <label className="block flex-1">
                <span className="label">{t("batches.deliverSerial")}</span>
                <input
                  name="serial"
                  type="text"
                  className="field font-mono"
                  placeholder="U00001"
                  required
                />
              </label>
              <button name="_action" value="deliver" className="btn-secondary">
                {t("batches.deliver")}
              </button>
            </Form>
          ) : null}
          {issued ? (
            <Form method="post" className="space-y-2">
              <AuthenticityTokenInput />
              <p className="text-sm font-semibold">{t("batches.deliverRange")}</p>
              <div className="flex flex-wrap items-end gap-2">
                <label className="block w-28">
                  <span className="label">{t("batches.rangeFrom")}</span>
                  <input name="from" type="number" min={1} max={99999} className="field" required />
                </label>
                <label className="block w-28">
                  <span className="label">{t("batches.rangeTo")}</span>
                  <input name="to" type="number" min={1} max={99999} className="field" required />
                </label>
                <button name="_action" value="deliverRange" className="btn-secondary">
                  {t("batches.deliver")}
                </button>
              </div>
            </Form>
          ) : null}
        </div>
      ) : null}

      <h3 className="text-lg font-semibold">{t("batches.edit")}</h3>
      <BatchForm
        options={options}
        defaults={defaults}
        locked={locked}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
      />
    </section>
  );
}
