// Processing steps by kind of product (issue 11: "not tea steps for custard
// apples"), and how long each keeps: data, read by the batch form, the demo seed
// and the provenance page. Pure: no framework imports.

export const STEP_KINDS = [
  "HARVEST",
  "WITHERING",
  "FIXING",
  "ROLLING",
  "DRYING",
  "SORTING",
  "PACKING",
  "EXTRACTING",
  "FILTERING",
  "BOTTLING",
  "CHILLING",
  "THRESHING",
  "MILLING",
  "SLICING",
  "COOKING",
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export type TraceKind = "tea" | "honey" | "fruit" | "rice" | "dried" | "speciality";

export type StepTemplate = { kind: StepKind; note: string; hoursAfter: number };

type Template = {
  steps: StepTemplate[];
  /** HSD after NSX, in days, and whether it is a best-before or a use-by (expiry) date */
  shelfDays: number;
  shelfKind: "BEST_BEFORE" | "EXPIRY";
};

export const TRACE_TEMPLATES: Record<TraceKind, Template> = {
  tea: {
    shelfDays: 365,
    shelfKind: "BEST_BEFORE",
    steps: [
      { kind: "HARVEST", note: "Hái tay một tôm hai lá, buổi sáng", hoursAfter: 0 },
      { kind: "WITHERING", note: "Héo nhẹ trên nong 2-3 giờ", hoursAfter: 3 },
      { kind: "FIXING", note: "Diệt men bằng tôn quay", hoursAfter: 6 },
      { kind: "ROLLING", note: "Vò máy 30 phút, rũ tơi", hoursAfter: 9 },
      { kind: "DRYING", note: "Sao lửa nhỏ 2 lần, lên hương", hoursAfter: 12 },
      { kind: "SORTING", note: "Sàng tách cám, nhặt cẫng", hoursAfter: 15 },
      { kind: "PACKING", note: "Đóng túi hút chân không", hoursAfter: 18 },
    ],
  },
  honey: {
    shelfDays: 730,
    shelfKind: "BEST_BEFORE",
    steps: [
      { kind: "HARVEST", note: "Lấy cầu mật đã vít nắp", hoursAfter: 0 },
      { kind: "EXTRACTING", note: "Quay ly tâm, không gia nhiệt", hoursAfter: 2 },
      { kind: "FILTERING", note: "Lọc qua lưới inox, để lắng 3 ngày", hoursAfter: 4 },
      { kind: "BOTTLING", note: "Đóng chai thuỷ tinh, dán nhãn", hoursAfter: 76 },
    ],
  },
  fruit: {
    shelfDays: 7,
    shelfKind: "EXPIRY",
    steps: [
      { kind: "HARVEST", note: "Hái khi quả mở mắt, buổi sáng sớm", hoursAfter: 0 },
      { kind: "SORTING", note: "Phân loại theo cỡ, loại quả dập", hoursAfter: 2 },
      { kind: "PACKING", note: "Xếp thùng có lót, thông khí", hoursAfter: 3 },
      { kind: "CHILLING", note: "Giữ mát 10-12 °C đến khi giao", hoursAfter: 4 },
    ],
  },
  rice: {
    shelfDays: 365,
    shelfKind: "BEST_BEFORE",
    steps: [
      { kind: "HARVEST", note: "Gặt khi lúa chín 85-90%", hoursAfter: 0 },
      { kind: "THRESHING", note: "Tuốt lúa trong ngày", hoursAfter: 6 },
      { kind: "DRYING", note: "Phơi đến độ ẩm 14%", hoursAfter: 48 },
      { kind: "MILLING", note: "Xay xát, giữ cám mỏng", hoursAfter: 120 },
      { kind: "PACKING", note: "Đóng túi hút chân không", hoursAfter: 122 },
    ],
  },
  dried: {
    shelfDays: 365,
    shelfKind: "BEST_BEFORE",
    steps: [
      { kind: "HARVEST", note: "Thu hái, làm sạch", hoursAfter: 0 },
      { kind: "SLICING", note: "Thái lát, chần sơ", hoursAfter: 4 },
      { kind: "DRYING", note: "Sấy lò than hoặc phơi nắng", hoursAfter: 8 },
      { kind: "PACKING", note: "Đóng túi kín, có gói hút ẩm", hoursAfter: 56 },
    ],
  },
  speciality: {
    shelfDays: 10,
    shelfKind: "EXPIRY",
    steps: [
      { kind: "HARVEST", note: "Chuẩn bị nguyên liệu địa phương", hoursAfter: 0 },
      { kind: "COOKING", note: "Chế biến theo cách truyền thống", hoursAfter: 4 },
      { kind: "PACKING", note: "Đóng hộp, ghi ngày sản xuất", hoursAfter: 10 },
    ],
  },
};

/** The template for a product's category (the category slugs of the catalogue). */
export function traceKindOf(categorySlug: string | null | undefined): TraceKind {
  switch (categorySlug) {
    case "che":
      return "tea";
    case "mat-ong":
      return "honey";
    case "trai-cay":
      return "fruit";
    case "gao":
      return "rice";
    case "nong-san-kho":
      return "dried";
    case "dac-san":
      return "speciality";
    default:
      return "dried";
  }
}

const DAY = 24 * 3600 * 1000;

/** The HSD a batch packed at `producedAt` gets by default. */
export function defaultBestBefore(kind: TraceKind, producedAt: Date): Date {
  return new Date(producedAt.getTime() + TRACE_TEMPLATES[kind].shelfDays * DAY);
}

/** Whether the batch is past its HSD (a best-before date passed is also said plainly). */
export function isPastDate(bestBefore: Date | string | null, now: Date): boolean {
  if (!bestBefore) return false;
  return new Date(bestBefore).getTime() < now.getTime();
}
