import { randomBytes } from "node:crypto";
import { nextStock, publishProblems, slugify, type ProductInput } from "~/domain/listing";
import { discardPhotoFiles, type StoredPhoto } from "~/images/pipeline.server";
import { enqueueProductSync } from "~/search/outbox.server";
import { variantsWithCodesOut } from "~/trace/batches.server";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma, serializable, type Prisma } from "~/utils/db.server";
import { photoShelf } from "~/files/files.server";
import { onBehalfOf } from "~/cooperatives/access.server";

// Writing products. Every write runs in one transaction with its audit entry
// and a search.product outbox row, so search never misses a change (the worker
// decides whether the product is for sale and indexes or removes it).

type Stall = { id: string; householdId: string | null; cooperativeId: string | null };

export class ListingError extends Error {
  constructor(
    public problems: string[],
    public field?: string,
  ) {
    super(problems.join(","));
  }
}

export function newSlug(name: string) {
  return `${slugify(name)}-${randomBytes(3).toString("hex")}`;
}

async function writeVariants(
  tx: Prisma.TransactionClient,
  productId: string,
  variants: ProductInput["variants"],
) {
  const existing = await tx.variant.findMany({ where: { productId } });
  const printed = await variantsWithCodesOut(
    tx,
    existing.filter((e) => e.gtin).map((e) => e.id),
  );
  const keep = new Set<string>();
  for (const [position, v] of variants.entries()) {
    const match =
      existing.find((e) => e.id === v.id) ??
      existing.find((e) => !keep.has(e.id) && e.label.toLowerCase() === v.label.toLowerCase());
    // labels in circulation carry /01/{gtin}/...: changing or clearing it would break every printed QR
    if (match && printed.has(match.id) && (v.gtin ?? null) !== match.gtin)
      throw new ListingError(["listing.gtinLocked"], `variants[${position}].gtin`);
    const data = {
      label: v.label,
      weightGrams: v.weightGrams ?? null,
      priceVnd: v.price ?? 0,
      // read inside this write transaction, so no sale can slip in between
      stock: nextStock(match ? match.stock : null, v.stock, v.stockBase),
      gtin: v.gtin ?? null,
      sku: v.sku || null,
      position,
      active: true,
    };
    if (match) {
      keep.add(match.id);
      await tx.variant.update({ where: { id: match.id }, data });
    } else {
      const created = await tx.variant.create({ data: { ...data, productId } });
      keep.add(created.id);
    }
  }
  // Variants that are gone stay in the database (order history points at them) but stop selling.
  const gone = existing.filter((e) => !keep.has(e.id) && e.active).map((e) => e.id);
  if (gone.length)
    await tx.variant.updateMany({ where: { id: { in: gone } }, data: { active: false } });
}

async function attachCertificates(
  tx: Prisma.TransactionClient,
  stallId: string,
  productId: string,
  ids: string[] | undefined,
) {
  if (!ids) return;
  // only the stall's own certificates can be attached
  await tx.certification.updateMany({
    where: { productId, id: { notIn: ids } },
    data: { productId: null },
  });
  if (ids.length)
    await tx.certification.updateMany({ where: { stallId, id: { in: ids } }, data: { productId } });
}

async function checkGtins(
  tx: Prisma.TransactionClient,
  productId: string | null,
  variants: ProductInput["variants"],
) {
  const gtins = variants.map((v) => v.gtin).filter((g): g is string => !!g);
  if (new Set(gtins).size !== gtins.length) throw new ListingError(["listing.gtinTaken"]);
  if (!gtins.length) return;
  const taken = await tx.variant.findFirst({
    where: { gtin: { in: gtins }, ...(productId ? { productId: { not: productId } } : {}) },
  });
  if (taken) throw new ListingError(["listing.gtinTaken"]);
}

/**
 * Creates a product (with its first photo, when given). The producer is the
 * stall's household, or for a cooperative stall the member household chosen.
 */
export async function createProduct(
  user: SessionUser,
  stall: Stall,
  input: ProductInput,
  producerId: string | null,
  photo: StoredPhoto | null,
) {
  if (input.intent === "publish" && !photo)
    throw new ListingError(["listing.photoRequired"], "photo");
  try {
    return await prisma.$transaction(async (tx) => {
      await checkGtins(tx, null, input.variants);
      const product = await tx.product.create({
        data: {
          stallId: stall.id,
          householdId: producerId,
          slug: newSlug(input.name),
          name: input.name,
          nameEn: input.nameEn || null,
          categoryId: input.categoryId || null,
          description: input.description ?? "",
          perishable: input.perishable ?? false,
          status: input.intent === "publish" ? "ACTIVE" : "DRAFT",
          publishedAt: input.intent === "publish" ? new Date() : null,
        },
      });
      await writeVariants(tx, product.id, input.variants);
      await attachCertificates(tx, stall.id, product.id, input.certificationIds);
      if (photo)
        await tx.photo.create({
          data: {
            productId: product.id,
            hash: photo.hash,
            width: photo.width,
            height: photo.height,
            placeholder: photo.placeholder,
            alt: input.name,
            position: 0,
          },
        });
      await audit(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf(user, producerId),
          action: "product.create",
          entity: "Product",
          entityId: product.id,
          data: { stallId: stall.id, status: product.status },
        },
        tx,
      );
      await enqueueProductSync(tx, product.id);
      return product;
    });
  } catch (e) {
    if (photo) await discardUnused(photo);
    throw e;
  }
}

export async function updateProduct(
  user: SessionUser,
  productId: string,
  input: ProductInput,
  producerId: string | null,
) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.product.findUniqueOrThrow({
      where: { id: productId },
      include: { _count: { select: { photos: true } } },
    });
    await checkGtins(tx, productId, input.variants);
    if (input.intent === "publish") {
      const problems = publishProblems({
        name: input.name,
        categoryId: input.categoryId ?? null,
        description: input.description ?? "",
        photos: current._count.photos,
        variants: input.variants.map((v) => ({ priceVnd: v.price ?? 0 })),
      });
      if (problems.length) throw new ListingError(problems);
    }
    const status =
      input.intent === "publish" ? "ACTIVE" : current.status === "HIDDEN" ? "HIDDEN" : "DRAFT";
    const product = await tx.product.update({
      where: { id: productId },
      data: {
        name: input.name,
        nameEn: input.nameEn || null,
        categoryId: input.categoryId || null,
        description: input.description ?? "",
        perishable: input.perishable ?? false,
        householdId: producerId,
        status,
        publishedAt:
          status === "ACTIVE" ? (current.publishedAt ?? new Date()) : current.publishedAt,
      },
    });
    await writeVariants(tx, productId, input.variants);
    await attachCertificates(tx, current.stallId, productId, input.certificationIds);
    await audit(
      {
        actorId: user.id,
        onBehalfOfId: onBehalfOf(user, producerId),
        action: "product.update",
        entity: "Product",
        entityId: productId,
        data: { from: current.status, to: status },
      },
      tx,
    );
    await enqueueProductSync(tx, productId);
    return product;
  });
}

/** Hide (off sale, kept), show again, or soft delete. */
export async function setProductState(
  user: SessionUser,
  productId: string,
  to: "HIDDEN" | "ACTIVE" | "DELETED",
) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.product.findUniqueOrThrow({
      where: { id: productId },
      include: { variants: { where: { active: true } }, _count: { select: { photos: true } } },
    });
    if (to === "ACTIVE") {
      const problems = publishProblems({ ...current, photos: current._count.photos });
      if (problems.length) throw new ListingError(problems);
    }
    const data =
      to === "DELETED"
        ? { deletedAt: new Date() }
        : {
            status: to,
            ...(to === "ACTIVE" && !current.publishedAt ? { publishedAt: new Date() } : {}),
          };
    await tx.product.update({ where: { id: productId }, data });
    await audit(
      {
        actorId: user.id,
        onBehalfOfId: onBehalfOf(user, current.householdId),
        action: `product.${to.toLowerCase()}`,
        entity: "Product",
        entityId: productId,
        data: { from: current.status },
      },
      tx,
    );
    await enqueueProductSync(tx, productId);
  });
}

export const MAX_PRODUCT_PHOTOS = 10;

export async function addProductPhoto(
  user: SessionUser,
  productId: string,
  photo: StoredPhoto,
  alt: string,
) {
  try {
    // count then insert: Serializable, so two uploads at once on PostgreSQL cannot both take the last place
    return await serializable(async (tx) => {
      const product = await tx.product.findUniqueOrThrow({
        where: { id: productId },
        include: { _count: { select: { photos: true } } },
      });
      if (product._count.photos >= MAX_PRODUCT_PHOTOS) throw new ListingError(["photo.tooMany"]);
      const row = await tx.photo.create({
        data: {
          productId,
          hash: photo.hash,
          width: photo.width,
          height: photo.height,
          placeholder: photo.placeholder,
          alt,
          position: product._count.photos,
        },
      });
      await audit(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf(user, product.householdId),
          action: "product.photo.add",
          entity: "Product",
          entityId: productId,
          data: { photoId: row.id },
        },
        tx,
      );
      await enqueueProductSync(tx, productId);
      return row;
    });
  } catch (e) {
    await discardUnused(photo);
    throw e;
  }
}

export async function removeProductPhoto(user: SessionUser, productId: string, photoId: string) {
  await prisma.$transaction(async (tx) => {
    const product = await tx.product.findUniqueOrThrow({ where: { id: productId } });
    const gone = await tx.photo.deleteMany({ where: { id: photoId, productId } });
    if (!gone.count) return;
    const rest = await tx.photo.findMany({ where: { productId }, orderBy: { position: "asc" } });
    for (const [i, p] of rest.entries())
      if (p.position !== i) await tx.photo.update({ where: { id: p.id }, data: { position: i } });
    await audit(
      {
        actorId: user.id,
        onBehalfOfId: onBehalfOf(user, product.householdId),
        action: "product.photo.remove",
        entity: "Product",
        entityId: productId,
        data: { photoId },
      },
      tx,
    );
    await enqueueProductSync(tx, productId);
  });
}

/** A photo whose row could not be written: remove its files unless another row uses them. */
async function discardUnused(photo: StoredPhoto) {
  if (!photo.created) return;
  const used = await prisma.photo.count({ where: { hash: photo.hash } });
  if (!used) await discardPhotoFiles(photoShelf, photo);
}
