// Label sheet for a batch: GET ?format=svg|pdf&size=30x30|50x30&kind=batch|serial&count=N[&from=N]
// (`from`: the first unit's running number, so batches with more serials than one sheet run can print them all)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n";
import { labelItems, MAX_LABELS } from "~/trace/label-items.server";
import {
  LABEL_SIZES,
  labelSheetPdf,
  labelSheetSvg,
  sheetLayout,
  type LabelSize,
} from "~/trace/labels.server";
import { requireBatchAccess } from "~/trace/access.server";
import { storedLabelSheet } from "~/trace/label-sheets.server";
import { recordPrint } from "~/trace/batches.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, batch } = await requireBatchAccess(request, params.stallId!, params.batchId!);
  const url = new URL(request.url);
  const size = (url.searchParams.get("size") ?? "30x30") as LabelSize;
  const format = url.searchParams.get("format") ?? "svg";
  const kind = url.searchParams.get("kind") === "serial" ? "serial" : "batch";
  const count = url.searchParams.get("count")
    ? Number(url.searchParams.get("count"))
    : kind === "serial"
      ? MAX_LABELS
      : sheetLayout(size in LABEL_SIZES ? size : "30x30").perPage;
  const from = Number(url.searchParams.get("from") || 1);
  if (
    !(size in LABEL_SIZES) ||
    !["svg", "pdf"].includes(format) ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_LABELS ||
    !Number.isInteger(from) ||
    from < 1 ||
    from > 99_999
  )
    return new Response("Bad label request / Yêu cầu in nhãn không hợp lệ", { status: 400 });
  const t = translator(await getLocale(request));
  const words = { lot: t("label.batch"), producer: t("label.producer"), serial: t("label.serial") };
  const { items, title } = await labelItems(batch.id, kind, count, from);
  // a PDF sheet is kept in the file store and named in the print's audit row (decision 0074)
  const stored =
    format === "pdf"
      ? await storedLabelSheet({ items, size, words, title }, () =>
          labelSheetPdf(items, size, words, { title }),
        )
      : null;
  // printed codes fix the batch's product, GTIN and lot from now on (codesInCirculation)
  await recordPrint(user.id, batch.id, "batch.labels", {
    size,
    format,
    kind,
    count: items.length,
    ...(kind === "serial" ? { from } : {}),
    ...(stored ? { sheet: stored.sheet } : {}),
  });
  const name = `nhan-${batch.code}-${size}${kind === "serial" ? "-serial" : ""}`;
  if (stored) {
    return new Response(new Uint8Array(stored.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${name}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  }
  return new Response(labelSheetSvg(items, size, words), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `inline; filename="${name}.svg"`,
      "Cache-Control": "private, no-store",
    },
  });
}
