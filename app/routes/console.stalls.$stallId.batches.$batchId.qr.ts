// The batch's QR code alone (for packaging artwork): GET ?format=svg|png[&serial=U00001]
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toGtin14 } from "~/domain/gs1";
import { requireBatchAccess } from "~/trace/access.server";
import { recordPrint } from "~/trace/batches.server";
import { qrPng, qrSvg } from "~/trace/labels.server";
import { labelUri } from "~/trace/lookup.server";
import { prisma } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, batch } = await requireBatchAccess(request, params.stallId!, params.batchId!);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "png" ? "png" : "svg";
  const serial = url.searchParams.get("serial");
  if (
    serial &&
    !(await prisma.serialUnit.findUnique({
      where: { batchId_serial: { batchId: batch.id, serial } },
    }))
  )
    return new Response("No such unit code / Không có mã đơn vị này", { status: 404 });
  const variant = batch.variantId
    ? await prisma.variant.findUnique({ where: { id: batch.variantId }, select: { gtin: true } })
    : null;
  const uri = labelUri(
    { code: batch.code, lot: batch.lot, gtin: variant?.gtin ? toGtin14(variant.gtin) : null },
    serial,
  );
  await recordPrint(user.id, batch.id, "batch.qr", { format, serial });
  const name = `qr-${batch.code}${serial ? `-${serial}` : ""}`;
  const headers = {
    "Cache-Control": "private, no-store",
    "Content-Disposition": `inline; filename="${name}.${format}"`,
  };
  if (format === "png")
    return new Response(new Uint8Array(await qrPng(uri, 16)), {
      headers: { ...headers, "Content-Type": "image/png" },
    });
  return new Response(await qrSvg(uri), {
    headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" },
  });
}
