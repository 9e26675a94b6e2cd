import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bodyClass,
  bodyLimit,
  FORM_LIMIT,
  normalisedPath,
  STAFF_FORM_LIMIT,
  WEBHOOK_LIMIT,
} from "./limits";

const UPLOAD = 15 * 1024 * 1024;

describe("body limit per kind of route", () => {
  it("classes", () => {
    expect(bodyClass("/webhooks/stripe", "application/json")).toBe("webhook");
    expect(bodyClass("/login", "application/x-www-form-urlencoded")).toBe("form");
    expect(bodyClass("/login", "multipart/form-data; boundary=x")).toBe("form"); // no files outside the console
    expect(bodyClass("/console/stalls/s1/photos", "multipart/form-data; boundary=x")).toBe(
      "upload",
    );
    expect(bodyClass("/console/stalls/s1/settings", "application/x-www-form-urlencoded")).toBe(
      "staffForm",
    );
    expect(bodyClass("/consoles", "multipart/form-data")).toBe("form");
    expect(bodyClass("/officer", undefined)).toBe("staffForm");
  });

  it("limits: forms small, uploads above the largest file the console takes, webhooks 1 MB", () => {
    expect(bodyLimit("form", UPLOAD)).toBe(FORM_LIMIT);
    expect(bodyLimit("staffForm", UPLOAD)).toBe(STAFF_FORM_LIMIT);
    expect(bodyLimit("webhook", UPLOAD)).toBe(WEBHOOK_LIMIT);
    expect(bodyLimit("upload", UPLOAD)).toBeGreaterThan(UPLOAD);
    expect(bodyLimit("upload", UPLOAD)).toBeLessThanOrEqual(UPLOAD + 1024 * 1024);
  });
});

describe("paths are judged as the app routes them", () => {
  it("ordinary paths pass unchanged, encoded words included", () => {
    expect(normalisedPath("/products/ch%C3%A8-tan-cuong?x=1")).toBe("/products/ch%C3%A8-tan-cuong");
    expect(normalisedPath("/v1.2/a..b/.well-known/gs1resolver")).toBe(
      "/v1.2/a..b/.well-known/gs1resolver",
    );
  });

  it("dot segments (plain or encoded) and backslashes are refused", () => {
    for (const p of [
      "/webhooks/%2e%2e/login",
      "/webhooks/%2E%2e/login",
      "/webhooks/../login",
      "/a/./b",
      "/webhooks/%2e",
      "/a\\b",
      "/a%5cb",
      "//evil.example/x",
      "http://evil.example/",
    ]) {
      expect(normalisedPath(p), p).toBeNull();
    }
  });

  it("whatever is accepted is already what the URL parser would route", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "a",
            "b",
            ".",
            "..",
            "%2e",
            "%2E%2e",
            "%5c",
            "\\",
            "webhooks",
            "ch%C3%A8",
            "x.y",
          ),
          { maxLength: 6 },
        ),
        (segs) => {
          const raw = `/${segs.join("/")}`;
          const p = normalisedPath(raw);
          if (p !== null) expect(new URL(p, "http://x").pathname).toBe(p);
          if (p !== null) expect(p).toBe(new URL(raw, "http://x").pathname);
        },
      ),
    );
  });
});
