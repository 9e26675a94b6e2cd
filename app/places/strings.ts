// The address picker: province, then its communes and wards.
export const vi = {
  "places.showCommunes": "Hiện xã / phường của tỉnh này",
  "places.filter": "Lọc theo tên, không cần dấu",
  "places.filterHint": "Ví dụ: la hien, tan cuong",
  "places.loading": "Đang tải danh sách xã / phường…",
  "places.loadFailed": "Không tải được danh sách xã / phường. Bấm “Hiện xã / phường của tỉnh này”.",
  "places.chooseProvinceFirst": "Chọn tỉnh / thành phố trước",
  "places.noMatch": "Không có xã / phường nào khớp",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "places.showCommunes": "Show this province's communes and wards",
  "places.filter": "Filter by name, accents optional",
  "places.filterHint": "For example: la hien, tan cuong",
  "places.loading": "Loading the communes and wards…",
  "places.loadFailed":
    "Could not load the communes and wards. Press “Show this province's communes and wards”.",
  "places.chooseProvinceFirst": "Choose the province / city first",
  "places.noMatch": "No commune or ward matches",
};
