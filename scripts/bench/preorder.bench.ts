// Harvest pre-order rush: a campaign opens and 500 logged-in buyers pre-order at
// once over HTTP (the real stack, as `npm start` runs it). Some ask over the cap
// (must be refused with the translated message), some double-submit one form
// (one pre-order), some send two different forms at once (one pre-order, the
// other told they already have one). Checks: every request answered, nobody over
// the cap, one pre-order per buyer, the book equals what was accepted, one SMS per
// pre-order. Reports requests/s and latency p50/p95/max.
// `npm run bench -- preorder`  (BUYERS=500 by default)
// Two scenarios: all requests at the same moment (the default, the hardest case), or
// `SPREAD_MS=2500 npm run bench -- preorder`: an open-loop arrival, request i sent at
// i/N of that time whatever the answers ("500 buyers within a few seconds": 200/s).
import { randomUUID } from "node:crypto";
import os from "node:os";
import { appCpuMs, machine, percentile, startBenchStack } from "./buyers-stack";

const BUYERS = Number(process.env.BUYERS ?? 500);
const CAP = 3;
const BUDGET = { rps: 200, p95Ms: 1000 };
const SPREAD_MS = Number(process.env.SPREAD_MS ?? 0);

const stack = await startBenchStack();
Object.assign(process.env, stack.env);
const { prisma, dbReady } = await import("../../app/utils/db.server");
await dbReady;
const { csrfToken } = await import("../../app/utils/csrf.server");
const { sessionCookie } = await import("../../app/utils/session.server");
const { addDays, localDay, dayStart } = await import("../../app/harvest/rules/preorder");

try {
  const tag = `rush-${Date.now().toString(36)}`;
  // real time: the stack's clock is not moved, so the window starts the day after tomorrow
  const today = localDay(new Date());
  const firstDay = addDays(today, 2);
  const lastDay = addDays(firstDay, 9);
  const stall = await prisma.stall.findUniqueOrThrow({
    where: { id: "stall-coop-na-la-hien" },
    include: { products: { take: 1, orderBy: { id: "asc" } } },
  });
  const campaign = await prisma.harvestCampaign.create({
    data: {
      slug: `na-la-hien-${tag}`,
      title: "Na La Hiên mở đặt trước",
      stallId: stall.id,
      cooperativeId: stall.cooperativeId,
      productId: stall.products[0].id,
      priceVnd: 250000,
      unitLabel: "Thùng 5 kg",
      unitKind: "BOX",
      boxGrams: 5000,
      expectedUnits: 1200,
      maxPerBuyer: CAP,
      preorderOpensAt: new Date(Date.now() - 60_000),
      preorderClosesAt: new Date(dayStart(lastDay).getTime() - 4 * 3600_000),
      firstDay,
      lastDay,
      harvestFrom: dayStart(firstDay),
      harvestTo: dayStart(lastDay),
      cutoffTime: "20:00",
      status: "OPEN",
      openedAt: new Date(),
      deliveryCommunes: JSON.stringify(["05740", "05716", "05443", "05467", "05692"]),
      payCod: true,
      vietqrMode: "DEPOSIT",
      depositPct: 30,
    },
  });

  // buyers: accounts with a live session (as after logging in) and a CSRF cookie + token
  const now = Date.now();
  const phones = Array.from(
    { length: BUYERS },
    (_, i) => `+8497${String(now % 100000).padStart(5, "0")}${String(i).padStart(3, "0")}`,
  );
  await prisma.user.createMany({
    data: phones.map((phone, i) => ({
      id: `${tag}-u${i}`,
      phone,
      name: `Người mua ${i}`,
      passwordHash: "x",
      role: "BUYER",
    })),
  });
  const sessionIds = phones.map(
    () => randomUUID().replace(/-/g, "") + randomUUID().replace(/-/g, ""),
  );
  await prisma.session.createMany({
    data: sessionIds.map((id, i) => ({
      id,
      userId: `${tag}-u${i}`,
      expiresAt: new Date(now + 86_400_000),
    })),
  });
  type Buyer = { i: number; userId: string; cookie: string; csrf: string };
  const buyers: Buyer[] = [];
  for (const [i, sid] of sessionIds.entries()) {
    const { token, setCookie } = await csrfToken(new Request(stack.baseUrl));
    const session = (await sessionCookie.serialize(sid)).split(";")[0];
    buyers.push({
      i,
      userId: `${tag}-u${i}`,
      cookie: `${setCookie!.split(";")[0]}; ${session}`,
      csrf: token,
    });
  }
  // a warm-up page view (first render compiles nothing, but fills caches as a real opening would)
  await fetch(`${stack.baseUrl}/campaigns/${campaign.slug}`, {
    headers: { Cookie: buyers[0].cookie },
  }).then((r) => r.text());

  // who does what: every 10th asks over the cap; every 25th double-submits one form; every 40th sends two different forms at once
  const communes = ["05740", "05443", "05467", "05692", "05716"];
  type Req = {
    buyer: Buyer;
    units: number;
    key: string;
    kind: "normal" | "overCap" | "double" | "twoForms";
  };
  const requests: Req[] = [];
  for (const b of buyers) {
    if (b.i % 10 === 9)
      requests.push({ buyer: b, units: CAP + 2, key: randomUUID(), kind: "overCap" });
    else if (b.i % 25 === 3) {
      const key = randomUUID();
      requests.push(
        { buyer: b, units: 2, key, kind: "double" },
        { buyer: b, units: 2, key, kind: "double" },
      );
    } else if (b.i % 40 === 7)
      requests.push(
        { buyer: b, units: 1, key: randomUUID(), kind: "twoForms" },
        { buyer: b, units: 3, key: randomUUID(), kind: "twoForms" },
      );
    else requests.push({ buyer: b, units: (b.i % CAP) + 1, key: randomUUID(), kind: "normal" });
  }
  const body = (r: Req) =>
    new URLSearchParams({
      csrf: r.buyer.csrf,
      units: String(r.units),
      when: r.buyer.i % 3 ? "first" : firstDay,
      allowCarryOver: "on",
      fulfilment: "DELIVERY",
      recipient: `Người mua ${r.buyer.i}`,
      phone: `0987${String(100000 + r.buyer.i).slice(-6)}`,
      provinceCode: "19",
      communeCode: communes[r.buyer.i % communes.length],
      line: `Số ${r.buyer.i}, xóm Chợ`,
      paymentMethod: r.buyer.i % 7 === 0 ? "VIETQR_DEPOSIT" : "COD",
      idempotencyKey: r.key,
    }).toString();

  const send = async (r: Req) => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${stack.baseUrl}/campaigns/${campaign.slug}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: r.buyer.cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: body(r),
      });
      const text = await res.text();
      const location = res.headers.get("location") ?? "";
      return {
        r,
        status: res.status,
        ms: performance.now() - t0,
        location,
        id: /\/preorders\/([^?]+)/.exec(location)?.[1] ?? null,
        capMessage: text.includes(`tối đa ${CAP} thùng 5 kg`),
        snippet: text.slice(0, 200),
      };
    } catch (e) {
      return {
        r,
        status: 0,
        ms: performance.now() - t0,
        location: "",
        id: null,
        capMessage: false,
        snippet: String(e),
      };
    }
  };

  // the opening: everyone at once (the hardest case of "within a few seconds"), or
  // arriving at a steady rate over SPREAD_MS (each latency from its own send)
  const cpu0 = appCpuMs(stack.pid);
  const start = performance.now();
  const results = await Promise.all(
    requests.map((r, i) =>
      SPREAD_MS
        ? new Promise<void>((ok) => setTimeout(ok, (i * SPREAD_MS) / requests.length)).then(() =>
            send(r),
          )
        : send(r),
    ),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpuMs = appCpuMs(stack.pid) - cpu0;

  const placed = results.filter((x) => x.status === 302 && x.location.endsWith("?placed=1"));
  const exists = results.filter((x) => x.status === 302 && x.location.endsWith("?exists=1"));
  const refusedCap = results.filter((x) => x.status === 409 && x.capMessage);
  const unanswered = results.filter(
    (x) => !placed.includes(x) && !exists.includes(x) && !refusedCap.includes(x),
  );
  for (const odd of unanswered.slice(0, 3))
    console.log("unexpected:", odd.status, odd.location, odd.snippet);

  const book = await prisma.preOrder.findMany({
    where: { campaignId: campaign.id },
    select: { id: true, buyerId: true, requestedUnits: true },
  });
  const byId = new Map(book.map((p) => [p.id, p]));
  const acceptedIds = new Set(placed.map((x) => x.id!));
  // the double submits' second answer is the same pre-order (302 to it, not "placed" twice)
  const doubles = results.filter((x) => x.r.kind === "double");
  const doublesOk = [...new Set(doubles.map((x) => x.r.buyer.i))].every(
    (i) => new Set(doubles.filter((x) => x.r.buyer.i === i).map((x) => x.id)).size === 1,
  );
  const twoForms = results.filter((x) => x.r.kind === "twoForms");
  const twoFormsOk = [...new Set(twoForms.map((x) => x.r.buyer.i))].every(
    (i) => book.filter((p) => p.buyerId === `${tag}-u${i}`).length === 1,
  );
  const sms = await prisma.outbox.count({
    where: { topic: "notify.sms", payload: { contains: campaign.title } },
  });
  const expectedBuyers = buyers.filter((b) => b.i % 10 !== 9).length;
  const acceptedUnits = [...acceptedIds].reduce(
    (s, id) => s + results.find((x) => x.id === id && x.location.endsWith("?placed=1"))!.r.units,
    0,
  );
  const bookUnits = book.reduce((s, p) => s + p.requestedUnits, 0);
  const checks = {
    "every request answered (placed, already placed, or refused over the cap)":
      unanswered.length === 0,
    "one pre-order per accepting buyer, none for the over-cap ones":
      book.length === expectedBuyers && new Set(book.map((p) => p.buyerId)).size === book.length,
    "nobody over the cap": book.every((p) => p.requestedUnits >= 1 && p.requestedUnits <= CAP),
    "the book equals what was accepted (ids and units)":
      acceptedIds.size === book.length &&
      [...acceptedIds].every((id) => byId.has(id)) &&
      acceptedUnits === bookUnits,
    "over-cap requests refused with the translated message":
      refusedCap.length === buyers.filter((b) => b.i % 10 === 9).length,
    "a double submit is one pre-order": doublesOk,
    "two different forms at once are one pre-order": twoFormsOk,
    "one SMS per pre-order": sms === book.length,
  };
  const lat = results.map((x) => x.ms).sort((a, b) => a - b);
  const rps = results.length / elapsed;
  const p50 = percentile(lat, 50);
  const p95 = percentile(lat, 95);
  console.log(
    `machine: ${machine()}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `${BUYERS} buyers, ${results.length} pre-order requests ${SPREAD_MS ? `arriving over ${SPREAD_MS / 1000} s (open loop, ${((requests.length * 1000) / SPREAD_MS).toFixed(0)}/s)` : "at once"} over HTTP in ${elapsed.toFixed(2)} s`,
  );
  console.log(
    `placed ${placed.length}, already placed ${exists.length}, refused over the cap ${refusedCap.length}, unanswered/other ${unanswered.length}`,
  );
  console.log(
    `book: ${book.length} pre-orders, ${bookUnits} boxes (accepted ${acceptedIds.size}, ${acceptedUnits} boxes); SMS queued ${sms}`,
  );
  console.log(
    `requests/s ${rps.toFixed(1)}, latency p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${lat.at(-1)!.toFixed(0)} ms`,
  );
  if (cpuMs > 0)
    console.log(
      `app server CPU during the rush ${(cpuMs / 1000).toFixed(2)} s, ${(cpuMs / results.length).toFixed(1)} ms per request`,
    );
  for (const [name, ok] of Object.entries(checks)) console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
  const correct = Object.values(checks).every(Boolean);
  const inBudget = rps >= BUDGET.rps && p95 < BUDGET.p95Ms;
  console.log(
    `${inBudget ? "within" : "OVER"} budget (>= ${BUDGET.rps} requests/s, p95 < ${BUDGET.p95Ms} ms)`,
  );
  console.log(
    correct
      ? "PASS: every request answered, nobody over the cap, the book equals what was accepted"
      : "FAIL: see the checks above",
  );
  await prisma.$disconnect();
  await stack.stop();
  process.exit(correct ? 0 : 1);
} catch (e) {
  console.error(e);
  await stack.stop();
  process.exit(1);
}
