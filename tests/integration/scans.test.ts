// Scan log (no raw IPs) and counterfeit flags for unit serials.
import { afterEach, describe, expect, it } from "vitest";
import { action as codesAction, loader as codes } from "~/routes/console.stalls.$stallId.codes";
import { encodeAiValue } from "~/domain/digital-link";
import { loader as resolve } from "~/routes/01.$";
import { loader as page } from "~/routes/t.$";
import { resetClock, shiftClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { client, get, post, settle } from "../helpers/http";
import { makeBatch } from "./trace-fixture";

const COOP = "stall-coop-hao-dat";
const ua = (n: number) =>
  `Mozilla/5.0 (Linux; Android 1${n}; Phone ${n}) AppleWebKit/537.36 Chrome/12${n}.0 Mobile Safari/537.36`;
type Page = {
  data: {
    p: {
      scans: { count: number; first: string | null };
      warning: { count: number } | null;
      kind: string;
    };
  };
};

afterEach(() => resetClock());

async function scan(path: string, headers: Record<string, string>, method = "GET") {
  const url = new URL(path, "http://localhost:3000");
  const request = new Request(url, { method, headers });
  return (await settle(() =>
    page({ request, params: { "*": url.pathname.slice(3) }, context: {} }),
  )) as unknown as Page;
}

describe("scan log", () => {
  it("stores a salted device hash and a coarse place, never the address", async () => {
    const { batch } = await makeBatch({ gtin: false });
    await scan(`/t/${batch.code}?src=cho-dong-xuan`, {
      "User-Agent": ua(1),
      "X-Client-Address": "198.51.100.23",
      "Accept-Language": "vi-VN",
    });
    const rows = await prisma.scanEvent.findMany({ where: { batchId: batch.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].deviceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0])).not.toContain("198.51.100.23");
    expect(rows[0].place).toBe("cho-dong-xuan");
  });

  it("does not count HEAD, prefetch or link previews", async () => {
    const { batch } = await makeBatch({ gtin: false });
    await scan(`/t/${batch.code}`, { "User-Agent": ua(1) }, "HEAD");
    await scan(`/t/${batch.code}`, { "User-Agent": ua(1), "Sec-Purpose": "prefetch" });
    await scan(`/t/${batch.code}`, {
      "User-Agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    });
    await scan(`/t/${batch.code}`, {
      "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    });
    expect(await prisma.scanEvent.count({ where: { batchId: batch.id } })).toBe(0);
  });

  it("the batch code counts its own scans, not those of its unit serials", async () => {
    const { batch } = await makeBatch({ gtin: false, serials: 1 });
    await scan(`/t/${batch.code}/U00001`, { "User-Agent": ua(1) });
    await scan(`/t/${batch.code}/U00001`, { "User-Agent": ua(2) });
    const own = await scan(`/t/${batch.code}`, { "User-Agent": ua(3) });
    expect(own.data.p.scans.count).toBe(1);
    const unit = await scan(`/t/${batch.code}/U00001`, { "User-Agent": ua(4) });
    expect(unit.data.p.scans.count).toBe(3);
  });

  it("batch codes show counts without warnings, however many devices", async () => {
    const { batch } = await makeBatch({ gtin: false });
    let last: Page | null = null;
    for (let i = 0; i < 7; i++)
      last = await scan(`/t/${batch.code}`, {
        "User-Agent": ua(i),
        "X-Client-Address": `203.0.113.${i}`,
      });
    expect(last!.data.p.scans.count).toBe(7);
    expect(last!.data.p.scans.first).toBeTruthy();
    expect(last!.data.p.warning).toBeNull();
  });
});

describe("counterfeit flags", () => {
  it("flags a serial scanned from five devices and shows a calm warning; the seller sees it", async () => {
    const { batch, gtin } = await makeBatch({ serials: 2 });
    const path = `/t/${batch.code}/U00001`;
    // the same phone again and again is one device: no flag
    for (let i = 0; i < 6; i++)
      await scan(path, { "User-Agent": ua(0), "X-Client-Address": "203.0.113.50" });
    expect(
      (await prisma.serialUnit.findFirstOrThrow({ where: { batchId: batch.id, serial: "U00001" } }))
        .flaggedAt,
    ).toBeNull();
    let res: Page | null = null;
    for (let i = 1; i <= 4; i++)
      res = await scan(path, { "User-Agent": ua(i), "X-Client-Address": `203.0.113.${50 + i}` });
    const unit = await prisma.serialUnit.findFirstOrThrow({
      where: { batchId: batch.id, serial: "U00001" },
    });
    expect(unit.flaggedAt).toBeTruthy();
    expect(res!.data.p.kind).toBe("serial");
    expect(res!.data.p.warning).toEqual({ count: 10, since: expect.any(String) });
    // the other serial of the batch is untouched
    expect(
      (await prisma.serialUnit.findFirstOrThrow({ where: { batchId: batch.id, serial: "U00002" } }))
        .flaggedAt,
    ).toBeNull();
    expect(
      await prisma.auditLog.count({ where: { action: "serial.flagged", entityId: unit.id } }),
    ).toBe(1);

    const manager = await client("0912000003");
    const list = (await codes({
      request: get(manager, `/console/stalls/${COOP}/codes`),
      params: { stallId: COOP },
      context: {},
    })) as { codes: { id: string; devices: number; scans: number }[] };
    const row = list.codes.find((c) => c.id === unit.id)!;
    expect(row).toMatchObject({ devices: 5, scans: 10 });

    // another seller can neither list nor void it
    const household = await client("0912000002");
    expect(
      (
        (await settle(() =>
          codes({ request: get(household, `/x`), params: { stallId: COOP }, context: {} }),
        )) as Response
      ).status,
    ).toBe(403);
    const cross = await settle(() =>
      codesAction({
        request: post(household, `/x`, { serialId: unit.id }),
        params: { stallId: "stall-hh-001" },
        context: {},
      }),
    );
    expect((cross as Response).status).toBe(403);
    // the manager voids it: the code then answers 410 Gone, naming the stall, not "not found"
    await settle(() =>
      codesAction({
        request: post(manager, `/x`, { serialId: unit.id }),
        params: { stallId: COOP },
        context: {},
      }),
    );
    expect((await prisma.serialUnit.findUniqueOrThrow({ where: { id: unit.id } })).status).toBe(
      "VOID",
    );
    const gone = (await scan(path, { "User-Agent": ua(9) })) as unknown as {
      data: { trace: string; stall: string };
      init: { status: number };
    };
    expect(gone.init.status).toBe(410);
    expect(gone.data).toEqual({ trace: "void", stall: expect.stringContaining("Hảo Đạt") });
    // through the GS1 Digital Link too: people are sent to that page, machines get 410
    const dl = `/01/${gtin}/10/${encodeAiValue(batch.lot)}/21/U00001`;
    const viaDl = (await resolve({
      request: new Request(`http://localhost:3000${dl}`),
      params: { "*": dl.slice(4) },
      context: {},
    })) as Response;
    expect(viaDl.headers.get("Location")).toBe(path);
    const viaDlJson = (await resolve({
      request: new Request(`http://localhost:3000${dl}`, {
        headers: { Accept: "application/linkset+json" },
      }),
      params: { "*": dl.slice(4) },
      context: {},
    })) as Response;
    expect(viaDlJson.status).toBe(410);
    // an unknown serial of the same batch is still plain "not found"
    expect(
      (
        (await scan(`/t/${batch.code}/U99999`, { "User-Agent": ua(9) })) as unknown as {
          init: { status: number };
        }
      ).init.status,
    ).toBe(404);
  });

  it("the seller can clear a false alarm: the warning goes, and the rules count again from then", async () => {
    const { batch } = await makeBatch({ serials: 1 });
    const path = `/t/${batch.code}/U00001`;
    for (let i = 0; i < 5; i++)
      await scan(path, { "User-Agent": ua(i), "X-Client-Address": `198.51.100.${i}` });
    const unit = await prisma.serialUnit.findFirstOrThrow({ where: { batchId: batch.id } });
    expect(unit.flaggedAt).toBeTruthy();
    // another stall's seller cannot clear it
    const household = await client("0912000002");
    expect(
      (
        (await settle(() =>
          codesAction({
            request: post(household, `/x`, { serialId: unit.id, _action: "clear" }),
            params: { stallId: "stall-hh-001" },
            context: {},
          }),
        )) as Response
      ).status,
    ).toBe(403);
    const manager = await client("0912000003");
    const res = (await settle(() =>
      codesAction({
        request: post(manager, `/x`, { serialId: unit.id, _action: "clear" }),
        params: { stallId: COOP },
        context: {},
      }),
    )) as Response;
    expect(res.headers.get("Location")).toContain("cleared=U00001");
    expect(await prisma.serialUnit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({
      flaggedAt: null,
      status: "LABELLED",
    });
    shiftClock(1000); // the scans below come after the clearing (the app's clock, not a sleep)
    // the same family's phones again, and one new one: no warning
    const again = await scan(path, { "User-Agent": ua(0), "X-Client-Address": "198.51.100.0" });
    expect(again.data.p.warning).toBeNull();
    expect(again.data.p.scans.count).toBe(6);
    for (let i = 5; i < 8; i++)
      await scan(path, { "User-Agent": ua(i), "X-Client-Address": `198.51.100.${i}` });
    expect(
      (await prisma.serialUnit.findUniqueOrThrow({ where: { id: unit.id } })).flaggedAt,
    ).toBeNull();
    // five distinct devices since the clearing: flagged again
    const fifth = await scan(path, { "User-Agent": ua(8), "X-Client-Address": "198.51.100.8" });
    expect(fifth.data.p.warning).not.toBeNull();
  });

  it("flags a serial scanned in three places", async () => {
    const { batch } = await makeBatch({ serials: 1 });
    for (const src of ["hn", "hcm", "dn"])
      await scan(`/t/${batch.code}/U00001?src=${src}`, {
        "User-Agent": ua(1),
        "X-Client-Address": "203.0.113.9",
      });
    expect(
      (await prisma.serialUnit.findFirstOrThrow({ where: { batchId: batch.id } })).flaggedAt,
    ).toBeTruthy();
  });

  it("flags a serial scanned long after it was delivered", async () => {
    const { batch } = await makeBatch({ serials: 2 });
    await prisma.serialUnit.updateMany({
      where: { batchId: batch.id, serial: "U00001" },
      data: { status: "DELIVERED", deliveredAt: new Date(Date.now() - 45 * 864e5) },
    });
    await prisma.serialUnit.updateMany({
      where: { batchId: batch.id, serial: "U00002" },
      data: { status: "DELIVERED", deliveredAt: new Date(Date.now() - 2 * 864e5) },
    });
    const late = await scan(`/t/${batch.code}/U00001`, { "User-Agent": ua(1) });
    const fresh = await scan(`/t/${batch.code}/U00002`, { "User-Agent": ua(1) });
    expect(late.data.p.warning).not.toBeNull();
    expect(fresh.data.p.warning).toBeNull();
  });
});

describe("who counts", () => {
  it("the stall's own manager and officers viewing the page are not scans", async () => {
    const { batch } = await makeBatch({ gtin: false });
    for (const phone of ["0912000003", "0912000004"]) {
      const c = await client(phone);
      await page({
        request: get(c, `/t/${batch.code}`, { "User-Agent": ua(3) }),
        params: { "*": batch.code },
        context: {},
      });
    }
    expect(await prisma.scanEvent.count({ where: { batchId: batch.id } })).toBe(0);
    // a buyer who is logged in is a scan like any other
    const buyer = await client("0912000001");
    await page({
      request: get(buyer, `/t/${batch.code}`, { "User-Agent": ua(3) }),
      params: { "*": batch.code },
      context: {},
    });
    expect(await prisma.scanEvent.count({ where: { batchId: batch.id } })).toBe(1);
  });
});
