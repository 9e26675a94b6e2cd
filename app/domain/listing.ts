// Product listing rules shared by the console form (browser + server) and CSV import.
// Messages are i18n keys; the form translates them.
import { z } from "zod";
import { toGtin14 } from "./gs1";
import { parseVnd } from "./money";

export const LISTING_INTENTS = ["draft", "publish"] as const;
export type ListingIntent = (typeof LISTING_INTENTS)[number];

const MAX_PRICE = 1_000_000_000; // one billion đồng: beyond that it is a typo
const MAX_STOCK = 1_000_000;

const text = (max: number) => z.string().trim().max(max, "form.tooLong").optional();

/** "250.000", "250k", "250000đ" -> 250000; anything else is an error key. */
export const vndField = z
  .string()
  .trim()
  .refine((v) => {
    const n = parseVnd(v);
    return n !== null && n > 0 && n <= MAX_PRICE;
  }, "listing.priceInvalid")
  .transform((v) => parseVnd(v) as number);

const intField = (max: number, key: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^\d+$/.test(v.replace(/[.,\s]/g, "")) && Number(v.replace(/[.,\s]/g, "")) <= max,
      key,
    )
    .transform((v) => Number(v.replace(/[.,\s]/g, "")));

export const gtinField = z
  .string()
  .trim()
  .refine((v) => toGtin14(v) !== null, "listing.gtinInvalid")
  .transform((v) => toGtin14(v) as string);

export const VariantSchema = z.object({
  id: z.string().max(40).optional(),
  label: z.string().trim().max(80, "form.tooLong").optional(),
  weightGrams: intField(1_000_000, "listing.weightInvalid").optional(),
  price: vndField.optional(),
  stock: intField(MAX_STOCK, "listing.stockInvalid").optional(),
  // the stock the form showed when it was loaded: orders sold since then are not undone by saving
  stockBase: intField(MAX_STOCK, "listing.stockInvalid").optional(),
  gtin: gtinField.optional(),
  sku: text(60),
});

// Blank rows (a spare row at the bottom of the form) are not variants; a row
// with anything typed in it needs a label.
type Row = z.infer<typeof VariantSchema>;
const isBlankRow = (row: Row | undefined) =>
  !row ||
  (["label", "weightGrams", "price", "stock", "gtin", "sku"] as const).every(
    (k) => row[k] === undefined || row[k] === "",
  );

const VariantRows = z
  .array(VariantSchema.optional())
  .max(20, "listing.tooManyVariants")
  .superRefine((rows, ctx) => {
    rows.forEach((row, i) => {
      if (row && !isBlankRow(row) && !row.label)
        ctx.addIssue({
          code: "custom",
          path: [i, "label"],
          message: "listing.variantLabelRequired",
        });
    });
  })
  .transform((rows) =>
    rows.filter((r): r is Row & { label: string } => !isBlankRow(r) && !!r?.label),
  );

export type VariantInput = z.output<typeof VariantRows>[number];

export const ProductSchema = z
  .object({
    intent: z.enum(LISTING_INTENTS).default("draft"),
    name: z
      .string({ required_error: "listing.nameRequired" })
      .trim()
      .min(2, "listing.nameRequired")
      .max(120, "form.tooLong"),
    nameEn: text(120),
    categoryId: z.string().max(40).optional(),
    householdId: z.string().max(40).optional(),
    description: text(5000),
    perishable: z.boolean().optional(),
    certificationIds: z.array(z.string().max(40)).optional(),
    variants: VariantRows.default([]),
  })
  .superRefine((v, ctx) => {
    const labels = new Set<string>();
    v.variants.forEach((variant, i) => {
      const key = variant.label.toLowerCase();
      if (labels.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "label"],
          message: "listing.variantDuplicate",
        });
      labels.add(key);
    });
    if (v.intent !== "publish") return;
    // Publishing needs what a buyer must see before paying.
    if (!v.categoryId)
      ctx.addIssue({ code: "custom", path: ["categoryId"], message: "listing.categoryRequired" });
    if (!v.description || v.description.length < 10)
      ctx.addIssue({
        code: "custom",
        path: ["description"],
        message: "listing.descriptionRequired",
      });
    if (v.variants.length === 0)
      ctx.addIssue({ code: "custom", path: ["variants"], message: "listing.variantRequired" });
    v.variants.forEach((variant, i) => {
      if (variant.price === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "price"],
          message: "listing.priceRequired",
        });
    });
  });

export type ProductInput = z.infer<typeof ProductSchema>;

/** URL-safe slug from a Vietnamese name: "Chè Tân Cương" -> "che-tan-cuong". */
export function slugify(input: string): string {
  return (
    input
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "san-pham"
  );
}

/** What still blocks publishing a saved product (empty when it may go on sale). */
export function publishProblems(p: {
  name: string;
  categoryId: string | null;
  description: string;
  photos: number;
  variants: { priceVnd: number }[];
}): string[] {
  const problems: string[] = [];
  if (!p.categoryId) problems.push("listing.categoryRequired");
  if (p.description.trim().length < 10) problems.push("listing.descriptionRequired");
  if (p.variants.length === 0 || p.variants.some((v) => !(v.priceVnd > 0)))
    problems.push("listing.variantRequired");
  if (p.photos === 0) problems.push("listing.photoRequired");
  return problems;
}

/**
 * The stock to store when a seller saves a pack size. Orders keep selling while the
 * form is open, so the form's number is read as a change to what it showed: an
 * untouched field keeps the current stock (sales since loading stay counted), a
 * changed one moves the current stock by the same amount (never below zero). A row
 * without a base (new pack size, CSV) sets the number as typed; blank keeps it.
 */
export function nextStock(
  current: number | null,
  typed: number | undefined,
  base: number | undefined,
): number {
  if (current === null) return typed ?? 0;
  if (typed === undefined) return current;
  if (base === undefined) return typed;
  return Math.max(0, current + (typed - base));
}
