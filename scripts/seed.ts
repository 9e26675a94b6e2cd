// `npm run seed`: create the demo data (idempotent) and refresh the search index.
// `npm run seed -- --scale province`: and the province-sized dataset on top (scripts/seed/province.ts).
import path from "node:path";
import { databaseUrlFor, loadSecrets, root } from "./lib/stack";

const scale = process.argv.includes("--scale")
  ? process.argv[process.argv.indexOf("--scale") + 1]
  : null;
if (scale && scale !== "province") {
  console.error(`--scale: only "province" is known (got ${scale ?? "nothing"})`);
  process.exit(2);
}

const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, "data"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL ??= databaseUrlFor(dataDir);
process.env.SESSION_SECRET ??= (await loadSecrets(dataDir)).sessionSecret;

const { seed } = await import("./seed/index");
const { reindexProducts } = await import("../app/search/products.server");
const { dbReady } = await import("../app/utils/db.server");
await dbReady;
await (await import("../app/places/units.server")).loadUnits();
await seed();
if (scale) await (await import("./seed/province")).seedProvinceScale((s) => console.log(s));
if (process.env.MEILI_URL) console.log(`search: indexed ${await reindexProducts()} products`);
else
  console.log(
    "search: MEILI_URL not set; run `npm run search:reindex` against a running Meilisearch, or `npm start` which indexes at start.",
  );
process.exit(0);
