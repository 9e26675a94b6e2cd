import { describe, expect, it } from "vitest";
import { digitalLinkPath, encodeAiValue } from "~/domain/digital-link";
import { loader as wellKnown } from "~/routes/[.well-known].gs1resolver";
import { loader as dl, action as dlAction } from "~/routes/01.$";
import { loader as page } from "~/routes/t.$";
import { loader as shortLinkset } from "~/routes/t.linkset.$";
import { BASE, get, settle } from "../helpers/http";
import { prisma } from "~/utils/db.server";
import { localeCookie } from "~/utils/locale.server";
import { makeBatch, uniq } from "./trace-fixture";

const args = (request: Request, splat: string) => ({
  request,
  params: { "*": splat },
  context: {},
});
const PHONE_UA = {
  "User-Agent":
    "Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36",
};

/** The cookie the language switch sets for English. */
async function english() {
  return (await localeCookie.serialize("en")).split(";")[0];
}

async function resolve(path: string, headers: Record<string, string> = {}) {
  const url = new URL(path, BASE);
  return (await dl(
    args(get(null, path, headers), url.pathname.replace(/^\/01\//, "")),
  )) as Response;
}

type PageData = {
  data: {
    p: {
      product: { name: string; slug: string | null };
      lot: string;
      certs: { kind: string; state: string; reviewedBy: string | null }[];
      steps: unknown[];
      producer: { name: string } | null;
      plot: { commune: string } | null;
      stall: { verified: boolean; verifiedBy: string | null };
    };
  };
  init: { headers: Record<string, string> };
};

describe("GS1 Digital Link resolver (/01/...)", () => {
  it("redirects a batch's Digital Link to its provenance page (307) with a Link header", async () => {
    const { batch, gtin } = await makeBatch();
    const path = digitalLinkPath({ gtin: gtin!, lot: batch.lot });
    expect(path).toContain(`/10/${encodeAiValue(batch.lot)}`);
    expect(path).toContain("%2F"); // the lot has a slash: percent-encoded
    const res = await resolve(path);
    expect(res.status).toBe(307);
    expect(res.headers.get("Location")).toBe(`/t/${batch.code}`);
    expect(res.headers.get("Link")).toContain('rel="https://gs1.org/voc/pip"');
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // GTIN-13 form (without the leading zero) resolves the same
    const res13 = await resolve(path.replace(`/01/${gtin}`, `/01/${gtin!.slice(1)}`));
    expect(res13.headers.get("Location")).toBe(`/t/${batch.code}`);
  });

  it("answers linkType=gs1:pip, gs1:certificationInfo and gs1:traceability", async () => {
    const { batch, gtin, product } = await makeBatch();
    const path = digitalLinkPath({ gtin: gtin!, lot: batch.lot });
    expect((await resolve(`${path}?linkType=gs1:pip`)).headers.get("Location")).toBe(
      `/products/${product.slug}`,
    );
    expect((await resolve(`${path}?linkType=gs1:certificationInfo`)).headers.get("Location")).toBe(
      `/t/${batch.code}#certificates`,
    );
    expect(
      (
        await resolve(`${path}?linkType=${encodeURIComponent("https://gs1.org/voc/traceability")}`)
      ).headers.get("Location"),
    ).toBe(`/t/${batch.code}`);
    expect((await resolve(`${path}?linkType=gs1:epcis`)).headers.get("Location")).toBe(
      `/api/batches/${batch.id}/epcis`,
    );
  });

  it("returns an RFC 9264 linkset for Accept: application/linkset+json and linkType=all", async () => {
    const { batch, gtin, product } = await makeBatch({ serials: 2 });
    const path = digitalLinkPath({ gtin: gtin!, lot: batch.lot, serial: "U00001" });
    for (const res of [
      await resolve(path, { Accept: "application/linkset+json" }),
      await resolve(`${path}?linkType=all`),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/linkset+json");
      expect(res.headers.get("Link")).toContain('rel="linkset"');
      const body = await res.json();
      const ctx = body.linkset[0];
      expect(ctx.anchor).toBe(`http://localhost:3000${path}`);
      expect(ctx.description).toBe(product.name);
      expect(ctx["https://gs1.org/voc/pip"][0].href).toBe(
        `http://localhost:3000/products/${product.slug}`,
      );
      expect(ctx["https://gs1.org/voc/traceability"][0].href).toBe(
        `http://localhost:3000/t/${batch.code}/U00001`,
      );
      expect(ctx["https://gs1.org/voc/defaultLink"][0].href).toBe(
        `http://localhost:3000/t/${batch.code}/U00001`,
      );
      expect(ctx["https://gs1.org/voc/certificationInfo"][0].href).toContain("#certificates");
      expect(ctx["https://gs1.org/voc/epcis"][0].href).toBe(
        `http://localhost:3000/api/batches/${batch.id}/epcis`,
      );
    }
  });

  it("does not fall back from an unknown serial or lot to the real batch (a made-up code must not borrow a genuine story)", async () => {
    const { batch, gtin } = await makeBatch({ serials: 1 });
    expect(
      (await resolve(digitalLinkPath({ gtin: gtin!, lot: batch.lot, serial: "U00001" }))).status,
    ).toBe(307);
    expect(
      (await resolve(digitalLinkPath({ gtin: gtin!, lot: batch.lot, serial: "FAKE01" }))).status,
    ).toBe(404);
    expect((await resolve(digitalLinkPath({ gtin: gtin!, lot: "FAKELOT" }))).status).toBe(404);
    expect((await resolve(digitalLinkPath({ gtin: gtin!, serial: "FAKE01" }))).status).toBe(404);
  });

  it("sends a bare GTIN to the product page", async () => {
    const { gtin, product } = await makeBatch();
    const res = await resolve(`/01/${gtin}`);
    expect(res.status).toBe(307);
    expect(res.headers.get("Location")).toBe(`/products/${product.slug}`);
  });

  it("gives malformed URIs a 400 and unknown keys a translated 404 (HTML or JSON)", async () => {
    const bad = await resolve("/01/09506000134353/10/A", { "Accept-Language": "vi-VN,vi;q=0.9" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toContain("text/html");
    // the page names the problem: a wrong check digit, in the reader's language
    expect(await bad.text()).toContain(
      "Số GTIN 09506000134353 có chữ số kiểm tra (số cuối) không đúng",
    );
    const badEn = await resolve("/01/9506000134353/10/A", { Cookie: await english() });
    expect(await badEn.text()).toContain("The GTIN 9506000134353 has a wrong check digit");
    const badJson = await resolve("/01/09506000134353", { Accept: "application/linkset+json" });
    expect(await badJson.json()).toMatchObject({
      error: "check-digit",
      status: 400,
      message: expect.stringContaining("check digit"),
    });
    // a client asking for plain JSON is a machine too
    const plainJson = await resolve("/01/09506000134353", { Accept: "application/json" });
    expect(plainJson.headers.get("Content-Type")).toContain("json");
    expect(await plainJson.json()).toMatchObject({ error: "check-digit", status: 400 });
    const badValue = await resolve(`/01/09506000134352/10/${encodeURIComponent("<script> x")}`);
    expect(badValue.status).toBe(400);
    const badValueHtml = await badValue.text();
    expect(badValueHtml).toContain("Số lô hoặc số đơn vị có ký tự không hợp lệ");
    expect(badValueHtml).not.toContain("<script>");
    const order = await resolve("/01/09506000134352/21/1/10/A", {
      Accept: "application/linkset+json",
    });
    expect(order.status).toBe(400);
    expect(await order.json()).toMatchObject({ error: "qualifier-order", status: 400 });
    const missingVi = await resolve("/01/09506000134352/10/NOPE", {
      "Accept-Language": "vi-VN,vi;q=0.9",
    });
    expect(missingVi.status).toBe(404);
    const html = await missingVi.text();
    expect(html).toContain('lang="vi"');
    expect(html).toContain("Không tìm thấy mã truy xuất");
    expect(html).toContain('action="/search"');
    const missingEn = await resolve("/01/09506000134352/10/NOPE", { Cookie: await english() });
    expect(await missingEn.text()).toContain("Trace code not found");
    const missingJson = await resolve("/01/09506000134352/10/NOPE", {
      Accept: "application/linkset+json",
    });
    expect(missingJson.status).toBe(404);
    expect(missingJson.headers.get("Content-Type")).toContain("application/json");
  });

  it("answers CORS preflight", async () => {
    const res = (await dlAction({
      request: new Request(`${BASE}/01/09506000134352`, { method: "OPTIONS" }),
      params: { "*": "09506000134352" },
      context: {},
    })) as Response;
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("GET");
  });
});

describe("/.well-known/gs1resolver", () => {
  it("describes the resolver", async () => {
    const res = (await wellKnown()) as Response;
    const body = await res.json();
    expect(body.resolverRoot).toBe("http://localhost:3000");
    expect(body.supportedPrimaryKeys).toEqual(["01"]);
    expect(body.supportedLinkType[0]).toMatchObject({
      namespace: "https://gs1.org/voc/",
      prefix: "gs1:",
    });
    expect(body.supportedLinkTypes).toEqual(
      expect.arrayContaining(["gs1:pip", "gs1:traceability", "gs1:certificationInfo"]),
    );
    expect(body.linkTypeDefaultCanBeLinkset).toBe(false);
    expect(body.name).toBeTruthy();
  });
});

describe("provenance page (/t/{code})", () => {
  it("tells the batch's story: producer, plot, steps, certificates by state", async () => {
    const { batch } = await makeBatch();
    const res = (await page(
      args(get(null, `/t/${batch.code}`, PHONE_UA), batch.code),
    )) as unknown as PageData;
    const p = res.data.p;
    expect(p.lot).toBe(batch.lot);
    expect(p.producer?.name).toBeTruthy();
    expect(p.plot?.commune).toBeTruthy();
    expect(p.steps).toHaveLength(6);
    const states = Object.fromEntries(p.certs.map((c) => [c.kind + c.state, c]));
    expect(states.VIETGAPEXPIRED).toBeTruthy(); // verified once, now expired: shown as expired
    expect(states.OCOPPENDING).toBeTruthy();
    expect(states.OCOPVERIFIED.reviewedBy).toBeTruthy();
    expect(p.certs.find((c) => c.kind === "ORGANIC")).toBeUndefined(); // rejected: not shown
    expect(p.product.slug).toBeNull(); // draft product: no buy-again link
    expect(p.stall.verified).toBe(true);
    expect(res.init.headers["Content-Language"]).toBe("vi");
  });

  it("a banned stall's page drops the verified badge and says the stall is suspended", async () => {
    const id = uniq("S");
    await prisma.stall.create({
      data: {
        id: `stall-${id}`,
        slug: `banned-${id.toLowerCase()}`,
        name: `Quầy bị khóa ${id}`,
        householdId: "hh-001",
        communeCode: "05503",
        verification: "VERIFIED",
        verifiedById: "u-officer",
        verifiedAt: new Date(),
        banned: true,
      },
    });
    const { batch } = await makeBatch({ gtin: false, stallId: `stall-${id}` });
    const res = (await page(
      args(get(null, `/t/${batch.code}`, PHONE_UA), batch.code),
    )) as unknown as {
      data: {
        p: {
          stall: { banned: boolean; verified: boolean; verifiedBy: string | null };
          product: { slug: string | null };
        };
      };
    };
    expect(res.data.p.stall).toMatchObject({ banned: true, verified: false, verifiedBy: null });
    expect(res.data.p.product.slug).toBeNull(); // nothing to buy again
  });

  it("is in Vietnamese even for an English browser, in English once chosen with the switch", async () => {
    const { batch, id } = await makeBatch({ gtin: false });
    const browserEn = (await page(
      args(
        get(null, `/t/${batch.code}`, { ...PHONE_UA, "Accept-Language": "en-US,en;q=0.9" }),
        batch.code,
      ),
    )) as unknown as PageData;
    expect(browserEn.data.p.product.name).toBe(`Chè thử ${id}`);
    expect(browserEn.init.headers["Content-Language"]).toBe("vi");
    const chosen = (await page(
      args(get(null, `/t/${batch.code}`, { ...PHONE_UA, Cookie: await english() }), batch.code),
    )) as unknown as PageData;
    expect(chosen.data.p.product.name).toBe(`Test tea ${id}`);
    expect(chosen.init.headers["Content-Language"]).toBe("en");
  });

  it("offers buy-again for products on sale", async () => {
    const res = (await page(
      args(get(null, "/t/00010M", PHONE_UA), "00010M"),
    )) as unknown as PageData;
    expect(res.data.p.product.slug).toBeTruthy();
  });

  it("redirects link types, lower-case codes and linkset requests; 404/400 for unknown/bad codes", async () => {
    const { batch, product } = await makeBatch({ gtin: false });
    const r = async (path: string, headers: Record<string, string> = {}) =>
      (await settle(() =>
        page(args(get(null, path, headers), new URL(path, BASE).pathname.slice(3))),
      )) as Response;
    expect((await r(`/t/${batch.code}?linkType=gs1:pip`)).headers.get("Location")).toBe(
      `/products/${product.slug}`,
    );
    expect(
      (await r(`/t/${batch.code}?linkType=gs1:certificationInfo`)).headers.get("Location"),
    ).toBe(`/t/${batch.code}#certificates`);
    const lower = await r(`/t/${batch.code.toLowerCase()}`);
    expect(lower.status).toBe(301);
    expect(lower.headers.get("Location")).toBe(`/t/${batch.code}`);
    const machine = await r(`/t/${batch.code}`, { Accept: "application/linkset+json" });
    expect(machine.status).toBe(307);
    expect(machine.headers.get("Location")).toBe(`/t/linkset/${batch.code}`);
    const missing = (await settle(() =>
      page(args(get(null, "/t/ZZZZZZZZ"), "ZZZZZZZZ")),
    )) as unknown as { init: { status: number } };
    expect(missing.init.status).toBe(404);
    const bad = (await settle(() => page(args(get(null, "/t/%C3%A9"), "é")))) as unknown as {
      init: { status: number };
    };
    expect(bad.init.status).toBe(400);
  });

  it("serves the short code's linkset with JSON errors", async () => {
    const { batch } = await makeBatch({ gtin: false });
    const ok = (await shortLinkset(
      args(get(null, `/t/linkset/${batch.code}`), batch.code),
    )) as Response;
    expect(ok.status).toBe(200);
    expect((await ok.json()).linkset[0].anchor).toBe(`http://localhost:3000/t/${batch.code}`);
    const missing = (await shortLinkset(
      args(get(null, "/t/linkset/ZZZZZZZZ"), "ZZZZZZZZ"),
    )) as Response;
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("not-found");
  });
});
