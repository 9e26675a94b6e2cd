// Administrative units after the 1 July 2025 reform: province -> commune/ward.
// Kept as data (loaded into Province/Commune), never as code paths.
// Codes here are stable seed identifiers; swap in the official GSO codes when
// the full national list is imported (see docs/decisions/0004-places.md).
export const PROVINCES = [
  { code: "TNG", name: "Thái Nguyên" },
  { code: "HNI", name: "Hà Nội" },
  { code: "HCM", name: "TP. Hồ Chí Minh" },
  { code: "HPG", name: "Hải Phòng" },
  { code: "DNG", name: "Đà Nẵng" },
] as const;

type C = { code: string; name: string; kind: "XA" | "PHUONG"; provinceCode: string };
const xa = (code: string, name: string, provinceCode = "TNG"): C => ({
  code,
  name,
  kind: "XA",
  provinceCode,
});
const phuong = (code: string, name: string, provinceCode = "TNG"): C => ({
  code,
  name,
  kind: "PHUONG",
  provinceCode,
});

export const COMMUNES: C[] = [
  xa("TNG-TAN-CUONG", "Tân Cương"),
  xa("TNG-LA-BANG", "La Bằng"),
  xa("TNG-LA-HIEN", "La Hiên"),
  xa("TNG-PHUC-THUAN", "Phúc Thuận"),
  xa("TNG-BINH-THANH", "Bình Thành"),
  xa("TNG-SANG-MOC", "Sảng Mộc"),
  xa("TNG-TRAI-CAI", "Trại Cài"),
  xa("TNG-KHE-COC", "Khe Cốc"),
  xa("TNG-DAI-TU", "Đại Từ"),
  xa("TNG-DINH-HOA", "Định Hóa"),
  xa("TNG-VO-NHAI", "Võ Nhai"),
  xa("TNG-PHU-LUONG", "Phú Lương"),
  xa("TNG-DONG-HY", "Đồng Hỷ"),
  xa("TNG-BA-BE", "Ba Bể"),
  xa("TNG-CHO-DON", "Chợ Đồn"),
  phuong("TNG-PHAN-DINH-PHUNG", "Phan Đình Phùng"),
  phuong("TNG-GIA-SANG", "Gia Sàng"),
  phuong("TNG-PHO-YEN", "Phổ Yên"),
  phuong("TNG-SONG-CONG", "Sông Công"),
  phuong("TNG-BAC-KAN", "Bắc Kạn"),
  phuong("HNI-HOAN-KIEM", "Hoàn Kiếm", "HNI"),
  phuong("HNI-BA-DINH", "Ba Đình", "HNI"),
  phuong("HNI-CAU-GIAY", "Cầu Giấy", "HNI"),
  xa("HNI-SOC-SON", "Sóc Sơn", "HNI"),
  phuong("HCM-SAI-GON", "Sài Gòn", "HCM"),
  phuong("HCM-BEN-THANH", "Bến Thành", "HCM"),
  phuong("HCM-THU-DUC", "Thủ Đức", "HCM"),
  phuong("HPG-HONG-BANG", "Hồng Bàng", "HPG"),
  phuong("DNG-HAI-CHAU", "Hải Châu", "DNG"),
];

/** Communes where the seeded farms are, weighted toward the tea areas. */
export const FARM_COMMUNES = [
  "TNG-TAN-CUONG",
  "TNG-TAN-CUONG",
  "TNG-LA-BANG",
  "TNG-LA-BANG",
  "TNG-TRAI-CAI",
  "TNG-KHE-COC",
  "TNG-LA-HIEN",
  "TNG-LA-HIEN",
  "TNG-PHUC-THUAN",
  "TNG-BINH-THANH",
  "TNG-SANG-MOC",
  "TNG-DAI-TU",
  "TNG-DINH-HOA",
  "TNG-VO-NHAI",
  "TNG-PHU-LUONG",
  "TNG-DONG-HY",
  "TNG-BA-BE",
  "TNG-CHO-DON",
];
