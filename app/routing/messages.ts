// Strings for the routing module's error codes and unassigned reasons, Vietnamese first.
// Shaped like app/i18n/* dictionaries so the dispatcher UI can spread them in.
export const vi = {
  "routing.error.noVehicles": "Chưa có xe nào cho ngày này.",
  "routing.error.duplicateId": "Mã {subject} bị trùng.",
  "routing.error.unknownProfile": "Xe {subject}: loại xe không rõ (xe máy hoặc xe tải).",
  "routing.error.zeroCapacity": "Xe {subject}: sức chở phải lớn hơn 0 (thùng và kg).",
  "routing.error.shiftEndsBeforeStart": "Xe {subject}: giờ kết thúc ca phải sau giờ bắt đầu.",
  "routing.error.emptyWindow": "Điểm {subject}: khung giờ trống (giờ kết thúc trước giờ bắt đầu).",
  "routing.error.placeNoCoordinates": "{subject}: địa điểm chưa có toạ độ.",
  "routing.error.badNumber": "{subject}: số liệu không hợp lệ.",
  "routing.error.badFile": "Tệp Solomon không đọc được: {subject}.",
  "routing.unassigned.capacity": "Hàng nặng hơn sức chở của mọi xe.",
  "routing.unassigned.window": "Không xe nào đến kịp trong khung giờ và về kịp trong ca.",
  "routing.unassigned.promise":
    "Không giữ được cam kết độ tươi (4 giờ dưới 100 km, 6 giờ trên 100 km).",
  "routing.unassigned.fleet": "Các xe đã kín lịch; cần thêm xe hoặc chuyển sang hôm sau.",
  "routing.unassigned.notCollected":
    "Hàng của hộ chưa được lấy về điểm tập kết nên chưa giao được.",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "routing.error.noVehicles": "No vehicles for this day.",
  "routing.error.duplicateId": "The id {subject} is used twice.",
  "routing.error.unknownProfile": "Vehicle {subject}: unknown vehicle type (motorbike or truck).",
  "routing.error.zeroCapacity": "Vehicle {subject}: capacity must be above zero (boxes and kg).",
  "routing.error.shiftEndsBeforeStart": "Vehicle {subject}: the shift must end after it starts.",
  "routing.error.emptyWindow": "Stop {subject}: the time window is empty (ends before it starts).",
  "routing.error.placeNoCoordinates": "{subject}: the place has no coordinates.",
  "routing.error.badNumber": "{subject}: invalid figure.",
  "routing.error.badFile": "Cannot read the Solomon file: {subject}.",
  "routing.unassigned.capacity": "Heavier than any vehicle can carry.",
  "routing.unassigned.window":
    "No vehicle can arrive inside the time window and be back within its shift.",
  "routing.unassigned.promise":
    "The freshness promise cannot be kept (4 h under 100 km, 6 h beyond).",
  "routing.unassigned.fleet":
    "The vehicles are fully booked; add a vehicle or move it to the next day.",
  "routing.unassigned.notCollected":
    "The household's boxes are not collected to the collection point, so they cannot be delivered.",
};

export type RoutingMessageKey = keyof typeof vi;
export type RoutingErrorCode = Extract<RoutingMessageKey, `routing.error.${string}`>;
