import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loader as documentLoader } from "~/routes/console.certificates.$certId.document";
import {
  action as certAction,
  loader as certLoader,
} from "~/routes/console.stalls.$stallId.certificates";
import { action as reviewCert, loader as reviewCertLoader } from "~/routes/officer.certificates";
import { prisma } from "~/utils/db.server";
import { documentsDir } from "~/utils/env.server";
import { client, get, post, routeArgs, settle, statusOf } from "../../tests/helpers/http";
import { exifHasGps, fixture, uid } from "../../tests/helpers/seller";

// A stall files certificates through the real form; officers review them in their
// queue. Driven through the routes with real requests, sessions and CSRF.
const HH1 = "0912000002";
const HH2 = "0913000002";
const OFFICER = "0912000004";
const errors = (r: unknown) =>
  (r as { data: { result: { error: Record<string, string[]> } } }).data.result.error;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const PDF = () =>
  new File([Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], "vietgap.pdf", {
    type: "application/pdf",
  });

function certFields(over: Record<string, string | File> = {}) {
  return {
    kind: "VIETGAP",
    issuer: "Trung tâm Chứng nhận (test)",
    number: `VG-${uid()}`,
    issuedAt: iso(days(-30)),
    expiresAt: iso(days(600)),
    document: PDF(),
    ...over,
  };
}

describe("certificates: upload and rules", () => {
  it("stores a PDF under a content-hash name, pending review", async () => {
    const c = await client(HH1);
    const f = certFields();
    const res = await settle(() =>
      certAction(routeArgs(post(c, "/x", f), { stallId: "stall-hh-001" })),
    );
    expect(statusOf(res)).toBe(302);
    const cert = await prisma.certification.findFirstOrThrow({
      where: { number: f.number as string },
    });
    expect(cert).toMatchObject({ status: "PENDING", kind: "VIETGAP", stallId: "stall-hh-001" });
    expect(cert.documentPath).toMatch(/^[0-9a-f]{40}\.pdf$/);
    expect(
      (await fs.readFile(path.join(documentsDir, cert.documentPath!))).subarray(0, 5).toString(),
    ).toBe("%PDF-");
    const list = (await certLoader(routeArgs(get(c, "/x"), { stallId: "stall-hh-001" }))) as {
      certs: { id: string; state: string }[];
    };
    expect(list.certs.find((x) => x.id === cert.id)?.state).toBe("PENDING");
  });

  it("a manager filing a certificate for a member's product is audited as acting for that household", async () => {
    const m = await client("0912000003");
    const product = await prisma.product.findFirstOrThrow({
      where: { stallId: "stall-coop-hao-dat", householdId: { not: null }, deletedAt: null },
    });
    const f = certFields({ productId: product.id });
    expect(
      statusOf(
        await settle(() =>
          certAction(routeArgs(post(m, "/x", f), { stallId: "stall-coop-hao-dat" })),
        ),
      ),
    ).toBe(302);
    const cert = await prisma.certification.findFirstOrThrow({
      where: { number: f.number as string },
    });
    expect(cert.productId).toBe(product.id);
    expect(
      await prisma.auditLog.findFirstOrThrow({
        where: { entity: "Certification", entityId: cert.id },
      }),
    ).toMatchObject({ actorId: m.userId, onBehalfOfId: product.householdId });
  });

  it("re-encodes an image scan so no GPS is kept", async () => {
    const c = await client(HH1);
    const f = certFields({
      kind: "OCOP",
      stars: "4",
      document: fixture("phone-gps.jpg"),
      expiresAt: iso(days(900)),
    });
    expect(
      statusOf(
        await settle(() => certAction(routeArgs(post(c, "/x", f), { stallId: "stall-hh-001" }))),
      ),
    ).toBe(302);
    const cert = await prisma.certification.findFirstOrThrow({
      where: { number: f.number as string },
    });
    expect(cert.stars).toBe(4);
    const meta = await sharp(path.join(documentsDir, cert.documentPath!)).metadata();
    expect(exifHasGps(meta.exif)).toBe(false);
  });

  it.each([
    ["OCOP without stars", { kind: "OCOP" }, "stars", "cert.starsInvalid"],
    [
      "expiry before issue",
      { issuedAt: iso(days(-10)), expiresAt: iso(days(-20)) },
      "expiresAt",
      "cert.expiryBeforeIssue",
    ],
    [
      "VietGAP longer than 2 years + 3 months",
      { issuedAt: iso(days(-10)), expiresAt: iso(days(900)) },
      "expiresAt",
      "cert.vietgapTooLong",
    ],
    [
      "already expired",
      { issuedAt: iso(days(-400)), expiresAt: iso(days(-5)) },
      "expiresAt",
      "cert.expired",
    ],
    [
      "a text file as the scan",
      { document: fixture("not-an-image.jpg") },
      "document",
      "cert.documentInvalid",
    ],
    ["no scan", { document: "" }, "document", "cert.documentRequired"],
    ["another stall's product", { productId: "prod-300" }, "productId", "cert.productInvalid"],
  ])("refuses %s", async (_what, over, field, key) => {
    const c = await client(HH1);
    const f = certFields(over as Record<string, string | File>);
    const res = await settle(() =>
      certAction(routeArgs(post(c, "/x", f), { stallId: "stall-hh-001" })),
    );
    expect(statusOf(res)).toBe(400);
    expect(errors(res)[field]).toEqual([key]);
    expect(await prisma.certification.count({ where: { number: f.number as string } })).toBe(0);
  });

  it("another household cannot upload to, list, or read the documents of this stall", async () => {
    const other = await client(HH2);
    const f = certFields();
    expect(
      statusOf(
        await settle(() =>
          certAction(routeArgs(post(other, "/x", f), { stallId: "stall-hh-001" })),
        ),
      ),
    ).toBe(403);
    expect(
      statusOf(
        await settle(() => certLoader(routeArgs(get(other, "/x"), { stallId: "stall-hh-001" }))),
      ),
    ).toBe(403);
    // a certificate of this test's own (other files withdraw stall-hh-001's certificates meanwhile)
    const hh1 = await client(HH1);
    const ownFields = certFields();
    expect(
      statusOf(
        await settle(() =>
          certAction(routeArgs(post(hh1, "/x", ownFields), { stallId: "stall-hh-001" })),
        ),
      ),
    ).toBe(302);
    const mine = await prisma.certification.findFirstOrThrow({
      where: {
        stallId: "stall-hh-001",
        number: ownFields.number as string,
        documentPath: { not: null },
      },
    });
    expect(
      statusOf(
        await settle(() => documentLoader(routeArgs(get(other, "/x"), { certId: mine.id }))),
      ),
    ).toBe(403);
    const own = (await documentLoader(routeArgs(get(hh1, "/x"), { certId: mine.id }))) as Response;
    expect(own.status).toBe(200);
    const off = await client(OFFICER);
    const officer = (await documentLoader(
      routeArgs(get(off, "/x"), { certId: mine.id }),
    )) as Response;
    expect(officer.status).toBe(200);
  });
});

describe("officer review of certificates", () => {
  it("verifies a certificate: it now counts, and search is told", async () => {
    const c = await client(HH1);
    const product = await prisma.product.findFirstOrThrow({
      where: { stallId: "stall-hh-001", status: "ACTIVE", deletedAt: null },
    });
    const f = certFields({
      kind: "OCOP",
      stars: "5",
      productId: product.id,
      expiresAt: iso(days(700)),
    });
    await settle(() => certAction(routeArgs(post(c, "/x", f), { stallId: "stall-hh-001" })));
    const cert = await prisma.certification.findFirstOrThrow({
      where: { number: f.number as string },
    });
    const o = await client(OFFICER);
    const pending = (await reviewCertLoader(routeArgs(get(o, "/officer/certificates")))) as {
      certs: { id: string }[];
    };
    expect(pending.certs.map((x) => x.id)).toContain(cert.id);
    const before = await prisma.outbox.count({
      where: { topic: "search.product", key: product.id },
    });
    expect(
      statusOf(
        await settle(() =>
          reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "VERIFIED" }))),
        ),
      ),
    ).toBe(302);
    expect(await prisma.certification.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "VERIFIED",
      reviewedById: o.userId,
    });
    expect(await prisma.outbox.count({ where: { topic: "search.product", key: product.id } })).toBe(
      before + 1,
    );
    // a second decision on the same certificate is refused
    expect(
      statusOf(
        await settle(() =>
          reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "REJECTED", note: "muộn" }))),
        ),
      ),
    ).toBe(409);
  });

  it("rejecting needs a note; sellers and buyers cannot review", async () => {
    const f = certFields();
    const seller = await client(HH1);
    await settle(() => certAction(routeArgs(post(seller, "/x", f), { stallId: "stall-hh-001" })));
    const cert = await prisma.certification.findFirstOrThrow({
      where: { number: f.number as string },
    });
    for (const phone of [HH1, "0912000003", "0912000001"]) {
      const c = await client(phone);
      expect(
        statusOf(
          await settle(() =>
            reviewCert(routeArgs(post(c, "/x", { id: cert.id, decision: "VERIFIED" }))),
          ),
        ),
      ).toBe(403);
    }
    const o = await client(OFFICER);
    const res = await settle(() =>
      reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "REJECTED" }))),
    );
    expect((res as { data: { error: string } }).data.error).toBe("officer.noteRequired");
    await settle(() =>
      reviewCert(
        routeArgs(
          post(o, "/x", { id: cert.id, decision: "REJECTED", note: "Số quyết định không khớp" }),
        ),
      ),
    );
    expect(await prisma.certification.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "REJECTED",
      reviewNote: "Số quyết định không khớp",
    });
  });

  it("a certificate without its document cannot be verified, only rejected", async () => {
    const cert = await prisma.certification.create({
      data: {
        kind: "VIETGAP",
        issuer: "Trung tâm (test)",
        number: `VG-NODOC-${uid()}`,
        issuedAt: days(-30),
        expiresAt: days(600),
        stallId: "stall-hh-001",
      },
    });
    const o = await client(OFFICER);
    const queue = (await reviewCertLoader(routeArgs(get(o, "/officer/certificates")))) as {
      certs: { id: string; hasDocument: boolean }[];
    };
    expect(queue.certs.find((x) => x.id === cert.id)?.hasDocument).toBe(false);
    const refused = (await settle(() =>
      reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "VERIFIED" }))),
    )) as { data: { error: string } };
    expect(statusOf(refused)).toBe(400);
    expect(refused.data.error).toBe("cert.verifyNeedsDocument");
    expect(await prisma.certification.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "PENDING",
      reviewedById: null,
    });
    expect(
      statusOf(
        await settle(() =>
          reviewCert(
            routeArgs(post(o, "/x", { id: cert.id, decision: "REJECTED", note: "Thiếu bản chụp" })),
          ),
        ),
      ),
    ).toBe(302);
    expect((await prisma.certification.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe(
      "REJECTED",
    );
  });
});
