import { describe, expect, it } from "vitest";
import { addMonths, certificateProblems, certificateState, isPdf, verifyRefusal } from "./rules";
import { en, vi } from "./strings";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const now = d("2026-11-24");

describe("certificate rules", () => {
  it("VietGAP: at most 2 years + 3 months grace", () => {
    expect(
      certificateProblems(
        { kind: "VIETGAP", stars: null, issuedAt: d("2026-01-10"), expiresAt: d("2028-04-10") },
        now,
      ),
    ).toEqual([]);
    expect(
      certificateProblems(
        { kind: "VIETGAP", stars: null, issuedAt: d("2026-01-10"), expiresAt: d("2028-04-11") },
        now,
      ),
    ).toEqual([["expiresAt", "cert.vietgapTooLong"]]);
  });
  it("OCOP needs 3 to 5 stars; expiry after issue; not expired", () => {
    expect(
      certificateProblems(
        { kind: "OCOP", stars: 2, issuedAt: d("2026-01-01"), expiresAt: d("2029-01-01") },
        now,
      ),
    ).toEqual([["stars", "cert.starsInvalid"]]);
    expect(
      certificateProblems(
        { kind: "OCOP", stars: 4, issuedAt: d("2026-01-01"), expiresAt: d("2025-01-01") },
        now,
      ),
    ).toEqual([["expiresAt", "cert.expiryBeforeIssue"]]);
    expect(
      certificateProblems(
        { kind: "OCOP", stars: 4, issuedAt: d("2023-01-01"), expiresAt: d("2026-01-01") },
        now,
      ),
    ).toEqual([["expiresAt", "cert.expired"]]);
  });
  it("state: only verified and unexpired counts as verified", () => {
    expect(certificateState({ status: "VERIFIED", expiresAt: d("2026-11-01") }, now)).toBe(
      "EXPIRED",
    );
    expect(certificateState({ status: "VERIFIED", expiresAt: d("2027-11-01") }, now)).toBe(
      "VERIFIED",
    );
    expect(certificateState({ status: "PENDING", expiresAt: d("2027-11-01") }, now)).toBe(
      "PENDING",
    );
  });
  it("month arithmetic clamps to the month end; PDF magic bytes", () => {
    expect(addMonths(d("2026-01-31"), 1).toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(isPdf(Buffer.from("%PDF-1.7"))).toBe(true);
    expect(isPdf(Buffer.from("<html>"))).toBe(false);
  });

  it("verifying needs the document and an unexpired certificate", () => {
    const ok = { documentPath: "ab.pdf", expiresAt: d("2027-01-01") };
    expect(verifyRefusal(ok, now)).toBeNull();
    expect(verifyRefusal({ ...ok, documentPath: null }, now)).toBe("cert.verifyNeedsDocument");
    expect(verifyRefusal({ ...ok, documentPath: "" }, now)).toBe("cert.verifyNeedsDocument");
    expect(verifyRefusal({ ...ok, expiresAt: now }, now)).toBe("cert.expired");
  });
});

describe("certificate dictionary", () => {
  it("every Vietnamese key has an English text, and no text is empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries({ ...vi, ...en })) expect(v.trim(), k).not.toBe("");
  });
});
