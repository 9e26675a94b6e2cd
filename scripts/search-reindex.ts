// `npm run search:reindex`: rebuilds the products index from the database into
// a fresh index and swaps it in atomically (searches never see a half-built
// index), then rebuilds the SQLite FTS5 fallback. Settings are applied from code.
// Uses DATABASE_URL / MEILI_URL / MEILI_MASTER_KEY like the app (or data/ defaults).
import path from "node:path";
import { loadSecrets, databaseUrlFor, root } from "./lib/stack";

const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, "data"));
const secrets = await loadSecrets(dataDir);
process.env.DATABASE_URL ??= databaseUrlFor(dataDir);
process.env.SESSION_SECRET ??= secrets.sessionSecret;
process.env.MEILI_MASTER_KEY ??= secrets.meiliMasterKey;
if (!process.env.MEILI_URL) {
  // the Meilisearch that `npm start` runs for this data directory
  const log = await import("node:fs/promises").then((fs) =>
    fs.readFile(path.join(dataDir, "meili.log"), "utf8").catch(() => ""),
  );
  const last = [...log.matchAll(/Server listening on:\s*"(http:\/\/[\d.:]+)"/g)].at(-1);
  if (last) process.env.MEILI_URL = last[1];
}
if (!process.env.MEILI_URL) {
  console.error(
    "Set MEILI_URL (and MEILI_MASTER_KEY) or run `npm start` first so its Meilisearch is up.",
  );
  process.exit(1);
}
const { reindexProducts } = await import("../app/search/products.server");
const { rebuildFts } = await import("../app/search/fts.server");
const started = Date.now();
const count = await reindexProducts();
console.log(`search: ${count} products indexed and swapped in (${Date.now() - started} ms)`);
console.log(`search: fallback table rebuilt with ${await rebuildFts()} products`);
const { reindexCampaigns } = await import("../app/harvest/search.server");
console.log(`search: ${await reindexCampaigns()} open harvest campaigns indexed`);
process.exit(0);
