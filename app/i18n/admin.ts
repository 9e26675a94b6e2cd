// Admin screens: suspending and restoring stalls. The officers' and province's feature
// dictionaries of issue 12 join the app's strings through here.
import * as officer from "~/officer/strings";
import * as province from "~/province/strings";
import * as trainings from "~/trainings/strings";

export const vi = {
  ...trainings.vi,
  ...officer.vi,
  ...province.vi,
  "admin.stalls": "Quầy hàng",
  "admin.stalls.find": "Tìm quầy theo tên, số điện thoại hoặc chủ quầy",
  "admin.stalls.findButton": "Tìm",
  "admin.stalls.none": "Không có quầy nào khớp.",
  "admin.stalls.banned": "Đang bị khoá",
  "admin.stalls.reason": "Lý do khoá (người bán sẽ thấy)",
  "admin.stalls.ban": "Khoá quầy",
  "admin.stalls.unban": "Mở khoá quầy",
  "admin.stalls.reasonRequired": "Hãy ghi lý do khoá quầy.",
  "admin.stalls.notFound": "Không tìm thấy quầy.",
  "admin.stalls.done.ban":
    "Đã khoá quầy. Sản phẩm của quầy không còn được bán và sẽ biến khỏi kết quả tìm kiếm trong giây lát.",
  "admin.stalls.done.unban": "Đã mở khoá quầy. Sản phẩm đang bán sẽ trở lại kết quả tìm kiếm.",
  "admin.stalls.info": "{owner} · {commune} · {products} sản phẩm",
  "audit.stall.banned": "Khoá quầy",
  "audit.stall.unbanned": "Mở khoá quầy",
} as const;

export const en: Record<keyof typeof vi, string> = {
  ...trainings.en,
  ...officer.en,
  ...province.en,
  "admin.stalls": "Stalls",
  "admin.stalls.find": "Find a stall by name, phone or owner",
  "admin.stalls.findButton": "Find",
  "admin.stalls.none": "No stall matches.",
  "admin.stalls.banned": "Suspended",
  "admin.stalls.reason": "Reason for suspending (the seller sees it)",
  "admin.stalls.ban": "Suspend stall",
  "admin.stalls.unban": "Restore stall",
  "admin.stalls.reasonRequired": "Say why the stall is suspended.",
  "admin.stalls.notFound": "Stall not found.",
  "admin.stalls.done.ban":
    "Stall suspended. Its products are no longer for sale and leave search in a moment.",
  "admin.stalls.done.unban": "Stall restored. Its products for sale come back to search.",
  "admin.stalls.info": "{owner} · {commune} · {products} products",
  "audit.stall.banned": "Stall suspended",
  "audit.stall.unbanned": "Stall restored",
};
