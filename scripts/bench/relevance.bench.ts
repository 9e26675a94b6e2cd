// Search relevance: precision at 5 over a judged set of Vietnamese queries
// (scripts/bench/relevance-judged.json), asked the way a buyer asks, over HTTP
// (GET /api/search) on the demo catalogue of a fresh `npm start`-style stack.
// Precision at 5 of a query = relevant hits among the first five / min(5, relevant
// products in the catalogue). Budget (issue 11): mean ≥ 0.8.
// `npm run bench -- relevance`   (VERBOSE=1 prints every query's top five)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { machine, startBenchStack } from "./buyers-stack";

type Judged = { q: string; kinds: string[]; areas?: string[] };
const { queries } = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "relevance-judged.json"), "utf8"),
) as { queries: Judged[] };

const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi");
const relevant = (j: Judged, name: string) =>
  j.kinds.some((k) => fold(name).startsWith(fold(k))) &&
  (!j.areas || j.areas.some((a) => fold(name).includes(fold(a))));

const started = Date.now();
const stack = await startBenchStack({ MEILI_INDEX_PREFIX: "relevance_" });
try {
  // what the catalogue holds for sale: the denominator of each query
  const db = new Database(stack.env.DATABASE_URL.replace(/^file:/, ""), { readonly: true });
  const forSale = (
    db
      .prepare(
        `SELECT p.name FROM Product p WHERE p.status = 'ACTIVE' AND EXISTS
           (SELECT 1 FROM Variant v WHERE v.productId = p.id AND v.active = 1)`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  db.close();

  const rows: {
    q: string;
    p5: number;
    found: number;
    of: number;
    top: string[];
    total: number;
    precisionAll: number;
  }[] = [];
  for (const j of queries) {
    const ask = (page: number) =>
      fetch(`${stack.baseUrl}/api/search?q=${encodeURIComponent(j.q)}&perPage=96&page=${page}`);
    const res = await ask(1);
    if (!res.ok) throw new Error(`${j.q}: HTTP ${res.status}`);
    const body = (await res.json()) as { hits: { name: string }[]; total: number };
    const top = body.hits.slice(0, 5).map((h) => h.name);
    // every result, for the share of the whole list that is relevant (secondary)
    const all = body.hits.map((h) => h.name);
    for (let page = 2; all.length < body.total && page <= 10; page++)
      all.push(...((await (await ask(page)).json()) as typeof body).hits.map((h) => h.name));
    const of = Math.min(5, forSale.filter((n) => relevant(j, n)).length);
    if (!of) throw new Error(`judged set: nothing in the catalogue is relevant to "${j.q}"`);
    const found = top.filter((n) => relevant(j, n)).length;
    rows.push({
      q: j.q,
      p5: found / of,
      found,
      of,
      top,
      total: body.total,
      precisionAll: all.length ? all.filter((n) => relevant(j, n)).length / all.length : 0,
    });
  }

  const mean = rows.reduce((s, r) => s + r.p5, 0) / rows.length;
  console.log(`machine: ${machine()}`);
  console.log(
    `queries: ${rows.length} (scripts/bench/relevance-judged.json), catalogue: ${forSale.length} products for sale\n`,
  );
  console.log("| query | P@5 | relevant in top 5 | results | relevant among all results |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of rows)
    console.log(
      `| ${r.q} | ${r.p5.toFixed(2)} | ${r.found} of ${r.of} | ${r.total} | ${(100 * r.precisionAll).toFixed(0)} % |`,
    );
  if (process.env.VERBOSE)
    for (const r of rows.filter((r) => r.p5 < 1)) console.log(`\n${r.q}:\n  ${r.top.join("\n  ")}`);
  const perfect = rows.filter((r) => r.p5 === 1).length;
  const meanAll = rows.reduce((s, r) => s + r.precisionAll, 0) / rows.length;
  console.log(
    `\nmean precision at 5: ${mean.toFixed(3)} (budget ≥ 0.8: ${mean >= 0.8 ? "met" : "NOT met"}); ` +
      `${perfect} of ${rows.length} queries perfect; relevant among all results ${(100 * meanAll).toFixed(0)} % ` +
      `(secondary, no budget); ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  process.exitCode = mean >= 0.8 ? 0 : 1;
} finally {
  await stack.stop();
}
