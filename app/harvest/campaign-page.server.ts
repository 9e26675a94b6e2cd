// What buyers see of harvest campaigns: the campaign page, the list (home page,
// /campaigns, GET /api/campaigns) and the supply left per day. Read-only.
import type { Locale } from "~/i18n";
import { prisma, type Prisma } from "~/utils/db.server";
import {
  campaignRefusal,
  cutoffAt,
  daysLeft,
  daysOf,
  localDay,
  orderableDays,
  type CampaignTerms,
  type Day,
  type DeliveryArea,
} from "./rules/preorder";
import type { PreorderPayment } from "./preorder-schema";

/** Campaigns a buyer may see: open, paused (weather hold) or opening soon. Drafts never; closed and cancelled only by their own URL. */
export const LISTED_STATUSES = ["OPEN", "PAUSED"] as const;

type TermsRow = {
  status: string;
  firstDay: string;
  lastDay: string;
  cutoffTime: string;
  maxPerBuyer: number;
  deliveryCommunes: string;
  deliveryLat: number | null;
  deliveryLng: number | null;
  deliveryRadiusKm: number | null;
  payCod: boolean;
  vietqrMode: string;
  payCard: boolean;
  preorderOpensAt: Date;
};

export function paymentOptions(
  c: Pick<TermsRow, "payCod" | "vietqrMode" | "payCard">,
): PreorderPayment[] {
  const out: PreorderPayment[] = [];
  if (c.payCod) out.push("COD");
  if (c.vietqrMode === "DEPOSIT") out.push("VIETQR_DEPOSIT");
  if (c.vietqrMode === "FULL") out.push("VIETQR_FULL");
  if (c.payCard) out.push("CARD");
  return out;
}

export function parseCommunes(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function areaOf(
  c: Pick<TermsRow, "deliveryCommunes" | "deliveryLat" | "deliveryLng" | "deliveryRadiusKm">,
): DeliveryArea {
  return {
    communes: parseCommunes(c.deliveryCommunes),
    center:
      c.deliveryLat !== null && c.deliveryLng !== null
        ? { lat: c.deliveryLat, lng: c.deliveryLng }
        : null,
    radiusKm: c.deliveryRadiusKm,
  };
}

/** The campaign's rules as the pure module takes them. */
export function termsOf(c: TermsRow): CampaignTerms {
  return {
    status: c.status,
    window: { from: c.firstDay, to: c.lastDay },
    cutoffOf: (d: Day) => cutoffAt(d, c.cutoffTime),
    maxPerBuyer: c.maxPerBuyer,
    area: areaOf(c),
    paymentOptions: paymentOptions(c),
    opensAt: c.preorderOpensAt,
  };
}

/** Up-front amount for a payment choice: a deposit rounds up to whole đồng. */
export function amountDue(
  method: string,
  units: number,
  priceVnd: number,
  depositPct: number,
): number {
  const value = units * priceVnd;
  if (method === "VIETQR_FULL" || method === "CARD") return value;
  if (method === "VIETQR_DEPOSIT") return Math.ceil((value * depositPct) / 100);
  return 0;
}

export type DaySupply = {
  day: Day;
  /** boxes confirmed by households, minus the grading reserve; null while nobody confirmed */
  supply: number | null;
  /** units asked for this day (allocated days: awarded) */
  demand: number;
  allocated: boolean;
  /** supply nobody has claimed yet (null while supply is unknown) */
  remaining: number | null;
};

/** Supply, demand and what is left for every day of the window (three grouped queries). */
export async function supplyByDay(c: {
  id: string;
  firstDay: string;
  lastDay: string;
  gradingReservePct: number;
  maxPerBuyer: number;
}): Promise<DaySupply[]> {
  const days = daysOf(c.firstDay, c.lastDay);
  const [picks, queued, entries] = await Promise.all([
    prisma.pick.findMany({
      where: { campaignId: c.id, status: { not: "WITHDRAWN" } },
      select: { day: true, units: true, weighedUnits: true },
    }),
    prisma.preOrder.findMany({
      where: { campaignId: c.id, status: { in: ["REQUESTED", "WAITING"] } },
      select: { queueDay: true, requestedUnits: true, allocatedUnits: true },
    }),
    prisma.allocationEntry.findMany({
      where: { campaignId: c.id },
      select: { day: true, sequence: true, supply: true, awarded: true },
      orderBy: { sequence: "desc" },
    }),
  ]);
  const confirmed = new Map<string, number>();
  for (const p of picks)
    confirmed.set(p.day, (confirmed.get(p.day) ?? 0) + (p.weighedUnits ?? p.units));
  const wanted = new Map<string, number>();
  for (const q of queued)
    if (q.queueDay)
      wanted.set(
        q.queueDay,
        (wanted.get(q.queueDay) ?? 0) +
          Math.min(c.maxPerBuyer, Math.max(0, q.requestedUnits - (q.allocatedUnits ?? 0))),
      );
  const latest = new Map<string, { supply: number; awarded: number }>();
  for (const e of entries) if (!latest.has(e.day)) latest.set(e.day, e);
  return days.map((day) => {
    const entry = latest.get(day);
    if (entry)
      return {
        day,
        supply: entry.supply,
        demand: entry.awarded,
        allocated: true,
        remaining: Math.max(0, entry.supply - entry.awarded),
      };
    const total = confirmed.get(day);
    const supply =
      total === undefined ? null : total - Math.ceil((total * c.gradingReservePct) / 100);
    const demand = wanted.get(day) ?? 0;
    return {
      day,
      supply,
      demand,
      allocated: false,
      remaining: supply === null ? null : Math.max(0, supply - demand),
    };
  });
}

const listSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  priceVnd: true,
  unitLabel: true,
  unitKind: true,
  firstDay: true,
  lastDay: true,
  cutoffTime: true,
  preorderOpensAt: true,
  preorderClosesAt: true,
  maxPerBuyer: true,
  gradingReservePct: true,
  expectedUnits: true,
  grade: true,
  product: {
    select: {
      slug: true,
      name: true,
      nameEn: true,
      photos: {
        select: { hash: true, placeholder: true },
        orderBy: { position: "asc" as const },
        take: 1,
      },
    },
  },
  stall: { select: { name: true, slug: true, commune: { select: { name: true } } } },
} satisfies Prisma.HarvestCampaignSelect;

type ListRow = Prisma.HarvestCampaignGetPayload<{ select: typeof listSelect }>;

export type CampaignCard = {
  slug: string;
  title: string;
  /** OPEN, PAUSED, or UPCOMING (open but taking pre-orders only later) */
  state: "OPEN" | "PAUSED" | "UPCOMING";
  product: { slug: string; name: string };
  photo: { hash: string; placeholder: string } | null;
  stallName: string;
  commune: string;
  priceVnd: number;
  unitLabel: string;
  firstDay: string;
  lastDay: string;
  daysLeft: number;
  nextDay: string | null;
};

function stateOf(c: Pick<ListRow, "status" | "preorderOpensAt">, at: Date): CampaignCard["state"] {
  if (c.status === "PAUSED") return "PAUSED";
  return c.preorderOpensAt.getTime() > at.getTime() ? "UPCOMING" : "OPEN";
}

/** Open and paused campaigns whose window has not ended, soonest first. */
export async function listedCampaigns(at: Date, opts: { take?: number; locale?: Locale } = {}) {
  const rows = await prisma.harvestCampaign.findMany({
    where: {
      status: { in: [...LISTED_STATUSES] },
      lastDay: { gte: localDay(at) },
      stall: { banned: false },
    },
    select: listSelect,
    orderBy: [{ firstDay: "asc" }, { slug: "asc" }],
    take: opts.take ?? 50,
  });
  return rows;
}

export function toCard(c: ListRow, at: Date, locale: Locale = "vi"): CampaignCard {
  const window = { from: c.firstDay, to: c.lastDay };
  return {
    slug: c.slug,
    title: c.title,
    state: stateOf(c, at),
    product: {
      slug: c.product.slug,
      name: locale === "en" && c.product.nameEn ? c.product.nameEn : c.product.name,
    },
    photo: c.product.photos[0] ?? null,
    stallName: c.stall.name,
    commune: c.stall.commune.name,
    priceVnd: c.priceVnd,
    unitLabel: c.unitLabel,
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    daysLeft: daysLeft(window, at),
    nextDay: orderableDays(window, (d) => cutoffAt(d, c.cutoffTime), at)[0] ?? null,
  };
}

export async function campaignCards(
  at: Date,
  opts: { take?: number; locale?: Locale } = {},
): Promise<CampaignCard[]> {
  return (await listedCampaigns(at, opts)).map((c) => toCard(c, at, opts.locale));
}

/** The public JSON for one campaign (GET /api/campaigns). */
export async function campaignJson(c: ListRow, at: Date, origin: string) {
  const supply = await supplyByDay(c);
  const card = toCard(c, at);
  return {
    slug: c.slug,
    title: c.title,
    status: card.state === "UPCOMING" ? "UPCOMING" : c.status,
    url: `${origin}/campaigns/${c.slug}`,
    product: {
      slug: c.product.slug,
      name: c.product.name,
      nameEn: c.product.nameEn,
      url: `${origin}/products/${c.product.slug}`,
    },
    grade: c.grade,
    stall: { name: c.stall.name, slug: c.stall.slug, commune: c.stall.commune.name },
    window: { firstDay: c.firstDay, lastDay: c.lastDay, timeZone: "Asia/Ho_Chi_Minh" },
    preorders: {
      opensAt: c.preorderOpensAt.toISOString(),
      closesAt: c.preorderClosesAt.toISOString(),
    },
    cutoff: {
      time: c.cutoffTime,
      rule: "orders for a day close at this local time on the day before",
      nextDay: card.nextDay,
      nextCutoff: card.nextDay ? cutoffAt(card.nextDay, c.cutoffTime).toISOString() : null,
    },
    priceVnd: c.priceVnd,
    unit: { kind: c.unitKind, label: c.unitLabel },
    maxPerBuyer: c.maxPerBuyer,
    daysLeft: card.daysLeft,
    supply: supply.map((s) => ({
      day: s.day,
      supply: s.supply,
      demand: s.demand,
      remaining: s.remaining,
      allocated: s.allocated,
    })),
  };
}

const pageInclude = {
  product: {
    select: {
      id: true,
      slug: true,
      name: true,
      nameEn: true,
      description: true,
      descriptionEn: true,
      categoryId: true,
      photos: {
        select: { hash: true, placeholder: true, width: true, height: true, alt: true },
        orderBy: { position: "asc" as const },
        take: 3,
      },
    },
  },
  stall: {
    select: {
      id: true,
      name: true,
      slug: true,
      bankBin: true,
      communeCode: true,
      commune: { select: { name: true, province: { select: { name: true } } } },
      cooperative: { select: { name: true, slug: true } },
    },
  },
  cooperative: { select: { name: true, slug: true } },
  households: {
    select: {
      expectedUnits: true,
      household: {
        select: {
          name: true,
          hamlet: true,
          commune: { select: { name: true } },
          stalls: { select: { slug: true, name: true, banned: true }, take: 1 },
        },
      },
      plot: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" as const },
  },
  collectionPoints: {
    select: { id: true, name: true, line: true, communeCode: true, hours: true },
    orderBy: { position: "asc" as const },
  },
} satisfies Prisma.HarvestCampaignInclude;

export type CampaignRow = Prisma.HarvestCampaignGetPayload<{ include: typeof pageInclude }>;

/** The campaign by slug for its page (any status but DRAFT), or null. */
export async function findCampaign(slug: string): Promise<CampaignRow | null> {
  const c = await prisma.harvestCampaign.findUnique({ where: { slug }, include: pageInclude });
  return c && c.status !== "DRAFT" ? c : null;
}

/** Last season's batches of this product (or of the stall's products in its category): their provenance pages. */
async function lastSeasonBatches(c: CampaignRow) {
  const before = new Date(Date.parse(`${c.firstDay}T00:00:00+07:00`));
  const mine = await prisma.batch.findMany({
    where: { productId: c.product.id, harvestedAt: { lt: before } },
    orderBy: { harvestedAt: "desc" },
    take: 5,
    select: { code: true, lot: true, harvestedAt: true },
  });
  if (mine.length || !c.product.categoryId) return mine;
  return prisma.batch.findMany({
    where: {
      stallId: c.stall.id,
      product: { categoryId: c.product.categoryId },
      harvestedAt: { lt: before },
    },
    orderBy: { harvestedAt: "desc" },
    take: 5,
    select: { code: true, lot: true, harvestedAt: true },
  });
}

type PageState = "UPCOMING" | "OPEN" | "PAUSED" | "CLOSED" | "CANCELLED";
function pageState(status: string, opensAt: Date, at: Date): PageState {
  if (status === "OPEN") return opensAt.getTime() > at.getTime() ? "UPCOMING" : "OPEN";
  return status === "PAUSED" || status === "CANCELLED" ? status : "CLOSED";
}

/** Everything the campaign page shows. */
export async function campaignPage(c: CampaignRow, at: Date, locale: Locale) {
  const terms = termsOf(c);
  const [supply, batches, communes] = await Promise.all([
    supplyByDay(c),
    lastSeasonBatches(c),
    prisma.commune.findMany({
      where: {
        code: { in: [...terms.area.communes, ...c.collectionPoints.map((p) => p.communeCode)] },
      },
      select: { code: true, name: true },
    }),
  ]);
  const communeName = new Map(communes.map((x) => [x.code, x.name]));
  const days = orderableDays(terms.window, terms.cutoffOf, at);
  const today = localDay(at);
  const coop = c.cooperative ?? c.stall.cooperative;
  return {
    slug: c.slug,
    title: c.title,
    description:
      c.description ||
      (locale === "en" && c.product.descriptionEn
        ? c.product.descriptionEn
        : c.product.description),
    status: c.status,
    state: pageState(c.status, c.preorderOpensAt, at),
    refusal: campaignRefusal(terms, at),
    pauseMessage: c.pauseMessage,
    grade: c.grade,
    unitLabel: c.unitLabel,
    priceVnd: c.priceVnd,
    maxPerBuyer: c.maxPerBuyer,
    depositPct: c.depositPct,
    cutoffTime: c.cutoffTime,
    opensAt: c.preorderOpensAt.toISOString(),
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    daysLeft: daysLeft(terms.window, at),
    startsIn: today < c.firstDay ? daysOf(today, c.firstDay).length - 1 : 0,
    today,
    todaySupply: supply.find((s) => s.day === today) ?? null,
    supply: supply.filter((s) => s.day >= today),
    days: days.map((d) => ({ day: d, cutoff: terms.cutoffOf(d).toISOString() })),
    fresh: {
      nearHours: c.freshNearHours,
      farHours: c.freshFarHours,
      farKm: c.freshFarKm,
      compensationPct: c.compensationPct,
    },
    payments: paymentOptions(c),
    area: {
      communes: terms.area.communes.map((code) => communeName.get(code) ?? code),
      radiusKm: terms.area.center ? (terms.area.radiusKm ?? null) : null,
    },
    product: {
      slug: c.product.slug,
      name: locale === "en" && c.product.nameEn ? c.product.nameEn : c.product.name,
      photos: c.product.photos.map((p) => ({ ...p, alt: p.alt || c.product.name })),
    },
    origin: `${c.stall.commune.name}, ${c.stall.commune.province.name}`,
    stall: { name: c.stall.name, slug: c.stall.slug },
    cooperative: coop ? { name: coop.name, slug: coop.slug } : null,
    households: c.households.map((h) => {
      const stall = h.household.stalls.find((s) => !s.banned);
      return {
        name: h.household.name,
        hamlet: h.household.hamlet,
        commune: h.household.commune.name,
        plot: h.plot?.name ?? null,
        expectedUnits: h.expectedUnits,
        stall: stall ? { slug: stall.slug, name: stall.name } : null,
      };
    }),
    collectionPoints: c.collectionPoints.map((p) => ({
      id: p.id,
      name: p.name,
      line: p.line,
      commune: communeName.get(p.communeCode) ?? p.communeCode,
      hours: p.hours,
    })),
    batches: batches.map((b) => ({
      code: b.code,
      lot: b.lot,
      harvestedAt: b.harvestedAt.toISOString(),
    })),
  };
}

export type CampaignPage = Awaited<ReturnType<typeof campaignPage>>;

/** GET /api/campaigns: every open, paused or upcoming campaign whose window has not ended. */
export async function campaignsApi(at: Date, origin: string) {
  const rows = await listedCampaigns(at, { take: 100 });
  return {
    campaigns: await Promise.all(rows.map((c) => campaignJson(c, at, origin))),
    generatedAt: at.toISOString(),
  };
}
