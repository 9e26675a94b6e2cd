// The dispatcher's strings (vehicles, runs of a day, exceptions), Vietnamese first;
// English must have every key. The routing module's error codes and reasons are
// spread in, so a refusal from the solver reads the same here. Pages translate with
// dispatchT(locale) (this feature's own typed dictionary).
import type { Locale } from "~/i18n";
import { en as routingEn, vi as routingVi } from "~/routing/messages";

export const vi = {
  ...routingVi,
  "dispatch.nav.runs": "Chuyến xe trong ngày",
  "dispatch.nav.vehicles": "Xe của đợt",
  "dispatch.back": "← {title}",
  "dispatch.runs.title": "Chuyến xe ngày {day}",
  "dispatch.runs.day": "Ngày",
  "dispatch.runs.show": "Xem",
  "dispatch.runs.none": "Chưa lập kế hoạch cho ngày này.",
  "dispatch.runs.notAllocated": "Ngày này chưa chia hàng: lập kế hoạch sau khi chia.",
  "dispatch.runs.version": "Bản kế hoạch số {version}",
  "dispatch.runs.planned": "Lập lúc {at} bởi {by}",
  "dispatch.runs.status.DRAFT": "Bản nháp (tài xế và khách chưa thấy)",
  "dispatch.runs.status.PUBLISHED": "Đã gửi cho tài xế và khách",
  "dispatch.runs.status.DONE": "Đã xong",
  "dispatch.runs.summary":
    "{runs} chuyến · {stops} điểm dừng · {km} km · {kept}/{deliveries} đơn giữ được cam kết",
  "dispatch.run.leg.PICKUP": "Lấy hàng ở vườn → điểm tập kết",
  "dispatch.run.leg.DELIVERY": "Điểm tập kết → giao khách",
  "dispatch.run.leg.DIRECT": "Lấy và giao thẳng",
  "dispatch.run.head": "{vehicle} · {from}–{to} · {km} km · {units} thùng",
  "dispatch.run.driver": "Tài xế: {name} {phone}",
  "dispatch.run.status.PLANNED": "Chưa chạy",
  "dispatch.run.status.STARTED": "Đang chạy",
  "dispatch.run.status.DONE": "Xong",
  "dispatch.stop.PICKUP": "Lấy {units} thùng",
  "dispatch.stop.DELIVERY": "Giao {units} thùng",
  "dispatch.stop.DROP": "Dỡ hàng",
  "dispatch.stop.at": "đến {at}",
  "dispatch.stop.latest": "hạn tươi {at}",
  "dispatch.stop.status.PENDING": "Chưa tới",
  "dispatch.stop.status.ARRIVED": "Đã tới",
  "dispatch.stop.status.PICKED": "Đã lấy",
  "dispatch.stop.status.DELIVERED": "Đã giao",
  "dispatch.stop.status.FAILED": "Không được",
  "dispatch.plan": "Lập kế hoạch chuyến xe",
  "dispatch.replan": "Lập lại phần còn lại của ngày",
  "dispatch.publish": "Gửi kế hoạch cho tài xế và khách",
  "dispatch.planned": "Đã lập kế hoạch (bản số {version}).",
  "dispatch.replanned":
    "Đã lập lại phần còn lại (bản số {version}); {exceptions} đơn cần bạn chọn cách xử lý.",
  "dispatch.published": "Đã gửi: khách nhận tin nhắn khung giờ giao hàng.",
  "dispatch.exceptions.title": "Đơn không giữ được cam kết độ tươi ({count})",
  "dispatch.exceptions.intro":
    "Các đơn này không được xếp vào chuyến nào (không giao muộn mà không báo). Chọn cách xử lý từng đơn.",
  "dispatch.exceptions.none": "Mọi đơn đều giữ được cam kết.",
  "dispatch.exception.line": "{ref} · {name} · {units} thùng",
  "dispatch.exception.choose": "Cách xử lý",
  "dispatch.exception.NEXT_DAY": "Chuyển sang ngày hái sau",
  "dispatch.exception.CARRIER": "Giao cho hãng vận chuyển",
  "dispatch.exception.CANCEL": "Huỷ đơn và hoàn tiền",
  "dispatch.exception.carrier": "Tên hãng vận chuyển (nếu giao hãng)",
  "dispatch.exception.apply": "Xác nhận",
  "dispatch.exception.decided.NEXT_DAY": "Đã chuyển sang ngày {day}",
  "dispatch.exception.decided.CARRIER": "Đã giao cho hãng vận chuyển",
  "dispatch.exception.decided.CANCEL": "Đã huỷ, hoàn tiền nếu đã trả",
  "dispatch.decided": "Đã ghi cách xử lý; khách đã được nhắn tin.",
  "dispatch.error.conflict":
    "Người khác vừa lập kế hoạch cho ngày này. Đây là kế hoạch của họ; xem lại rồi lập lại nếu cần.",
  "dispatch.error.notAllocated": "Ngày này chưa chia hàng nên chưa lập được chuyến xe.",
  "dispatch.error.noVehicles": "Đợt này chưa có xe nào đang dùng. Thêm xe trước.",
  "dispatch.error.noDepot": "Đợt chưa có điểm tập kết có toạ độ.",
  "dispatch.error.noPlan": "Ngày này chưa có kế hoạch.",
  "dispatch.error.day": "Ngày không thuộc đợt thu hoạch.",
  "dispatch.error.decision": "Chọn một cách xử lý.",
  "dispatch.error.decided": "Đơn này đã được xử lý rồi.",
  "dispatch.error.stale": "Kế hoạch đã đổi; tải lại trang để xem bản mới.",
  "dispatch.error.noNextDay": "Không còn ngày hái nào sau ngày này để chuyển sang.",
  "dispatch.error.unknownVehicle": "Xe không thuộc đợt này.",
  "dispatch.error.place":
    "{subject}: địa điểm chưa có toạ độ (nhà khách không chia sẻ vị trí và xã chưa có toạ độ trung tâm).",
  "dispatch.vehicles.title": "Xe của đợt {title}",
  "dispatch.vehicles.intro":
    "Xe máy lấy hàng ở vườn trên đồi về điểm tập kết; xe tải giao từ điểm tập kết tới khách.",
  "dispatch.vehicles.none": "Chưa có xe nào.",
  "dispatch.vehicles.add": "Thêm xe",
  "dispatch.vehicles.save": "Lưu",
  "dispatch.vehicles.saved": "Đã lưu xe.",
  "dispatch.vehicles.inactive": "Không dùng",
  "dispatch.vehicles.deactivate": "Thôi dùng",
  "dispatch.vehicles.activate": "Dùng lại",
  "dispatch.vehicle.name": "Tên xe",
  "dispatch.vehicle.kind": "Loại xe",
  "dispatch.vehicle.kind.MOTORBIKE": "Xe máy",
  "dispatch.vehicle.kind.TRUCK": "Xe tải",
  "dispatch.vehicle.capacityUnits": "Chở được (thùng)",
  "dispatch.vehicle.capacityKg": "Chở được (kg)",
  "dispatch.vehicle.shiftStart": "Bắt đầu ca (HH:MM)",
  "dispatch.vehicle.shiftEnd": "Kết thúc ca (HH:MM)",
  "dispatch.vehicle.driverName": "Tên tài xế",
  "dispatch.vehicle.driverPhone": "Số điện thoại tài xế",
  "dispatch.vehicle.driverAccount": "Tài khoản tài xế (số điện thoại đã đăng ký, không bắt buộc)",
  "dispatch.vehicle.line": "{kind} · {units} thùng / {kg} kg · ca {from}–{to}",
  "dispatch.error.required": "Chưa điền.",
  "dispatch.error.name": "Tên xe từ 1 đến 80 ký tự.",
  "dispatch.error.capacity": "Sức chở phải là số nguyên lớn hơn 0.",
  "dispatch.error.time": "Giờ viết dạng HH:MM, ví dụ 05:30.",
  "dispatch.error.shift": "Giờ kết thúc ca phải sau giờ bắt đầu.",
  "dispatch.error.phone": "Số điện thoại không hợp lệ.",
  "dispatch.error.driverAccount": "Không có tài khoản nào với số điện thoại này.",
  "dispatch.sms.window": "Xứ Trà: {title} ngày {day}: đơn {ref} sẽ được giao khoảng {from}–{to}.",
  "dispatch.sms.nextDay":
    "Xứ Trà: {title}: đơn {ref} không giao kịp trong ngày {day} mà vẫn giữ được độ tươi, nên được chuyển sang ngày {next}. Bạn không phải làm gì thêm.",
  "dispatch.sms.carrier":
    "Xứ Trà: {title} ngày {day}: đơn {ref} được giao qua hãng vận chuyển {carrier}.",
  "dispatch.sms.cancel":
    "Xứ Trà: {title} ngày {day}: đơn {ref} không giao được mà vẫn giữ độ tươi nên đã bị huỷ. Tiền đã trả (nếu có) sẽ được hoàn lại.",
  "dispatch.sms.driver": "Xứ Trà: {title} ngày {day}: {vehicle} có {runs} chuyến, chuyến đầu {at}.",
} as const;

export type DispatchKey = keyof typeof vi;

export const en: Record<DispatchKey, string> = {
  ...routingEn,
  "dispatch.nav.runs": "Runs of the day",
  "dispatch.nav.vehicles": "Campaign vehicles",
  "dispatch.back": "← {title}",
  "dispatch.runs.title": "Runs on {day}",
  "dispatch.runs.day": "Day",
  "dispatch.runs.show": "Show",
  "dispatch.runs.none": "No plan for this day yet.",
  "dispatch.runs.notAllocated": "This day is not shared yet: plan after the allocation.",
  "dispatch.runs.version": "Plan version {version}",
  "dispatch.runs.planned": "Planned at {at} by {by}",
  "dispatch.runs.status.DRAFT": "Draft (drivers and buyers do not see it yet)",
  "dispatch.runs.status.PUBLISHED": "Sent to drivers and buyers",
  "dispatch.runs.status.DONE": "Done",
  "dispatch.runs.summary":
    "{runs} runs · {stops} stops · {km} km · {kept}/{deliveries} deliveries keep the promise",
  "dispatch.run.leg.PICKUP": "Collect at farms → collection point",
  "dispatch.run.leg.DELIVERY": "Collection point → buyers",
  "dispatch.run.leg.DIRECT": "Collect and deliver directly",
  "dispatch.run.head": "{vehicle} · {from}–{to} · {km} km · {units} boxes",
  "dispatch.run.driver": "Driver: {name} {phone}",
  "dispatch.run.status.PLANNED": "Not started",
  "dispatch.run.status.STARTED": "Under way",
  "dispatch.run.status.DONE": "Done",
  "dispatch.stop.PICKUP": "Collect {units} boxes",
  "dispatch.stop.DELIVERY": "Deliver {units} boxes",
  "dispatch.stop.DROP": "Unload",
  "dispatch.stop.at": "at {at}",
  "dispatch.stop.latest": "fresh until {at}",
  "dispatch.stop.status.PENDING": "To do",
  "dispatch.stop.status.ARRIVED": "Arrived",
  "dispatch.stop.status.PICKED": "Collected",
  "dispatch.stop.status.DELIVERED": "Delivered",
  "dispatch.stop.status.FAILED": "Failed",
  "dispatch.plan": "Plan the runs",
  "dispatch.replan": "Re-plan the rest of the day",
  "dispatch.publish": "Send the plan to drivers and buyers",
  "dispatch.planned": "Planned (version {version}).",
  "dispatch.replanned":
    "The rest of the day is re-planned (version {version}); {exceptions} deliveries need your choice.",
  "dispatch.published": "Sent: buyers get their delivery window by SMS.",
  "dispatch.exceptions.title": "Deliveries that cannot keep the freshness promise ({count})",
  "dispatch.exceptions.intro":
    "These are on no run (nothing late is scheduled silently). Choose what happens to each.",
  "dispatch.exceptions.none": "Every delivery keeps the promise.",
  "dispatch.exception.line": "{ref} · {name} · {units} boxes",
  "dispatch.exception.choose": "What to do",
  "dispatch.exception.NEXT_DAY": "Move to the next harvest day",
  "dispatch.exception.CARRIER": "Hand to a carrier",
  "dispatch.exception.CANCEL": "Cancel with refund",
  "dispatch.exception.carrier": "Carrier's name (when handing over)",
  "dispatch.exception.apply": "Confirm",
  "dispatch.exception.decided.NEXT_DAY": "Moved to {day}",
  "dispatch.exception.decided.CARRIER": "Handed to a carrier",
  "dispatch.exception.decided.CANCEL": "Cancelled, refunded if paid",
  "dispatch.decided": "Recorded; the buyer has been told by SMS.",
  "dispatch.error.conflict":
    "Someone else just planned this day. Here is their plan; check it and re-plan if needed.",
  "dispatch.error.notAllocated": "This day is not shared yet, so there is nothing to plan.",
  "dispatch.error.noVehicles": "This campaign has no vehicle in use. Add one first.",
  "dispatch.error.noDepot": "The campaign has no collection point with coordinates.",
  "dispatch.error.noPlan": "This day has no plan yet.",
  "dispatch.error.day": "That day is not in the harvest window.",
  "dispatch.error.decision": "Choose what to do.",
  "dispatch.error.decided": "This delivery has already been decided.",
  "dispatch.error.stale": "The plan has changed; reload the page to see the new version.",
  "dispatch.error.noNextDay": "There is no later harvest day to move it to.",
  "dispatch.error.unknownVehicle": "That vehicle is not in this campaign.",
  "dispatch.error.place":
    "{subject}: the place has no coordinates (no shared location and no commune centre).",
  "dispatch.vehicles.title": "Vehicles of {title}",
  "dispatch.vehicles.intro":
    "Motorbikes collect at the hill farms and bring the boxes to the collection point; trucks deliver from there to buyers.",
  "dispatch.vehicles.none": "No vehicles yet.",
  "dispatch.vehicles.add": "Add a vehicle",
  "dispatch.vehicles.save": "Save",
  "dispatch.vehicles.saved": "Vehicle saved.",
  "dispatch.vehicles.inactive": "Not in use",
  "dispatch.vehicles.deactivate": "Stop using",
  "dispatch.vehicles.activate": "Use again",
  "dispatch.vehicle.name": "Vehicle name",
  "dispatch.vehicle.kind": "Type",
  "dispatch.vehicle.kind.MOTORBIKE": "Motorbike",
  "dispatch.vehicle.kind.TRUCK": "Truck",
  "dispatch.vehicle.capacityUnits": "Carries (boxes)",
  "dispatch.vehicle.capacityKg": "Carries (kg)",
  "dispatch.vehicle.shiftStart": "Shift starts (HH:MM)",
  "dispatch.vehicle.shiftEnd": "Shift ends (HH:MM)",
  "dispatch.vehicle.driverName": "Driver's name",
  "dispatch.vehicle.driverPhone": "Driver's phone",
  "dispatch.vehicle.driverAccount": "Driver's account (registered phone, optional)",
  "dispatch.vehicle.line": "{kind} · {units} boxes / {kg} kg · shift {from}–{to}",
  "dispatch.error.required": "Required.",
  "dispatch.error.name": "The name is 1 to 80 characters.",
  "dispatch.error.capacity": "Capacity must be a whole number above zero.",
  "dispatch.error.time": "Write times as HH:MM, e.g. 05:30.",
  "dispatch.error.shift": "The shift must end after it starts.",
  "dispatch.error.phone": "Not a valid phone number.",
  "dispatch.error.driverAccount": "No account has this phone number.",
  "dispatch.sms.window": "Xứ Trà: {title} on {day}: order {ref} arrives about {from}–{to}.",
  "dispatch.sms.nextDay":
    "Xứ Trà: {title}: order {ref} could not reach you fresh on {day}, so it moves to {next}. Nothing to do on your side.",
  "dispatch.sms.carrier": "Xứ Trà: {title} on {day}: order {ref} goes with the carrier {carrier}.",
  "dispatch.sms.cancel":
    "Xứ Trà: {title} on {day}: order {ref} could not be delivered fresh and is cancelled. Anything you paid is refunded.",
  "dispatch.sms.driver": "Xứ Trà: {title} on {day}: {vehicle} has {runs} runs, the first at {at}.",
};

export type Params = Record<string, string | number>;
export type DispatchT = (key: DispatchKey, params?: Params) => string;

export function dispatchT(locale: Locale): DispatchT {
  const dict: Record<DispatchKey, string> = locale === "en" ? en : vi;
  return (key, params) => {
    const template = dict[key] ?? vi[key] ?? key;
    return params
      ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
      : template;
  };
}

const known = new Set<string>(Object.keys(vi));
export function isDispatchKey(s: unknown): s is DispatchKey {
  return typeof s === "string" && known.has(s);
}
