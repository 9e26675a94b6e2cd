// Search latency at 10,000 and 100,000 generated products: p50/p95 of
// GET /api/search over HTTP, and the same queries straight to Meilisearch
// (/multi-search, same body) in the same run. Documents are generated into the
// bench stack's own index (MEILI_INDEX_PREFIX=bench_), never the demo data.
// `npm run bench -- search`   (SIZES=10000,100000 ROUNDS=20 to change)
import { machine, percentile, startBenchStack } from "./buyers-stack";

const SIZES = (process.env.SIZES ?? "10000,100000").split(",").map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const QUERIES = [
  "q=tra+tan+cuong",
  "q=che+moc+cau",
  "q=mat+ong",
  "q=mang+cau",
  "q=che+buop+la+bang&stars=4",
  "q=tan+cuog", // typo
  "q=hong+tra&sort=price_asc",
  "category=che&stars=4&inStock=1",
  "q=nam+huong&cert=VIETGAP",
  "q=gao&priceMax=200000&sort=newest",
  "q=che&page=3",
  "",
];

const stack = await startBenchStack({ MEILI_INDEX_PREFIX: "bench_" });
Object.assign(process.env, stack.env);
const { meili, meiliHttp, indexName } = await import("../../app/search/meili.server");
const { PRODUCTS } = await import("../../app/search/products.server");
const { multiSearchBody } = await import("../../app/search/query.server");
const { parseSearchParams } = await import("../../app/search/params");
const { alsoKnownAs } = await import("../../app/domain/search-terms");

const KINDS = [
  "Chè búp",
  "Chè móc câu",
  "Chè nõn tôm",
  "Chè đinh",
  "Hồng trà",
  "Mật ong hoa rừng",
  "Mật ong bạc hà",
  "Na La Hiên",
  "Gạo Bao thai",
  "Măng khô",
  "Nấm hương rừng",
  "Bánh chưng",
  "Miến dong",
  "Trà xanh túi lọc",
  "Bưởi Diễn",
];
const AREAS = [
  "Tân Cương",
  "La Bằng",
  "Trại Cài",
  "Khe Cốc",
  "Phúc Thuận",
  "Sảng Mộc",
  "Võ Nhai",
  "Định Hóa",
  "Đại Từ",
  "Phú Lương",
  "Đồng Hỷ",
  "Bình Thành",
];
const CATS: Record<string, string> = {
  Chè: "che",
  Hồng: "che",
  Trà: "che",
  Mật: "mat-ong",
  Na: "trai-cay",
  Bưởi: "trai-cay",
  Gạo: "gao",
};
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Vũ", "Đặng", "Bùi", "Hà"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dung",
  "Hà",
  "Hạnh",
  "Hùng",
  "Lan",
  "Minh",
  "Nga",
  "Phúc",
  "Thảo",
];

function rng(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

function docs(from: number, count: number) {
  const r = rng(from + 7);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const kind = KINDS[i % KINDS.length];
    const area = AREAS[Math.floor(r() * AREAS.length)];
    const name = `${kind} ${area}${i % 3 ? "" : ` loại ${1 + (i % 4)}`}`;
    const price = 30000 + Math.floor(r() * 120) * 5000;
    const stars = i % 4 === 1 ? [3, 4, 5][i % 3] : null;
    const coop = i % 2 ? `HTX ${kind.split(" ")[0]} ${area}` : null;
    return {
      id: `b${i}`,
      slug: `bench-${i}`,
      name,
      nameEn: null,
      keywords: alsoKnownAs(name),
      description: `${name}: sản phẩm của hộ sản xuất ở ${area}, Thái Nguyên. Thu hái, chế biến thủ công.`,
      category: kind,
      categorySlug: CATS[kind.split(" ")[0]] ?? "dac-san",
      stallId: `s${i % 2000}`,
      stallName: `Nhà ${GIVEN[i % GIVEN.length]} ${area}`,
      stallSlug: `s${i % 2000}`,
      stallVerified: i % 7 !== 0,
      cooperative: coop,
      producer: `Hộ ${FAMILY[i % FAMILY.length]} Văn ${GIVEN[(i * 7) % GIVEN.length]}`,
      commune: area,
      priceMin: price,
      priceMax: price * 3,
      inStock: i % 13 !== 0,
      ocopStars: stars,
      certifications: [...(stars ? ["OCOP"] : []), ...(i % 5 === 0 ? ["VIETGAP"] : [])],
      photo: null,
      publishedAt: Date.UTC(2026, 0, 1) + i * 60_000,
    };
  });
}

async function measure(label: string, fn: (qs: string) => Promise<unknown>) {
  for (const qs of QUERIES) await fn(qs); // warm up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const qs of QUERIES) {
      const t0 = performance.now();
      await fn(qs);
      times.push(performance.now() - t0);
    }
  times.sort((a, b) => a - b);
  return { label, n: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

try {
  const client = meili()!;
  const uid = indexName(PRODUCTS);
  const index = client.index(uid);
  const wait = async (p: Promise<{ taskUid: number }>) => {
    const task = await client.tasks.waitForTask((await p).taskUid, {
      timeout: 1_800_000,
      interval: 200,
    });
    if (task.status !== "succeeded") throw new Error(`${task.status}: ${task.error?.message}`);
  };
  await wait(index.deleteAllDocuments());
  console.log(`machine: ${machine()}`);
  let indexed = 0;
  const rows: string[] = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    for (let i = indexed; i < size; i += 10_000)
      await wait(index.addDocuments(docs(i, Math.min(10_000, size - i))));
    const indexSecs = (performance.now() - t0) / 1000;
    indexed = size;
    const stats = await index.getStats();
    console.log(
      `\n${stats.numberOfDocuments} documents (added ${size - (indexed === size ? 0 : 0)} in ${indexSecs.toFixed(1)} s)`,
    );
    const api = await measure("GET /api/search (HTTP, app)", async (qs) => {
      const res = await fetch(`${stack.baseUrl}/api/search?${qs}`);
      if (!res.ok || res.headers.get("X-Search-Engine") !== "meilisearch")
        throw new Error(`api ${res.status} ${res.headers.get("X-Search-Engine")}`);
      await res.arrayBuffer();
    });
    const direct = await measure("POST /multi-search (HTTP, Meilisearch)", async (qs) => {
      const body = {
        queries: multiSearchBody(parseSearchParams(new URLSearchParams(qs)), uid).queries,
      };
      // the app's own HTTP client (Node's fetch stalls ~44 ms per call to Meilisearch: see meili.server.ts)
      await meiliHttp(`${stack.env.MEILI_URL}/multi-search`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${stack.env.MEILI_MASTER_KEY}`,
        },
        body: JSON.stringify(body),
      });
    });
    for (const m of [api, direct])
      console.log(`  ${m.label}: n=${m.n} p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms`);
    console.log(
      `  overhead p95 ${(api.p95 / direct.p95).toFixed(2)}x, p50 ${(api.p50 / direct.p50).toFixed(2)}x (budget: p95 < 50 ms, < 1.5x)`,
    );
    rows.push(
      `| ${stats.numberOfDocuments} | ${indexSecs.toFixed(0)} s | ${api.p50.toFixed(1)} | ${api.p95.toFixed(1)} | ${direct.p50.toFixed(1)} | ${direct.p95.toFixed(1)} | ${(api.p95 / direct.p95).toFixed(2)}x |`,
    );
  }
  console.log(
    "\n| products | indexing | /api/search p50 ms | p95 ms | Meilisearch p50 ms | p95 ms | p95 ratio |\n| --- | --- | --- | --- | --- | --- | --- |",
  );
  console.log(rows.join("\n"));
  await stack.stop();
  process.exit(0);
} catch (e) {
  console.error(e);
  await stack.stop();
  process.exit(1);
}
