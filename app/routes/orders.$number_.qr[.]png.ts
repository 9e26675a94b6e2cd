// "Save the QR image": the unpaid transfer's VietQR as a PNG download, for the
// buyer's session or the SMS pay link (the link's token rides along).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openBuyerOrder } from "~/orders/follow.server";
import { vietQrPayloadFor, vietQrPng } from "~/payments/vietqr.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await openBuyerOrder(request, params.number ?? "");
  const payload =
    order.checkout.paymentMethod === "VIETQR" &&
    order.paymentStatus === "UNPAID" &&
    order.status !== "CANCELLED"
      ? vietQrPayloadFor(order, order.stall)
      : null;
  if (!payload) throw new Response("Not found", { status: 404 });
  const png = await vietQrPng(payload);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="vietqr-${order.number}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
}
