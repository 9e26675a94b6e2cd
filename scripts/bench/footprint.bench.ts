// Memory footprint of the whole stack (issue 15): starts it as `npm start` does
// (temp data, free port, production build, background jobs), replays a compressed
// day of a small cooperative over HTTP — product edits through the console form
// (session + CSRF), searches (search page and /api/search), guest orders (cart +
// COD checkout), label sheets (PDF) and phone-photo uploads — while sampling the
// resident memory (VmRSS, and its anonymous part, from /proc/<pid>/status) of every
// process the supervisor runs. Then it waits for search indexing to settle, checks the
// index matches the database, and reports peak and final per process and in total.
// Budget: whole stack < 600 MB at the end, < 800 MB at peak; Meilisearch < 300 MB.
// `npm run bench -- footprint`   (SCALE=0.2 for a quick run; EDITS=, SEARCHES=,
// ORDERS=, LABELS=, PHOTOS= to set one count)
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { phonePhoto } from "../../tests/fixtures/make-fixtures";
import { machine, startBenchStack } from "./buyers-stack";

const SCALE = Number(process.env.SCALE ?? 1);
const MINUTES = Number(process.env.MINUTES ?? 15); // time cap for the replay (about 6 min on an idle 2-core box)
const count = (name: string, n: number) =>
  Number(process.env[name] ?? Math.max(1, Math.round(n * SCALE)));
const N = {
  edits: count("EDITS", 2000),
  searches: count("SEARCHES", 5000),
  orders: count("ORDERS", 500),
  labels: count("LABELS", 60),
  photos: count("PHOTOS", 40),
};
const MB = 1024 * 1024;
const BUDGET = { totalFinal: 600, totalPeak: 800, meili: 300 };
const MANAGER = "0912000003"; // the cooperative manager of the demo data (HTX Chè Hảo Đạt)
const PASSWORD = "xutra-demo-2026";
const QUERIES = [
  "tra tan cuong",
  "che moc cau",
  "mat ong",
  "mang cau",
  "na la hien",
  "tan cuog",
  "hong tra",
  "gao bao thai",
  "che",
  "nam huong",
  "che thai nguyen",
  "bánh chưng",
  "trà xanh",
  "dai tu",
  "",
];

// ---------------------------------------------------------------- memory sampling
type Role = "supervisor" | "app" | "meilisearch" | "stripe-local";
type Sample = { at: number; rss: Record<string, number>; anon: Record<string, number> };

async function status(pid: number): Promise<{ rss: number; anon: number } | null> {
  const text = await fs.readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  if (!text) return null;
  const kb = (k: string) =>
    Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), anon: kb("RssAnon") };
}

/** The supervisor's long-lived children, named by what they run. */
async function stackProcesses(supervisor: number): Promise<Map<Role, number>> {
  const found = new Map<Role, number>([["supervisor", supervisor]]);
  for (const entry of await fs.readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid !== supervisor) continue;
    const cmd = (await fs.readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => ""))
      .split("\0")
      .join(" ");
    if (/meilisearch/.test(cmd)) found.set("meilisearch", Number(entry));
    else if (/stripe-local/.test(cmd)) found.set("stripe-local", Number(entry));
    else if (/server\.ts|app-server\.mjs/.test(cmd)) found.set("app", Number(entry));
  }
  return found;
}

function sampler(supervisor: number, everyMs = 500) {
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const procs = await stackProcesses(supervisor);
      const s: Sample = { at: Date.now(), rss: {}, anon: {} };
      for (const [role, pid] of procs) {
        const m = await status(pid);
        if (!m) continue;
        s.rss[role] = m.rss;
        s.anon[role] = m.anon;
      }
      samples.push(s);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return { samples, stop: async () => ((stopped = true), await loop) };
}

// ---------------------------------------------------------------- HTTP as a browser
type Session = { cookie: string; csrf: string };
const jar = (prev: string, res: Response) => {
  const cookies = new Map(
    prev
      .split("; ")
      .filter(Boolean)
      .map((kv) => [kv.split("=")[0], kv] as const),
  );
  for (const sc of res.headers.getSetCookie()) cookies.set(sc.split("=")[0], sc.split(";")[0]);
  return [...cookies.values()].join("; ");
};
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
const failures: string[] = [];
const fail = (what: string) => void (failures.length < 20 && failures.push(what));

/**
 * The day's requests interleaved in proportion (the k-th of n of each kind sits at
 * k/n of the day), `parallel` at a time, until done or the time cap: a capped run
 * still replays the same mix, only less of it.
 */
async function replayDay(
  kinds: Record<string, { n: number; run: (i: number) => Promise<void> }>,
  parallel: number,
  deadline: number,
) {
  const queue = Object.entries(kinds)
    .flatMap(([kind, { n }]) =>
      Array.from({ length: n }, (_, i) => ({ kind, i, at: (i + 0.5) / n })),
    )
    .sort((a, b) => a.at - b.at);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < queue.length && Date.now() < deadline) {
        const { kind, i } = queue[next++];
        await kinds[kind].run(i);
      }
    }),
  );
  return next >= queue.length;
}

const stack = await startBenchStack();
const base = stack.baseUrl;
const lock = JSON.parse(await fs.readFile(path.join(stack.dataDir, "xutra.lock"), "utf8")) as {
  pid: number;
};
const memory = sampler(lock.pid);
const startedAt = Date.now();
const done: Record<string, number> = { edits: 0, searches: 0, orders: 0, labels: 0, photos: 0 };

try {
  const db = new Database(path.join(stack.dataDir, "app.db"), { readonly: true });
  const manager = db
    .prepare("SELECT id, cooperativeId FROM User WHERE phone LIKE ?")
    .get(`%${MANAGER.slice(1)}`) as { id: string; cooperativeId: string };
  const stalls = (
    db.prepare("SELECT id FROM Stall WHERE cooperativeId = ?").all(manager.cooperativeId) as {
      id: string;
    }[]
  ).map((s) => s.id);
  const products = db
    .prepare(
      `SELECT id, name, description, categoryId, householdId, perishable FROM Product WHERE stallId IN (${stalls.map(() => "?").join(",")}) AND status = 'ACTIVE' ORDER BY id`,
    )
    .all(...stalls) as {
    id: string;
    name: string;
    description: string;
    categoryId: string | null;
    householdId: string | null;
    perishable: number;
  }[];
  const batches = db
    .prepare(
      `SELECT id, stallId FROM Batch WHERE stallId IN (${stalls.map(() => "?").join(",")}) ORDER BY id`,
    )
    .all(...stalls) as { id: string; stallId: string }[];
  const forSale = db
    .prepare(
      "SELECT v.id, p.slug FROM Variant v JOIN Product p ON p.id = v.productId JOIN Stall s ON s.id = p.stallId WHERE p.status = 'ACTIVE' AND v.active = 1 AND v.stock > 0 AND s.banned = 0 ORDER BY v.id",
    )
    .all() as { id: string; slug: string }[];
  if (!products.length || !forSale.length)
    throw new Error("the demo data has no cooperative products to edit or nothing for sale");
  console.log(`machine: ${machine()}`);
  console.log(
    `stack: supervisor pid ${lock.pid}, ${base}; cooperative: ${stalls.length} stall(s), ${products.length} active products, ${batches.length} batches`,
  );
  console.log(
    `replaying: ${N.edits} product edits, ${N.searches} searches, ${N.orders} orders, ${N.labels} label sheets, ${N.photos} photo uploads`,
  );

  // the manager logs in once, as in a browser
  const loginPage = await fetch(`${base}/login`);
  let cookie = jar("", loginPage);
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      csrf: csrfIn(await loginPage.text()),
      phone: MANAGER,
      password: PASSWORD,
    }),
  });
  if (login.status !== 302) throw new Error(`manager login: ${login.status}`);
  cookie = jar(cookie, login);
  const consolePage = await fetch(`${base}/console/products/${products[0].id}`, {
    headers: { Cookie: cookie },
  });
  const mgr: Session = { cookie, csrf: csrfIn(await consolePage.text()) };
  if (consolePage.status !== 200 || !mgr.csrf) throw new Error(`console: ${consolePage.status}`);

  const variantsOf = db.prepare(
    "SELECT id, label, weightGrams, priceVnd, stock, gtin, sku FROM Variant WHERE productId = ? AND active = 1 ORDER BY position",
  );
  const certsOf = db.prepare("SELECT id FROM Certification WHERE productId = ?");
  const lastPrice = new Map<string, number>(); // product -> cheapest price after our edits

  const edit = async (i: number) => {
    const p = products[i % products.length];
    if (i % 10 === 0)
      await (
        await fetch(`${base}/console/products/${p.id}`, { headers: { Cookie: mgr.cookie } })
      ).arrayBuffer(); // opens the form now and then
    const form = new URLSearchParams({
      csrf: mgr.csrf,
      intent: "publish",
      name: p.name,
      description: `${p.description.replace(/ \(cập nhật \d+\)$/, "")} (cập nhật ${i})`,
    });
    if (p.categoryId) form.set("categoryId", p.categoryId);
    if (p.householdId) form.set("householdId", p.householdId);
    if (p.perishable) form.set("perishable", "on");
    for (const c of certsOf.all(p.id) as { id: string }[]) form.append("certificationIds", c.id);
    const variants = variantsOf.all(p.id) as {
      id: string;
      label: string;
      weightGrams: number | null;
      priceVnd: number;
      stock: number;
      gtin: string | null;
      sku: string | null;
    }[];
    const prices: number[] = [];
    variants.forEach((v, k) => {
      const price = Math.round(v.priceVnd / 1000) * 1000 + (i % 7) * 1000; // the price moves a little on every save
      prices.push(price);
      const f = (name: string, value: string | number | null) =>
        form.set(`variants[${k}].${name}`, value == null ? "" : String(value));
      for (const [name, value] of Object.entries({
        id: v.id,
        label: v.label,
        weightGrams: v.weightGrams,
        price,
        stockBase: v.stock,
        stock: v.stock + 3,
        gtin: v.gtin,
        sku: v.sku,
      }))
        f(name, value);
    });
    const res = await fetch(`${base}/console/products/${p.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: mgr.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    await res.arrayBuffer();
    if (res.status !== 302) return fail(`edit ${p.id}: ${res.status}`);
    done.edits++;
    lastPrice.set(p.id, Math.min(...prices));
  };

  const search = async (i: number) => {
    const q = QUERIES[i % QUERIES.length];
    const qs = new URLSearchParams(q ? { q } : {});
    if (i % 5 === 1) qs.set("stars", "4");
    if (i % 9 === 2) qs.set("page", "2");
    const url = i % 2 ? `${base}/api/search?${qs}` : `${base}/search?${qs}`;
    const res = await fetch(url, { headers: { "Accept-Language": "vi" } });
    await res.arrayBuffer();
    if (res.ok) done.searches++;
    else fail(`search ${url}: ${res.status}`);
  };

  const order = async (i: number) => {
    const v = forSale[(i * 7) % forSale.length];
    const page = await fetch(`${base}/products/${v.slug}`);
    const csrf = csrfIn(await page.text());
    let c = jar("", page);
    const add = await fetch(`${base}/cart`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: c, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        csrf,
        intent: "add",
        variantId: v.id,
        quantity: "1",
        returnTo: "/",
      }),
    });
    await add.arrayBuffer();
    c = jar(c, add);
    const res = await fetch(`${base}/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: c, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        csrf,
        recipient: `Khách ${i}`,
        phone: `0987${String(100000 + i).slice(-6)}`,
        line: "Xóm Chợ",
        provinceCode: "19",
        communeCode: "05740",
        paymentMethod: "COD",
        idempotencyKey: randomUUID(),
      }),
    });
    await res.arrayBuffer();
    if (res.status === 302 && res.headers.get("location")?.startsWith("/checkout/")) done.orders++;
    else fail(`order ${v.slug}: ${res.status} ${res.headers.get("location") ?? ""}`);
  };

  const labels = async (i: number) => {
    if (!batches.length) return;
    const b = batches[i % batches.length];
    const res = await fetch(
      `${base}/console/stalls/${b.stallId}/batches/${b.id}/labels?format=pdf&size=${i % 2 ? "30x30" : "50x30"}`,
      { headers: { Cookie: mgr.cookie } },
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    if (res.ok && pdf.subarray(0, 4).toString() === "%PDF") done.labels++;
    else fail(`labels ${b.id}: ${res.status}`);
  };

  const photo = await phonePhoto(4000, 3000, 88); // a 12 MP phone photo
  const photoId = db.prepare(
    "SELECT id FROM Photo WHERE productId = ? ORDER BY createdAt DESC LIMIT 1",
  );
  const upload = async (i: number) => {
    const p = products[i % products.length];
    const body = new FormData();
    body.set("csrf", mgr.csrf);
    // a different photo each time (the pipeline would reuse a stored duplicate)
    body.set(
      "photo",
      new Blob([new Uint8Array(Buffer.concat([photo, Buffer.from(`xutra-${i}-${Date.now()}`)]))], {
        type: "image/jpeg",
      }),
      `IMG_${1000 + i}.jpg`,
    );
    const res = await fetch(`${base}/console/products/${p.id}/photos`, {
      method: "POST",
      headers: { Cookie: mgr.cookie, "X-Requested-With": "XMLHttpRequest" },
      body,
    });
    const answer = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
    if (!answer.ok) return fail(`photo ${p.id}: ${res.status} ${answer.error ?? ""}`);
    done.photos++;
    // and takes the new one off again, so the listing keeps its usual photos
    const added = photoId.get(p.id) as { id: string } | undefined;
    if (added) {
      const rm = await fetch(`${base}/console/products/${p.id}/photos`, {
        method: "POST",
        headers: {
          Cookie: mgr.cookie,
          "X-Requested-With": "XMLHttpRequest",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ csrf: mgr.csrf, _action: "remove", photoId: added.id }),
      });
      await rm.arrayBuffer();
    }
  };

  // everyone works at once, as on a market day
  const progress = setInterval(
    () =>
      console.log(
        `  ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${Object.entries(done)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      ),
    30_000,
  );
  const whole = await replayDay(
    {
      edits: { n: N.edits, run: edit },
      searches: { n: N.searches, run: search },
      orders: { n: N.orders, run: order },
      labels: { n: N.labels, run: labels },
      photos: { n: N.photos, run: upload },
    },
    6,
    startedAt + MINUTES * 60_000,
  );
  clearInterval(progress);
  const replayed = (Date.now() - startedAt) / 1000;

  // let the outbox and Meilisearch finish, then check the index says what the database says
  const meiliGet = async (p: string) =>
    (
      await fetch(`${stack.env.MEILI_URL}${p}`, {
        headers: { Authorization: `Bearer ${stack.env.MEILI_MASTER_KEY}` },
      })
    ).json() as Promise<Record<string, unknown>>;
  const settleBy = Date.now() + 120_000;
  for (;;) {
    const pendingOutbox = (
      db.prepare("SELECT COUNT(*) n FROM Outbox WHERE processedAt IS NULL").get() as { n: number }
    ).n;
    const tasks = (await meiliGet("/tasks?statuses=enqueued,processing&limit=1")) as {
      total?: number;
    };
    if ((!pendingOutbox && !tasks.total) || Date.now() > settleBy) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  let mismatched = 0;
  for (const [id, price] of lastPrice) {
    const doc = await meiliGet(`/indexes/xutra_products/documents/${id}`);
    if (doc.priceMin === price) continue;
    mismatched++;
    fail(`index: ${id} priceMin ${String(doc.priceMin)} != ${price}`);
  }
  await new Promise((r) => setTimeout(r, 10_000)); // the final figure is after a quiet spell
  await memory.stop();
  db.close();

  const { samples } = memory;
  const roles: Role[] = ["app", "meilisearch", "stripe-local", "supervisor"];
  const total = (s: Sample, k: "rss" | "anon", only?: Role[]) =>
    (only ?? roles).reduce((n, r) => n + (s[k][r] ?? 0), 0);
  const mb = (n: number) => (n / MB).toFixed(0);
  const peak = (f: (s: Sample) => number) => Math.max(...samples.map(f));
  const last = samples.at(-1)!;
  console.log(
    `\nreplayed in ${replayed.toFixed(0)} s: ${Object.entries(done)
      .map(([k, v]) => `${k} ${v}/${N[k as keyof typeof N]}`)
      .join(
        ", ",
      )}; index matches the database for ${lastPrice.size - mismatched}/${lastPrice.size} edited products`,
  );
  if (failures.length)
    console.log(`failures (first ${failures.length}):\n  ${failures.join("\n  ")}`);
  console.log(`samples: ${samples.length} every 0.5 s`);
  // over time: does anything keep growing? (RSS in MB, one sample a minute)
  const minute = (s: Sample) => Math.floor((s.at - samples[0].at) / 60_000);
  const minutes = samples.filter(
    (s, k) => k === 0 || k === samples.length - 1 || minute(s) !== minute(samples[k - 1]),
  );
  console.log(
    `over time (min: app / Meilisearch MB): ${minutes.map((s) => `${((s.at - samples[0].at) / 60_000).toFixed(0)}: ${mb(s.rss.app ?? 0)} / ${mb(s.rss.meilisearch ?? 0)}`).join(", ")}\n`,
  );
  console.log(
    "| process | peak RSS MB | final RSS MB | final anonymous MB |\n| --- | --- | --- | --- |",
  );
  for (const r of roles)
    console.log(
      `| ${r} | ${mb(peak((s) => s.rss[r] ?? 0))} | ${mb(last.rss[r] ?? 0)} | ${mb(last.anon[r] ?? 0)} |`,
    );
  const served = (s: Sample, k: "rss" | "anon") =>
    total(s, k, ["app", "meilisearch", "stripe-local"]);
  console.log(
    `| **stack** (app + Meilisearch + Stripe test server) | **${mb(peak((s) => served(s, "rss")))}** | **${mb(served(last, "rss"))}** | ${mb(served(last, "anon"))} |`,
  );
  console.log(
    `| all, with the supervisor | ${mb(peak((s) => total(s, "rss")))} | ${mb(total(last, "rss"))} | ${mb(total(last, "anon"))} |`,
  );
  const verdict = [
    [
      `stack final ${mb(served(last, "rss"))} MB < ${BUDGET.totalFinal} MB`,
      served(last, "rss") < BUDGET.totalFinal * MB,
    ],
    [
      `stack peak ${mb(peak((s) => served(s, "rss")))} MB < ${BUDGET.totalPeak} MB`,
      peak((s) => served(s, "rss")) < BUDGET.totalPeak * MB,
    ],
    [
      `Meilisearch peak ${mb(peak((s) => s.rss.meilisearch ?? 0))} MB < ${BUDGET.meili} MB`,
      peak((s) => s.rss.meilisearch ?? 0) < BUDGET.meili * MB,
    ],
    [`every request succeeded and the index is right`, failures.length === 0],
    [
      whole
        ? "the whole day was replayed"
        : `only part of the day was replayed within MINUTES=${MINUTES} (a busy machine: allow more)`,
      whole,
    ],
  ] as const;
  console.log("");
  for (const [what, ok] of verdict) console.log(`${ok ? "OK  " : "OVER"} ${what}`);
  await stack.stop();
  process.exit(verdict.every(([, ok]) => ok) ? 0 : 1);
} catch (e) {
  console.error(e);
  await memory.stop();
  await stack.stop();
  process.exit(1);
}
