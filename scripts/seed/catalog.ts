// Product templates for the demo catalogue. Prices are whole VND, typical of
// 2025-2026 farm-gate-plus-margin retail prices in Thái Nguyên.
export const CATEGORIES = [
  { slug: "che", nameVi: "Chè & trà", nameEn: "Tea" },
  { slug: "mat-ong", nameVi: "Mật ong", nameEn: "Honey" },
  { slug: "gao", nameVi: "Gạo & ngũ cốc", nameEn: "Rice & grains" },
  { slug: "trai-cay", nameVi: "Trái cây", nameEn: "Fruit" },
  { slug: "dac-san", nameVi: "Đặc sản OCOP", nameEn: "OCOP specialities" },
  { slug: "nong-san-kho", nameVi: "Nông sản khô", nameEn: "Dried produce" },
] as const;

export type CategorySlug = (typeof CATEGORIES)[number]["slug"];

type VariantTpl = { label: string; labelEn: string; grams: number; price: number };
export type ProductTpl = {
  name: string; // "{area}" is replaced by the producer's area
  nameEn: string;
  category: CategorySlug;
  description: string;
  variants: VariantTpl[];
  perishable?: boolean;
  season?: [number, number];
  tea?: boolean;
  art: ArtKind;
};
export type ArtKind =
  | "tea"
  | "tea-dark"
  | "honey"
  | "rice"
  | "custard-apple"
  | "fruit"
  | "bamboo"
  | "mushroom"
  | "cake";

const tea = (grade: string, gradeEn: string, perKg: number, note: string): ProductTpl => ({
  name: `Chè ${grade} {area}`,
  nameEn: `${gradeEn} green tea from {area}`,
  category: "che",
  tea: true,
  art: "tea",
  season: [3, 11],
  description: `Chè ${grade} hái một tôm hai lá, sao thủ công bằng chảo gang. ${note} Nước xanh vàng, hương cốm, vị chát dịu, hậu ngọt sâu.`,
  variants: [
    {
      label: "Túi 100 g",
      labelEn: "100 g bag",
      grams: 100,
      price: Math.round(perKg / 10 / 1000) * 1000,
    },
    {
      label: "Hộp 200 g",
      labelEn: "200 g box",
      grams: 200,
      price: Math.round((perKg / 5 + 15000) / 1000) * 1000,
    },
    {
      label: "Gói 500 g",
      labelEn: "500 g pack",
      grams: 500,
      price: Math.round(perKg / 2 / 1000) * 1000,
    },
  ],
});

export const PRODUCT_TEMPLATES: ProductTpl[] = [
  tea("búp", "Bud", 350000, "Búp non hái buổi sáng sớm."),
  tea("móc câu", "Hook-shaped", 450000, "Cánh chè xoăn như móc câu, đều và nhỏ."),
  tea("nõn tôm", "Young shoot", 900000, "Chỉ hái phần nõn và một lá non."),
  tea("đinh", "Dinh (first bud)", 2400000, "Loại chè cao cấp nhất, chỉ lấy phần đinh."),
  {
    name: "Hồng trà {area}",
    nameEn: "Black tea from {area}",
    category: "che",
    tea: true,
    art: "tea-dark",
    season: [4, 10],
    description:
      "Hồng trà lên men toàn phần từ giống chè trung du, nước màu hổ phách, vị mạch nha.",
    variants: [
      { label: "Hộp 100 g", labelEn: "100 g box", grams: 100, price: 120000 },
      { label: "Hộp 250 g", labelEn: "250 g box", grams: 250, price: 280000 },
    ],
  },
  {
    name: "Mật ong hoa rừng {area}",
    nameEn: "Wildflower honey from {area}",
    category: "mat-ong",
    art: "honey",
    description: "Mật ong hoa rừng khai thác tự nhiên, không pha đường, độ ẩm dưới 20%.",
    variants: [
      { label: "Chai 500 ml", labelEn: "500 ml bottle", grams: 700, price: 250000 },
      { label: "Chai 1 lít", labelEn: "1 litre bottle", grams: 1400, price: 450000 },
    ],
  },
  {
    name: "Mật ong hoa nhãn {area}",
    nameEn: "Longan blossom honey from {area}",
    category: "mat-ong",
    art: "honey",
    description: "Mật ong hoa nhãn thơm, ngọt thanh, thu hoạch vụ xuân.",
    variants: [{ label: "Chai 500 ml", labelEn: "500 ml bottle", grams: 700, price: 180000 }],
  },
  {
    name: "Gạo Bao thai {area}",
    nameEn: "Bao thai rice from {area}",
    category: "gao",
    art: "rice",
    season: [10, 12],
    description: "Gạo Bao thai hạt nhỏ, cơm dẻo, thơm, trồng trên ruộng bậc thang.",
    variants: [
      { label: "Túi 5 kg", labelEn: "5 kg bag", grams: 5000, price: 125000 },
      { label: "Bao 10 kg", labelEn: "10 kg sack", grams: 10000, price: 240000 },
    ],
  },
  {
    name: "Gạo nếp cái hoa vàng {area}",
    nameEn: "Golden-flower glutinous rice from {area}",
    category: "gao",
    art: "rice",
    season: [10, 1],
    description: "Nếp cái hoa vàng dùng gói bánh chưng, đồ xôi, nấu rượu.",
    variants: [{ label: "Túi 2 kg", labelEn: "2 kg bag", grams: 2000, price: 90000 }],
  },
  {
    name: "Na La Hiên {area}",
    nameEn: "La Hiên custard apples from {area}",
    category: "trai-cay",
    art: "custard-apple",
    perishable: true,
    season: [7, 9],
    description:
      "Na dai trồng trên núi đá vôi, quả to, mắt thưa, ngọt đậm. Chín rộ trong 10-15 ngày: đặt trước để được chia công bằng.",
    variants: [
      { label: "Thùng 3 kg", labelEn: "3 kg box", grams: 3000, price: 180000 },
      { label: "Thùng 5 kg", labelEn: "5 kg box", grams: 5000, price: 280000 },
    ],
  },
  {
    name: "Bưởi đường {area}",
    nameEn: "Sweet pomelo from {area}",
    category: "trai-cay",
    art: "fruit",
    perishable: true,
    season: [9, 12],
    description: "Bưởi đường vỏ mỏng, tép mọng, ngọt mát.",
    variants: [{ label: "Quả 1,2-1,5 kg", labelEn: "1.2-1.5 kg fruit", grams: 1400, price: 55000 }],
  },
  {
    name: "Bánh chưng Bờ Đậu {area}",
    nameEn: "Bờ Đậu sticky rice cake from {area}",
    category: "dac-san",
    art: "cake",
    perishable: true,
    season: [11, 2],
    description: "Bánh chưng gói lá dong, nhân đậu xanh thịt ba chỉ, luộc 10 tiếng.",
    variants: [
      { label: "Chiếc 1 kg", labelEn: "1 kg cake", grams: 1000, price: 85000 },
      { label: "Cặp 2 chiếc", labelEn: "pair", grams: 2000, price: 160000 },
    ],
  },
  {
    name: "Măng khô {area}",
    nameEn: "Dried bamboo shoots from {area}",
    category: "nong-san-kho",
    art: "bamboo",
    season: [5, 9],
    description: "Măng nứa rừng phơi nắng tự nhiên, không lưu huỳnh.",
    variants: [{ label: "Túi 500 g", labelEn: "500 g bag", grams: 500, price: 150000 }],
  },
  {
    name: "Nấm hương rừng {area}",
    nameEn: "Forest shiitake from {area}",
    category: "nong-san-kho",
    art: "mushroom",
    description: "Nấm hương mọc trên thân gỗ rừng, sấy lạnh giữ mùi thơm.",
    variants: [{ label: "Túi 200 g", labelEn: "200 g bag", grams: 200, price: 110000 }],
  },
];

export const FAMILY_NAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Hà",
  "Đỗ",
  "Dương",
  "Ma",
  "Lương",
  "Triệu",
  "Nông",
  "Vũ",
  "Đặng",
  "Bùi",
];
export const MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh"];
export const GIVEN_NAMES = [
  "An",
  "Bình",
  "Cường",
  "Dung",
  "Giang",
  "Hải",
  "Hạnh",
  "Hùng",
  "Lan",
  "Long",
  "Mai",
  "Nam",
  "Oanh",
  "Phúc",
  "Quý",
  "Sơn",
  "Tâm",
  "Thảo",
  "Tuấn",
  "Vân",
  "Xuân",
  "Yến",
];
export const HAMLETS = [
  "Xóm Nam Đồng",
  "Xóm Soi Mít",
  "Xóm Hồng Thái",
  "Xóm Guộc",
  "Thôn Na Mọn",
  "Thôn Bản Chiêng",
  "Xóm Lam Sơn",
  "Xóm Đồng Kiệm",
  "Thôn Khuôn Ngục",
  "Xóm Trại Cài",
];
