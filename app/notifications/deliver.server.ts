// notify.sms / notify.email outbox rows become Notification rows: nothing leaves
// the machine; the dev mailbox (/dev/mailbox) shows what would have been sent.
import { formatVnd } from "~/domain/money";
import { payLink } from "~/orders/pay-link.server";
import { prisma } from "~/utils/db.server";

const STATUS_VI: Record<string, string> = {
  NEW: "mới",
  ACCEPTED: "đã được nhận",
  PACKED: "đã đóng gói",
  SHIPPED: "đã giao cho đơn vị vận chuyển",
  DELIVERED: "đã giao thành công",
  CANCELLED: "đã huỷ",
  REFUNDED: "đã hoàn tiền",
};

type Payload = Record<string, unknown> & { template?: string };

/** Message text for a template. Vietnamese: SMS go to Vietnamese phones. */
export function render(payload: Payload): { subject: string; body: string } {
  const n = String(payload.orderNumber ?? "");
  const total = typeof payload.totalVnd === "number" ? formatVnd(payload.totalVnd) : "";
  switch (payload.template) {
    case "order.placed":
      return {
        subject: `Đơn ${n}`,
        body:
          `Xứ Trà: đơn ${n} (${total}) đã được đặt tại ${payload.stallName ?? "quầy"}. Cảm ơn bạn!` +
          (payload.payUrl ? ` Chuyển khoản VietQR: ${String(payload.payUrl)}` : ""),
      };
    case "order.new":
      return {
        subject: `Đơn mới ${n}`,
        body: `Xứ Trà: quầy ${payload.stallName ?? ""} có đơn mới ${n}, ${total}. Vui lòng xác nhận.`,
      };
    case "order.paid":
      return {
        subject: `Đã thanh toán ${n}`,
        body: `Xứ Trà: đơn ${n} đã được thanh toán ${total}.`,
      };
    case "order.status":
      return {
        subject: `Đơn ${n}`,
        body: `Xứ Trà: đơn ${n} ${STATUS_VI[String(payload.status)] ?? String(payload.status)}.`,
      };
    case "password.reset":
      // the code leads the message so the phone's one-time-code autofill finds it
      return {
        subject: "Mã đặt lại mật khẩu",
        body: `${String(payload.code)} là mã đặt lại mật khẩu Xứ Trà của bạn, dùng trong ${String(payload.minutes ?? 10)} phút. Không đưa mã này cho ai, kể cả nhân viên Xứ Trà.`,
      };
    case "payout.confirm":
      return {
        subject: "Mã xác nhận tài khoản nhận tiền",
        body: `${String(payload.code)} là mã xác nhận tài khoản nhận tiền mới ${String(payload.account ?? "")} của quầy ${String(payload.stall ?? "")} trên Xứ Trà, dùng trong ${String(payload.minutes ?? 10)} phút. Nếu bạn không đổi tài khoản, đừng nhập mã và báo cán bộ khuyến nông.`,
      };
    case "membership.invited":
      return {
        subject: "Lời mời vào hợp tác xã",
        body: `Xứ Trà: ${String(payload.cooperative ?? "Một hợp tác xã")} mời hộ của bạn vào HTX. Đăng nhập Xứ Trà, mục Quản lý, để đồng ý hoặc từ chối. HTX chỉ bán hàng mang tên hộ khi hộ đồng ý.`,
      };
    default:
      return {
        subject: String(payload.subject ?? ""),
        body: String(payload.body ?? JSON.stringify(payload)),
      };
  }
}

/**
 * An unpaid VietQR order's "placed" SMS carries the signed link back to its
 * payment details (decision 0067), so the buyer can pay after the page is gone.
 */
async function withPayLink(payload: Payload): Promise<Payload> {
  if (payload.template !== "order.placed" || typeof payload.orderNumber !== "string")
    return payload;
  const order = await prisma.order.findUnique({
    where: { number: payload.orderNumber },
    select: { paymentStatus: true, checkout: { select: { paymentMethod: true } } },
  });
  return order?.checkout.paymentMethod === "VIETQR" && order.paymentStatus === "UNPAID"
    ? { ...payload, payUrl: payLink(payload.orderNumber) }
    : payload;
}

export async function deliverNotifications(
  rows: { id: number; topic: string; key: string; payload: string }[],
) {
  let processed = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const payload = await withPayLink(JSON.parse(row.payload) as Payload);
      const { subject, body } = render(payload);
      // a one-time code does not stay in the queue once its SMS is out (docs/decisions/0034)
      const scrub =
        payload.template === "password.reset" || payload.template === "payout.confirm"
          ? { payload: JSON.stringify({ ...payload, code: "******" }) }
          : {};
      await prisma.$transaction(async (tx) => {
        // conditional: two workers never write the same message twice
        const claimed = await tx.outbox.updateMany({
          where: { id: row.id, processedAt: null },
          data: { processedAt: new Date(), ...scrub },
        });
        if (claimed.count === 1)
          await tx.notification.create({
            data: {
              channel: row.topic === "notify.email" ? "EMAIL" : "SMS",
              to: row.key,
              subject,
              body,
            },
          });
      });
      processed++;
    } catch (e) {
      failed++;
      await prisma.outbox.update({
        where: { id: row.id },
        data: {
          attempts: { increment: 1 },
          lastError: String((e as Error).message).slice(0, 500),
          availableAt: new Date(Date.now() + 60_000),
        },
      });
    }
  }
  return { processed, failed };
}
