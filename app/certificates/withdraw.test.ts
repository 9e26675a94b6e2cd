import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanUpFiles } from "~/files/clean-up.server";
import { normalizePhone } from "~/domain/phone";
import {
  action as certAction,
  loader as certLoader,
} from "~/routes/console.stalls.$stallId.certificates";
import { action as reviewCert, loader as reviewCertLoader } from "~/routes/officer.certificates";
import { prisma } from "~/utils/db.server";
import { documentsDir } from "~/utils/env.server";
import { client, get, post, routeArgs, settle, statusOf } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";

const HH1 = "0912000002"; // household hh-001, stall-hh-001
const HH2 = "0913000002"; // another household
const MANAGER = "0912000003";
const OFFICER = "0912000004";
const STALL = "stall-hh-001";
const iso = (d: Date) => d.toISOString().slice(0, 10);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
// unique bytes, so this test's scan is not shared with another test's
const PDF = () =>
  new File([Buffer.from(`%PDF-1.4\n% withdraw ${uid()}\n%%EOF\n`)], "vietgap.pdf", {
    type: "application/pdf",
  });

/** A certificate submitted through the real form, as the household does. */
async function submit() {
  const c = await client(HH1);
  const number = `VG-${uid()}`;
  const res = await settle(() =>
    certAction(
      routeArgs(
        post(c, "/x", {
          kind: "VIETGAP",
          issuer: "Trung tâm Chứng nhận (test)",
          number,
          issuedAt: iso(days(-30)),
          expiresAt: iso(days(600)),
          document: PDF(),
        }),
        { stallId: STALL },
      ),
    ),
  );
  expect(statusOf(res)).toBe(302);
  return prisma.certification.findFirstOrThrow({ where: { number } });
}

const withdraw = async (
  phone: string,
  certId: string,
  stallId = STALL,
  opts: { csrf?: boolean } = {},
) =>
  settle(async () =>
    certAction(
      routeArgs(post(await client(phone), "/x", { intent: "withdraw", id: certId }, opts), {
        stallId,
      }),
    ),
  );

async function officerQueue() {
  const o = await client(OFFICER);
  return (
    (await reviewCertLoader(routeArgs(get(o, "/officer/certificates")))) as {
      certs: { id: string }[];
    }
  ).certs.map((c) => c.id);
}

describe("certificate withdrawal", () => {
  it("the household withdraws a pending certificate: gone from its list and the officer's queue, audited, its scan left for the clean-up", async () => {
    const cert = await submit();
    expect(await officerQueue()).toContain(cert.id);
    const hh1 = await client(HH1);
    const before = (await certLoader(routeArgs(get(hh1, "/x"), { stallId: STALL }))) as {
      certs: { id: string; withdrawable: boolean }[];
    };
    expect(before.certs.find((c) => c.id === cert.id)?.withdrawable).toBe(true);

    const res = await withdraw(HH1, cert.id);
    expect(statusOf(res)).toBe(302);
    expect((res as Response).headers.get("Location")).toBe(
      `/console/stalls/${STALL}/certificates?withdrawn=1`,
    );
    expect(await prisma.certification.findUnique({ where: { id: cert.id } })).toBeNull();
    const after = (await certLoader(routeArgs(get(hh1, "/x"), { stallId: STALL }))) as {
      certs: { id: string }[];
    };
    expect(after.certs.map((c) => c.id)).not.toContain(cert.id);
    expect(await officerQueue()).not.toContain(cert.id);

    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { entity: "Certification", entityId: cert.id, action: "certificate.withdraw" },
    });
    expect(entry.actorId).toBe(hh1.userId);
    expect(JSON.parse(entry.data)).toMatchObject({
      status: "PENDING",
      number: cert.number,
      documentPath: cert.documentPath,
    });

    // the scan is now unreferenced: the clean-up job takes it (this file's own database)
    expect(await prisma.certification.count({ where: { documentPath: cert.documentPath } })).toBe(
      0,
    );
    const scan = path.join(documentsDir, cert.documentPath!);
    await fs.access(scan);
    const r = await cleanUpFiles({ graceMs: 0, now: new Date(Date.now() + 1000), adopt: false });
    expect(r.documents.removed).toBeGreaterThanOrEqual(1);
    await expect(fs.access(scan)).rejects.toThrow();

    // the officer cannot decide on it any more
    const o = await client(OFFICER);
    expect(
      statusOf(
        await settle(() =>
          reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "VERIFIED" }))),
        ),
      ),
    ).toBe(409);
  });

  it("a rejected certificate can be withdrawn", async () => {
    const cert = await submit();
    const o = await client(OFFICER);
    expect(
      statusOf(
        await settle(() =>
          reviewCert(
            routeArgs(post(o, "/x", { id: cert.id, decision: "REJECTED", note: "Ảnh mờ" })),
          ),
        ),
      ),
    ).toBe(302);
    expect(statusOf(await withdraw(HH1, cert.id))).toBe(302);
    expect(await prisma.certification.findUnique({ where: { id: cert.id } })).toBeNull();
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: cert.id, action: "certificate.withdraw" },
    });
    expect(JSON.parse(entry.data)).toMatchObject({ status: "REJECTED", reviewNote: "Ảnh mờ" });
  });

  it("a verified certificate is refused (also when the officer verified it a moment before), and offers no button", async () => {
    const cert = await submit();
    const o = await client(OFFICER);
    expect(
      statusOf(
        await settle(() =>
          reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "VERIFIED" }))),
        ),
      ),
    ).toBe(302);
    const res = await withdraw(HH1, cert.id);
    expect(statusOf(res)).toBe(409);
    expect((res as { data: { withdrawError: string } }).data.withdrawError).toBe(
      "cert.notWithdrawable",
    );
    expect(await prisma.certification.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "VERIFIED",
    });
    expect(
      await prisma.auditLog.count({ where: { entityId: cert.id, action: "certificate.withdraw" } }),
    ).toBe(0);
    const list = (await certLoader(
      routeArgs(get(await client(HH1), "/x"), { stallId: STALL }),
    )) as {
      certs: { id: string; withdrawable: boolean }[];
    };
    expect(list.certs.find((c) => c.id === cert.id)?.withdrawable).toBe(false);
  });

  it("withdrawing while an officer verifies: exactly one of them wins, never both", async () => {
    for (let i = 0; i < 3; i++) {
      const cert = await submit();
      const o = await client(OFFICER);
      const [verified, withdrawn] = await Promise.all([
        settle(() => reviewCert(routeArgs(post(o, "/x", { id: cert.id, decision: "VERIFIED" })))),
        withdraw(HH1, cert.id),
      ]);
      const row = await prisma.certification.findUnique({ where: { id: cert.id } });
      if (row) {
        expect([statusOf(verified), statusOf(withdrawn), row.status]).toEqual([
          302,
          409,
          "VERIFIED",
        ]);
      } else {
        expect([statusOf(verified), statusOf(withdrawn)]).toEqual([409, 302]);
      }
    }
  });

  it("another household gets 403 on this stall, and cannot reach it through its own stall either", async () => {
    const cert = await submit();
    expect(statusOf(await withdraw(HH2, cert.id))).toBe(403);
    // the cooperative manager does not manage hh-001's own stall either
    expect(statusOf(await withdraw(MANAGER, cert.id))).toBe(403);
    const hh2 = await prisma.user.findUniqueOrThrow({
      where: { phone: normalizePhone(HH2)! },
      include: { household: { include: { stalls: true } } },
    });
    const ownStall = hh2.household?.stalls[0];
    expect(ownStall).toBeTruthy();
    expect(statusOf(await withdraw(HH2, cert.id, ownStall!.id))).toBe(409);
    expect(await prisma.certification.findUnique({ where: { id: cert.id } })).not.toBeNull();
    expect(await officerQueue()).toContain(cert.id);
  });

  it("a post without the CSRF token is refused", async () => {
    const cert = await submit();
    expect(statusOf(await withdraw(HH1, cert.id, STALL, { csrf: false }))).toBe(403);
    expect(await prisma.certification.findUnique({ where: { id: cert.id } })).not.toBeNull();
  });
});
