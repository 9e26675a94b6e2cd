import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import {
  checkRow,
  CSV_COLUMNS,
  guardCell,
  MAX_CSV_ROWS,
  productKey,
  REQUIRED_COLUMNS,
  sniffDelimiter,
  type CleanRow,
  type Problem,
} from "~/domain/csv-products";
import { nextStock, publishProblems } from "~/domain/listing";
import { enqueueProductSync } from "~/search/outbox.server";
import { variantsWithCodesOut } from "~/trace/batches.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, serializable } from "~/utils/db.server";
import { onBehalfOf } from "~/cooperatives/access.server";
import { newSlug } from "~/console/products.server";

// CSV import/export of a stall's products. Import is two steps: a dry run that
// reports every row's problems and writes nothing, then a commit that plans the
// same file again and writes all of it in one transaction, or nothing.

type Stall = { id: string; householdId: string | null; cooperativeId: string | null };

export type RowReport = {
  line: number;
  name: string;
  label: string;
  action: "create" | "update" | null;
  problems: Problem[];
};
export type Plan = {
  fileProblems: Problem[];
  rows: RowReport[];
  products: PlannedProduct[];
  summary: { rows: number; create: number; update: number; problems: number };
};
type PlannedVariant = { id: string | null; row: CleanRow };
type PlannedProduct = {
  id: string | null;
  rows: CleanRow[];
  variants: PlannedVariant[];
  categoryId: string | null;
  producerId: string | null;
  status: string;
};

export async function exportCsv(stall: Stall): Promise<string> {
  const products = await prisma.product.findMany({
    where: { stallId: stall.id, deletedAt: null },
    include: {
      category: true,
      variants: { where: { active: true }, orderBy: { position: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  const rows = products.flatMap((p) =>
    (p.variants.length ? p.variants : [null]).map((v) => ({
      product_slug: p.slug,
      name: guardCell(p.name),
      name_en: guardCell(p.nameEn ?? ""),
      category: p.category?.slug ?? "",
      status: p.status,
      producer_household_id: stall.cooperativeId ? (p.householdId ?? "") : "",
      description: guardCell(p.description),
      variant_label: guardCell(v?.label ?? ""),
      weight_grams: v?.weightGrams ?? "",
      price_vnd: v?.priceVnd ?? "",
      stock: v?.stock ?? "",
      gtin: v?.gtin ?? "",
      sku: guardCell(v?.sku ?? ""),
      stock_base: v?.stock ?? "",
    })),
  );
  // BOM so Excel opens it as UTF-8 (Vietnamese letters intact)
  return "\uFEFF" + stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}

function readCsv(text: string): {
  records: { line: number; raw: Record<string, string> }[];
  problems: Problem[];
} {
  const clean = text.replace(/^\uFEFF/, "");
  try {
    const records = parse(clean, {
      delimiter: sniffDelimiter(clean),
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    if (!records.length) return { records: [], problems: [{ key: "csv.empty" }] };
    const columns = Object.keys(records[0].record);
    const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length)
      return {
        records: [],
        problems: missing.map((column) => ({ key: "csv.missingColumn", params: { column } })),
      };
    if (records.length > MAX_CSV_ROWS)
      return { records: [], problems: [{ key: "csv.tooManyRows" }] };
    return { records: records.map((r) => ({ line: r.info.lines, raw: r.record })), problems: [] };
  } catch (e) {
    return {
      records: [],
      problems: [{ key: "csv.unreadable", params: { reason: (e as Error).message.slice(0, 120) } }],
    };
  }
}

/** The dry run: every row checked against its own rules and the stall's data. Writes nothing. */
export async function planImport(stall: Stall, text: string): Promise<Plan> {
  const { records, problems: fileProblems } = readCsv(text);
  const reports: RowReport[] = [];
  const clean: CleanRow[] = [];
  for (const { line, raw } of records) {
    const { row, problems } = checkRow(raw, line);
    reports.push({
      line,
      name: raw.name ?? "",
      label: raw.variant_label ?? "",
      action: null,
      problems,
    });
    if (row) clean.push(row);
  }
  const [categories, members, variants, slugged] = await Promise.all([
    prisma.category.findMany({ select: { id: true, slug: true } }),
    stall.cooperativeId
      ? prisma.membership.findMany({
          where: { cooperativeId: stall.cooperativeId, status: "ACTIVE" },
          select: { householdId: true },
        })
      : Promise.resolve(null),
    prisma.variant.findMany({
      where: { product: { stallId: stall.id, deletedAt: null } },
      include: { product: { include: { _count: { select: { photos: true } } } } },
    }),
    prisma.product.findMany({
      where: { slug: { in: clean.map((r) => r.slug).filter((s): s is string => !!s) } },
      include: { _count: { select: { photos: true } } },
    }),
  ]);
  const memberIds = members ? new Set(members.map((m) => m.householdId)) : null;
  const printed = await variantsWithCodesOut(
    prisma,
    variants.filter((v) => v.gtin).map((v) => v.id),
  );
  const report = (line: number) => reports.find((r) => r.line === line)!;

  // group rows into products: by SKU match first (the exported file's own key), then slug, then name
  const groups = new Map<string, { productId: string | null; rows: CleanRow[] }>();
  for (const row of clean) {
    const bySku = row.sku ? variants.find((v) => v.sku === row.sku) : undefined;
    const bySlug = row.slug ? slugged.find((p) => p.slug === row.slug) : undefined;
    if (bySlug && bySlug.stallId !== stall.id) {
      report(row.line).problems.push({ key: "csv.slugElsewhere", params: { value: row.slug! } });
      continue;
    }
    const productId = bySku?.productId ?? bySlug?.id ?? null;
    const key = productId ? `id:${productId}` : productKey(row);
    const g = groups.get(key) ?? { productId, rows: [] };
    g.rows.push(row);
    groups.set(key, g);
  }

  const products: PlannedProduct[] = [];
  const seenGtins = new Map<string, number>();
  for (const { productId, rows } of groups.values()) {
    const first = rows[0];
    const existing = productId
      ? (variants.find((v) => v.productId === productId)?.product ??
        slugged.find((p) => p.id === productId) ??
        null)
      : null;
    const categorySlug = rows.find((r) => r.category)?.category ?? null;
    const category = categorySlug ? categories.find((c) => c.slug === categorySlug) : null;
    const producer =
      stall.householdId ?? rows.find((r) => r.producer)?.producer ?? existing?.householdId ?? null;
    const status = rows.find((r) => r.status)?.status ?? existing?.status ?? "DRAFT";
    const groupProblems: Problem[] = [];
    if (categorySlug && !category)
      groupProblems.push({ key: "csv.categoryUnknown", params: { value: categorySlug } });
    if (memberIds && (!producer || !memberIds.has(producer)))
      groupProblems.push({ key: "csv.producerInvalid", params: { value: producer ?? "" } });
    const planned: PlannedVariant[] = [];
    const labels = new Set<string>();
    for (const row of rows) {
      if (!row.label) continue; // product-only row
      const rowProblems = report(row.line).problems;
      const byLabel = productId
        ? variants.find(
            (v) => v.productId === productId && v.label.toLowerCase() === row.label.toLowerCase(),
          )
        : undefined;
      const bySku = row.sku ? variants.find((v) => v.sku === row.sku) : undefined;
      if (bySku && productId && bySku.productId !== productId)
        rowProblems.push({ key: "csv.skuElsewhere" });
      if (labels.has(row.label.toLowerCase()))
        rowProblems.push({ key: "listing.variantDuplicate" });
      labels.add(row.label.toLowerCase());
      const target = bySku ?? byLabel ?? null;
      // a GTIN printed on labels in circulation stays (an empty cell would clear it)
      if (target && printed.has(target.id) && row.gtin !== target.gtin)
        rowProblems.push({ key: "listing.gtinLocked" });
      if (row.gtin) {
        const owner = await prisma.variant.findUnique({ where: { gtin: row.gtin } });
        if ((owner && owner.id !== target?.id) || seenGtins.has(row.gtin))
          rowProblems.push({ key: "listing.gtinTaken" });
        seenGtins.set(row.gtin, row.line);
      }
      planned.push({ id: target?.id ?? null, row });
    }
    if (status === "ACTIVE") {
      const photos = existing ? existing._count.photos : 0;
      // pack sizes already on the product and not in the file still sell
      const kept = existing
        ? variants
            .filter(
              (v) => v.productId === existing.id && v.active && !planned.some((p) => p.id === v.id),
            )
            .map((v) => ({ priceVnd: v.priceVnd }))
        : [];
      const issues = publishProblems({
        name: first.name,
        categoryId: category?.id ?? existing?.categoryId ?? null,
        description: rows.find((r) => r.description)?.description ?? existing?.description ?? "",
        photos,
        variants: [...planned.map((p) => ({ priceVnd: p.row.priceVnd })), ...kept],
      });
      for (const key of issues)
        groupProblems.push({
          key: key === "listing.photoRequired" && !existing ? "csv.publishNeedsPhoto" : key,
        });
    }
    // a product-level problem is reported on each of its rows
    for (const row of rows) report(row.line).problems.push(...groupProblems);
    for (const row of rows) report(row.line).action = productId ? "update" : "create";
    products.push({
      id: productId,
      rows,
      variants: planned,
      categoryId: category?.id ?? null,
      producerId: producer,
      status,
    });
  }
  const bad = reports.filter((r) => r.problems.length).length;
  return {
    fileProblems,
    rows: reports,
    products,
    summary: {
      rows: reports.length,
      create: products.filter((p) => !p.id).length,
      update: products.filter((p) => p.id).length,
      problems: bad + fileProblems.length,
    },
  };
}

/**
 * Writes a clean plan in one transaction: every product and variant, or none. Serializable:
 * a stock is read and written back moved by the file's change (nextStock), so an order that
 * takes stock in between (PostgreSQL runs both at once) makes the import start again rather
 * than undo the sale.
 */
export async function commitImport(user: SessionUser, stall: Stall, plan: Plan) {
  if (plan.summary.problems > 0 || plan.rows.length === 0)
    throw new Error("refusing to write a plan with problems");
  return serializable(
    async (tx) => {
      for (const p of plan.products) {
        const first = p.rows[0];
        const description = p.rows.find((r) => r.description)?.description ?? undefined;
        const fields = {
          name: first.name,
          nameEn: p.rows.find((r) => r.nameEn)?.nameEn ?? undefined,
          ...(description !== undefined ? { description } : {}),
          categoryId: p.categoryId ?? undefined,
          householdId: p.producerId,
          status: p.status,
        };
        let productId = p.id;
        if (productId) {
          const current = await tx.product.findUniqueOrThrow({ where: { id: productId } });
          await tx.product.update({
            where: { id: productId },
            data: {
              ...fields,
              publishedAt:
                p.status === "ACTIVE" ? (current.publishedAt ?? new Date()) : current.publishedAt,
            },
          });
        } else {
          const created = await tx.product.create({
            data: {
              ...fields,
              description: description ?? "",
              stallId: stall.id,
              slug: first.slug ?? newSlug(first.name),
              publishedAt: p.status === "ACTIVE" ? new Date() : null,
            },
          });
          productId = created.id;
        }
        const count = await tx.variant.count({ where: { productId } });
        for (const [i, v] of p.variants.entries()) {
          const data = {
            label: v.row.label,
            weightGrams: v.row.weightGrams,
            priceVnd: v.row.priceVnd,
            gtin: v.row.gtin,
            sku: v.row.sku,
            active: true,
          };
          if (v.id) {
            // an exported file carries stock_base: orders since the export stay counted
            const current = await tx.variant.findUniqueOrThrow({
              where: { id: v.id },
              select: { stock: true },
            });
            await tx.variant.update({
              where: { id: v.id },
              data: {
                ...data,
                stock: nextStock(current.stock, v.row.stock, v.row.stockBase ?? undefined),
              },
            });
          } else
            await tx.variant.create({
              data: { ...data, stock: v.row.stock, productId, position: count + i },
            });
        }
        await audit(
          {
            actorId: user.id,
            onBehalfOfId: onBehalfOf(user, p.producerId),
            action: p.id ? "product.import.update" : "product.import.create",
            entity: "Product",
            entityId: productId,
            data: { lines: p.rows.map((r) => r.line) },
          },
          tx,
        );
        await enqueueProductSync(tx, productId);
      }
      return plan.summary;
    },
    // a big file on a busy SQLite: wait for the write lock rather than fail
    { timeout: 60_000, maxWait: 20_000 },
  );
}
