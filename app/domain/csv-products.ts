// Product CSV rows: one row per variant (pack size). Pure rules for one row;
// matching against the database and writing live in app/catalog/csv.server.ts.
import { toGtin14 } from "./gs1";
import { parseVnd } from "./money";

export const CSV_COLUMNS = [
  "product_slug",
  "name",
  "name_en",
  "category",
  "status",
  "producer_household_id",
  "description",
  "variant_label",
  "weight_grams",
  "price_vnd",
  "stock",
  "gtin",
  "sku",
  "stock_base",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: CsvColumn[] = ["name", "variant_label", "price_vnd"];
export const CSV_STATUSES = ["DRAFT", "ACTIVE", "HIDDEN"] as const;
export const MAX_CSV_ROWS = 2000;

export type Problem = { key: string; params?: Record<string, string | number> };

export type CleanRow = {
  line: number;
  slug: string | null;
  name: string;
  nameEn: string | null;
  category: string | null;
  status: (typeof CSV_STATUSES)[number] | null;
  producer: string | null;
  description: string | null;
  label: string;
  weightGrams: number | null;
  priceVnd: number;
  stock: number;
  // the stock when the file was exported: sales since then are not undone (see nextStock)
  stockBase: number | null;
  gtin: string | null;
  sku: string | null;
};

// Spreadsheet formula injection: a cell that starts with = + - @ (or a tab/CR) is run
// as a formula when the file is opened in Excel. Export writes such text with a leading
// apostrophe (shown as text); import takes that apostrophe off again, so a file
// round-trips unchanged.
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

const int = (v: string) =>
  /^\d+$/.test(v.replace(/[.,\s]/g, "")) ? Number(v.replace(/[.,\s]/g, "")) : null;

/** Checks one row's own fields. Returns the cleaned row or its problems (i18n keys). */
export function checkRow(
  raw: Partial<Record<CsvColumn, string>>,
  line: number,
): { row: CleanRow | null; problems: Problem[] } {
  const v = (k: CsvColumn) => unguardCell((raw[k] ?? "").trim());
  const problems: Problem[] = [];
  const name = v("name");
  if (name.length < 2) problems.push({ key: "listing.nameRequired" });
  else if (name.length > 120) problems.push({ key: "form.tooLong" });
  const label = v("variant_label");
  // a row with a slug and no pack size at all is a product-only row (an exported
  // draft without pack sizes): it updates the product and adds no variant
  const productOnly =
    !!v("product_slug") &&
    !label &&
    !v("price_vnd") &&
    !v("stock") &&
    !v("gtin") &&
    !v("sku") &&
    !v("weight_grams");
  if (!label && !productOnly) problems.push({ key: "listing.variantLabelRequired" });
  const price = productOnly ? 0 : parseVnd(v("price_vnd"));
  if (!v("price_vnd") && !productOnly) problems.push({ key: "listing.priceRequired" });
  else if (!productOnly && (price === null || price <= 0 || price > 1_000_000_000))
    problems.push({ key: "listing.priceInvalid" });
  const stock = v("stock") ? int(v("stock")) : 0;
  if (stock === null || stock > 1_000_000) problems.push({ key: "listing.stockInvalid" });
  const stockBase = v("stock_base") ? int(v("stock_base")) : null;
  if (v("stock_base") && stockBase === null) problems.push({ key: "listing.stockInvalid" });
  const weight = v("weight_grams") ? int(v("weight_grams")) : null;
  if (v("weight_grams") && weight === null) problems.push({ key: "listing.weightInvalid" });
  const gtin = v("gtin") ? toGtin14(v("gtin")) : null;
  if (v("gtin") && !gtin) problems.push({ key: "listing.gtinInvalid" });
  const status = v("status").toUpperCase();
  if (status && !(CSV_STATUSES as readonly string[]).includes(status))
    problems.push({ key: "csv.statusInvalid" });
  if (v("description").length > 5000) problems.push({ key: "form.tooLong" });
  if (problems.length) return { row: null, problems };
  return {
    row: {
      line,
      slug: v("product_slug") || null,
      name,
      nameEn: v("name_en") || null,
      category: v("category") || null,
      status: (status || null) as CleanRow["status"],
      producer: v("producer_household_id") || null,
      description: v("description") || null,
      label,
      weightGrams: weight,
      priceVnd: price as number,
      stock: stock as number,
      stockBase,
      gtin,
      sku: v("sku") || null,
    },
    problems,
  };
}

/** Rows of one product share a slug, or (new products) a name. */
export function productKey(row: { slug: string | null; name: string }): string {
  return row.slug ? `slug:${row.slug.toLowerCase()}` : `name:${row.name.toLowerCase()}`;
}

/** Excel writes a BOM and, in Vietnamese locales, semicolons. */
export function sniffDelimiter(text: string): "," | ";" {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}
