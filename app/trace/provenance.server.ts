// Everything the provenance page shows, in one compact object (it is embedded in
// the HTML for hydration, so every byte counts against the 30 KB budget).
import { showScanWarning } from "~/domain/counterfeit";
import type { Locale } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { labelUri, type TraceTarget } from "./lookup.server";
import { runEventsOfBatch } from "./run-events.server";
import { scanStats } from "./scans.server";
import { isPastDate } from "./steps";

export type CertState = "VERIFIED" | "PENDING" | "EXPIRED";

/** Public certificate state: rejected ones are not shown at all. */
export function publicCertState(
  c: { status: string; expiresAt: Date },
  now: Date,
): CertState | null {
  if (c.status === "REJECTED") return null;
  if (c.expiresAt <= now) return "EXPIRED";
  return c.status === "VERIFIED" ? "VERIFIED" : "PENDING";
}

const day = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function loadProvenance(target: TraceTarget, locale: Locale, now = new Date()) {
  const [batch, stats, unit] = await Promise.all([
    prisma.batch.findUniqueOrThrow({
      where: { id: target.batchId },
      select: {
        code: true,
        lot: true,
        harvestedAt: true,
        producedAt: true,
        bestBefore: true,
        shelfKind: true,
        quantity: true,
        unit: true,
        notes: true,
        productId: true,
        product: {
          select: {
            name: true,
            nameEn: true,
            slug: true,
            status: true,
            deletedAt: true,
            photos: {
              select: { hash: true, placeholder: true, width: true, height: true },
              orderBy: { position: "asc" },
              take: 2,
            },
          },
        },
        variant: { select: { label: true } },
        household: {
          select: {
            name: true,
            hamlet: true,
            commune: { select: { name: true, province: { select: { name: true } } } },
          },
        },
        plot: {
          select: { name: true, crop: true, areaM2: true, commune: { select: { name: true } } },
        },
        stall: {
          select: {
            id: true,
            name: true,
            slug: true,
            verification: true,
            verifiedAt: true,
            banned: true,
            status: true,
            verifiedBy: { select: { name: true } },
            cooperative: { select: { name: true } },
            commune: { select: { name: true, province: { select: { name: true } } } },
          },
        },
        steps: {
          select: { kind: true, startedAt: true, note: true },
          orderBy: [{ position: "asc" }, { startedAt: "asc" }],
        },
        photos: {
          select: { hash: true, placeholder: true, width: true, height: true },
          orderBy: { position: "asc" },
          take: 4,
        },
      },
    }),
    scanStats(target),
    target.serialId
      ? prisma.serialUnit.findUnique({
          where: { id: target.serialId },
          select: { flaggedAt: true },
        })
      : null,
  ]);
  const certs = await prisma.certification.findMany({
    where: {
      stallId: batch.stall.id,
      OR: [{ productId: batch.productId }, { productId: null }],
      status: { not: "REJECTED" },
    },
    select: {
      kind: true,
      stars: true,
      issuer: true,
      number: true,
      issuedAt: true,
      expiresAt: true,
      status: true,
      reviewedBy: { select: { name: true } },
    },
    orderBy: { expiresAt: "desc" },
    take: 8,
  });
  const p = batch.product;
  const onSale =
    p.status === "ACTIVE" && !p.deletedAt && !batch.stall.banned && batch.stall.status !== "CLOSED";
  const flaggedAt = unit?.flaggedAt ?? null;
  return {
    kind: target.serialId ? ("serial" as const) : ("batch" as const),
    code: batch.code,
    lot: batch.lot,
    serial: target.serial,
    uri: labelUri(target, target.serial),
    product: {
      name: locale === "en" && p.nameEn ? p.nameEn : p.name,
      slug: onSale ? p.slug : null,
      variant: batch.variant?.label ?? null,
    },
    photos: [...batch.photos, ...p.photos].slice(0, 3),
    producer: batch.household
      ? {
          name: batch.household.name,
          hamlet: batch.household.hamlet,
          commune: batch.household.commune.name,
        }
      : null,
    // the producer's province (or the stall's, for a cooperative batch without a household)
    province: (batch.household?.commune ?? batch.stall.commune).province.name,
    cooperative: batch.stall.cooperative?.name ?? null,
    stall: {
      name: batch.stall.name,
      // a banned stall's own claims are not vouched for: no badge, and the page says why
      banned: batch.stall.banned,
      verified: batch.stall.verification === "VERIFIED" && !batch.stall.banned,
      verifiedBy:
        batch.stall.verification === "VERIFIED" && !batch.stall.banned
          ? (batch.stall.verifiedBy?.name ?? null)
          : null,
      verifiedAt: day(batch.stall.verifiedAt),
    },
    plot: batch.plot
      ? {
          name: batch.plot.name,
          crop: batch.plot.crop,
          areaM2: batch.plot.areaM2,
          commune: batch.plot.commune.name,
        }
      : null,
    harvestedAt: batch.harvestedAt.toISOString(),
    producedAt: day(batch.producedAt),
    bestBefore: day(batch.bestBefore),
    shelfKind: batch.shelfKind === "EXPIRY" ? ("EXPIRY" as const) : ("BEST_BEFORE" as const),
    pastDate: isPastDate(batch.bestBefore, now),
    quantity: batch.quantity,
    unit: batch.unit,
    notes: batch.notes,
    steps: [
      ...batch.steps.map((s) => ({ kind: s.kind, at: s.startedAt.toISOString(), note: s.note })),
      // a harvest pick's batch: collected at the farm, unloaded at the collection point
      ...(await runEventsOfBatch(target.batchId)).map((e) => ({
        kind: e.kind === "shipping" ? "PICKED_UP" : "AT_COLLECTION",
        at: e.at.toISOString(),
        note: e.kind === "shipping" ? e.vehicle : e.place.name,
      })),
    ],
    certs: certs.flatMap((c) => {
      const state = publicCertState(c, now);
      return state
        ? [
            {
              kind: c.kind,
              stars: c.stars,
              issuer: c.issuer,
              number: c.number,
              from: c.issuedAt.toISOString(),
              to: c.expiresAt.toISOString(),
              state,
              reviewedBy: state === "VERIFIED" ? (c.reviewedBy?.name ?? null) : null,
            },
          ]
        : [];
    }),
    scans: { count: stats.count, first: day(stats.first) },
    warning: showScanWarning(target.serialId ? "serial" : "batch", flaggedAt)
      ? { count: stats.count, since: day(stats.first ?? flaggedAt) }
      : null,
  };
}

export type Provenance = Awaited<ReturnType<typeof loadProvenance>>;
