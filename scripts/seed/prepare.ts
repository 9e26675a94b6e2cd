// Run by `npm start` (and the test harness) after migrating: load the national units
// list, seed an empty database, apply search settings, and build the index when it is missing.
import { indexName, meili } from "../../app/search/meili.server";
import { applyProductSettings, PRODUCTS, reindexProducts } from "../../app/search/products.server";
import { reindexCampaigns } from "../../app/harvest/search.server";
import { loadUnits } from "../../app/places/units.server";
import { dbReady, prisma } from "../../app/utils/db.server";
import { seed } from "./index";

export async function prepareData(log: (m: string) => void = console.log) {
  await dbReady;
  // the national units list: written on a new database or a new edition, else nothing
  const units = await loadUnits();
  if (units.created + units.updated + units.retired)
    log(
      `places: units of ${units.effective}: ${units.created} new, ${units.updated} changed, ${units.retired} retired`,
    );
  const empty = (await prisma.user.count()) === 0;
  // demo data goes into an empty embedded database; an external one (PostgreSQL) only with SEED=true
  const demo = process.env.SEED
    ? process.env.SEED === "true"
    : !/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "");
  if (empty && demo) await seed(log);
  const client = meili();
  if (!client) return;
  await applyProductSettings();
  const stats = await client
    .index(indexName(PRODUCTS))
    .getStats()
    .catch(() => null);
  if (empty || !stats || stats.numberOfDocuments === 0) {
    log(`search: indexed ${await reindexProducts()} products`);
  }
  // a handful of documents: always rebuilt, so a campaign that closed while the app was down leaves search
  log(`search: indexed ${await reindexCampaigns()} harvest campaigns`);
}
