// Harvest campaigns in search: a small Meilisearch index of its own
// (`campaigns`), holding only the campaigns buyers may see (open or paused,
// window not over). Kept fresh three ways: a `search.campaign` outbox row
// written with each change (app/search/worker.server.ts pushes it), a
// reindex at start and with `npm run search:reindex`, and a job that notices
// when the set of listed campaigns differs from what was last pushed (a
// window ends with no event at all).
import { alsoKnownAs, synonymMap } from "~/domain/search-terms";
import { indexName, meili } from "~/search/meili.server";
import { fold } from "~/search/params";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { LISTED_STATUSES } from "./campaign-page.server";
import { localDay } from "./rules/preorder";

export const CAMPAIGNS = "campaigns";

export type CampaignDocument = {
  id: string;
  slug: string;
  title: string;
  product: string;
  productEn: string | null;
  keywords: string[];
  stallName: string;
  cooperative: string | null;
  commune: string;
  status: string;
  priceVnd: number;
  unitLabel: string;
  firstDay: string;
  lastDay: string;
  photo: { hash: string; placeholder: string } | null;
};

const settings = {
  searchableAttributes: [
    "title",
    "product",
    "keywords",
    "productEn",
    "stallName",
    "cooperative",
    "commune",
  ],
  filterableAttributes: ["status"],
  sortableAttributes: ["firstDay"],
  synonyms: synonymMap(),
  typoTolerance: { minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
};

const select = {
  id: true,
  slug: true,
  title: true,
  status: true,
  priceVnd: true,
  unitLabel: true,
  firstDay: true,
  lastDay: true,
  updatedAt: true,
  product: {
    select: {
      name: true,
      nameEn: true,
      photos: {
        select: { hash: true, placeholder: true },
        orderBy: { position: "asc" as const },
        take: 1,
      },
    },
  },
  stall: {
    select: {
      name: true,
      banned: true,
      commune: { select: { name: true } },
      cooperative: { select: { name: true } },
    },
  },
  cooperative: { select: { name: true } },
};

type Row = NonNullable<Awaited<ReturnType<typeof loadRows>>>[number];

function loadRows(where: { id?: { in: string[] } }) {
  return prisma.harvestCampaign.findMany({ where, select, orderBy: { id: "asc" } });
}

/** Would a buyer see this campaign in lists and search right now? */
export function isListedCampaign(
  c: { status: string; lastDay: string; stall: { banned: boolean } },
  at: Date,
): boolean {
  return (
    (LISTED_STATUSES as readonly string[]).includes(c.status) &&
    c.lastDay >= localDay(at) &&
    !c.stall.banned
  );
}

function toDocument(c: Row): CampaignDocument {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    product: c.product.name,
    productEn: c.product.nameEn,
    keywords: alsoKnownAs(`${c.title} ${c.product.name}`),
    stallName: c.stall.name,
    cooperative: c.cooperative?.name ?? c.stall.cooperative?.name ?? null,
    commune: c.stall.commune.name,
    status: c.status,
    priceVnd: c.priceVnd,
    unitLabel: c.unitLabel,
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    photo: c.product.photos[0] ?? null,
  };
}

/** Current documents for these campaigns: listed ones to upsert, the rest (closed, cancelled, over, gone) to delete. */
export async function campaignDocumentsFor(ids: string[], at = now()) {
  const rows = ids.length ? await loadRows({ id: { in: ids } }) : [];
  const upserts = rows.filter((r) => isListedCampaign(r, at)).map(toDocument);
  const keep = new Set(upserts.map((d) => d.id));
  return { upserts, deletes: ids.filter((id) => !keep.has(id)) };
}

async function waitFor(taskUid: number) {
  const client = meili();
  if (!client) return;
  const task = await client.tasks.waitForTask(taskUid, { timeout: 60_000, interval: 50 });
  if (task.status !== "succeeded")
    throw new Error(`Meilisearch task ${taskUid} ${task.status}: ${task.error?.message}`);
}

export async function applyCampaignSettings() {
  const client = meili();
  if (!client) return;
  await waitFor(
    (await client.createIndex(indexName(CAMPAIGNS), { primaryKey: "id" })).taskUid,
  ).catch(() => undefined);
  await waitFor((await client.index(indexName(CAMPAIGNS)).updateSettings(settings)).taskUid);
}

async function push(upserts: CampaignDocument[], deletes: string[]) {
  const client = meili();
  if (!client) return;
  const index = client.index(indexName(CAMPAIGNS));
  if (upserts.length) await waitFor((await index.addDocuments(upserts)).taskUid);
  if (deletes.length) await waitFor((await index.deleteDocuments(deletes)).taskUid);
}

/** The outbox worker's part: re-read these campaigns and upsert or remove their documents (throws if Meilisearch is down, so the rows are retried). */
export async function syncCampaigns(ids: string[]) {
  if (!ids.length) return;
  const { upserts, deletes } = await campaignDocumentsFor([...new Set(ids)]);
  await push(upserts, deletes);
}

const g = globalThis as unknown as { __campaignsPushed?: string };

/**
 * Every campaign listed now goes in; every document of one that is not comes
 * out (upsert first, then delete: searches never see an empty index). Returns
 * how many are listed.
 */
export async function reindexCampaigns(at = now()): Promise<number> {
  const client = meili();
  if (!client) return 0;
  await applyCampaignSettings();
  const rows = await loadRows({});
  const docs = rows.filter((r) => isListedCampaign(r, at)).map(toDocument);
  const keep = new Set(docs.map((d) => d.id));
  const indexed = await client
    .index(indexName(CAMPAIGNS))
    .getDocuments({ fields: ["id"], limit: 10_000 });
  const stale = indexed.results.map((d) => String(d.id)).filter((id) => !keep.has(id));
  await push(docs, stale);
  g.__campaignsPushed = fingerprint(rows, at);
  return docs.length;
}

function fingerprint(
  rows: {
    id: string;
    status: string;
    lastDay: string;
    updatedAt: Date;
    stall: { banned: boolean };
  }[],
  at: Date,
) {
  return rows
    .filter((r) => isListedCampaign(r, at))
    .map((r) => `${r.id}@${r.updatedAt.getTime()}`)
    .join(",");
}

/** The job: reindex only when the listed set (or one of its campaigns) changed since the last push. */
export async function campaignSearchJob(at = now()) {
  if (!meili()) return 0;
  const rows = await prisma.harvestCampaign.findMany({
    select: {
      id: true,
      status: true,
      lastDay: true,
      updatedAt: true,
      stall: { select: { banned: true } },
    },
    orderBy: { id: "asc" },
  });
  if (fingerprint(rows, at) === g.__campaignsPushed) return 0;
  return reindexCampaigns(at);
}

export type CampaignHit = Pick<
  CampaignDocument,
  | "slug"
  | "title"
  | "product"
  | "stallName"
  | "commune"
  | "status"
  | "priceVnd"
  | "unitLabel"
  | "firstDay"
  | "lastDay"
  | "photo"
>;

const RETRIEVE = [
  "slug",
  "title",
  "product",
  "stallName",
  "commune",
  "status",
  "priceVnd",
  "unitLabel",
  "firstDay",
  "lastDay",
  "photo",
];

/** Campaigns matching the words (Meilisearch; the database when it is down). Empty query: none. */
export async function searchCampaigns(q: string, limit = 4): Promise<CampaignHit[]> {
  const words = q.trim();
  if (!words) return [];
  const client = meili();
  if (client) {
    try {
      const res = await client
        .index(indexName(CAMPAIGNS))
        .search(words, { limit, attributesToRetrieve: RETRIEVE });
      return res.hits as unknown as CampaignHit[];
    } catch {
      // fall through to the database: a handful of rows
    }
  }
  const at = now();
  const rows = (await loadRows({})).filter((r) => isListedCampaign(r, at));
  const terms = fold(words).split(/\s+/).filter(Boolean);
  return rows
    .map(toDocument)
    .filter((d) => {
      const body = fold(
        [
          d.title,
          d.product,
          d.keywords.join(" "),
          d.stallName,
          d.cooperative ?? "",
          d.commune,
        ].join(" "),
      );
      return terms.every((w) => body.includes(w));
    })
    .slice(0, limit);
}
