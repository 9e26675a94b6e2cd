// The demo data's places, by the National Statistics Office's codes. The units
// themselves are data: app/places/units.server.ts loads the national list before the
// seed runs (decision 0065); these are the ones the seeded farms, stalls and buyers use.
export const PROVINCES = [
  { code: "19", name: "Thái Nguyên" },
  { code: "01", name: "Hà Nội" },
  { code: "79", name: "Hồ Chí Minh" },
  { code: "31", name: "Hải Phòng" },
  { code: "48", name: "Đà Nẵng" },
] as const;

type C = { code: string; name: string; kind: "XA" | "PHUONG"; provinceCode: string };
const xa = (code: string, name: string, provinceCode = "19"): C => ({
  code,
  name,
  kind: "XA",
  provinceCode,
});
const phuong = (code: string, name: string, provinceCode = "19"): C => ({
  code,
  name,
  kind: "PHUONG",
  provinceCode,
});

export const COMMUNES: C[] = [
  xa("05503", "Tân Cương"),
  xa("05818", "La Bằng"),
  xa("05740", "La Hiên"),
  xa("05857", "Phúc Thuận"),
  xa("05605", "Bình Thành"),
  xa("05719", "Sảng Mộc"),
  xa("05662", "Trại Cau"),
  xa("05641", "Vô Tranh"),
  xa("05830", "Đại Từ"),
  xa("05569", "Định Hóa"),
  xa("05716", "Võ Nhai"),
  xa("05611", "Phú Lương"),
  xa("05692", "Đồng Hỷ"),
  xa("01906", "Ba Bể"),
  xa("02020", "Chợ Đồn"),
  phuong("05443", "Phan Đình Phùng"),
  phuong("05467", "Gia Sàng"),
  phuong("05860", "Phổ Yên"),
  phuong("05518", "Sông Công"),
  phuong("01843", "Bắc Kạn"),
  phuong("00070", "Hoàn Kiếm", "01"),
  phuong("00004", "Ba Đình", "01"),
  phuong("00166", "Cầu Giấy", "01"),
  xa("00376", "Sóc Sơn", "01"),
  phuong("26740", "Sài Gòn", "79"),
  phuong("26743", "Bến Thành", "79"),
  phuong("26824", "Thủ Đức", "79"),
  phuong("11311", "Hồng Bàng", "31"),
  phuong("20242", "Hải Châu", "48"),
];

/** Communes where the seeded farms are, weighted toward the tea areas. */
export const FARM_COMMUNES = [
  "05503",
  "05503",
  "05818",
  "05818",
  "05662",
  "05641",
  "05740",
  "05740",
  "05857",
  "05605",
  "05719",
  "05830",
  "05569",
  "05716",
  "05611",
  "05692",
  "01906",
  "02020",
];
