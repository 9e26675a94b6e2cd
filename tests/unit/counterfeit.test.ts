import { describe, expect, it } from "vitest";
import {
  coarsePlace,
  COUNTERFEIT_RULES,
  isCountableScan,
  serialFlagReason,
  showScanWarning,
} from "~/domain/counterfeit";

const now = new Date("2026-11-24T10:00:00Z");
const labelled = { status: "LABELLED", deliveredAt: null };

describe("counterfeit rules", () => {
  it("flags a serial seen on many devices", () => {
    expect(
      serialFlagReason({ devices: COUNTERFEIT_RULES.maxDevices - 1, places: 1 }, labelled, now),
    ).toBeNull();
    expect(
      serialFlagReason({ devices: COUNTERFEIT_RULES.maxDevices, places: 1 }, labelled, now),
    ).toBe("devices");
  });
  it("flags a serial seen in several places", () => {
    expect(serialFlagReason({ devices: 2, places: 2 }, labelled, now)).toBeNull();
    expect(serialFlagReason({ devices: 2, places: 3 }, labelled, now)).toBe("places");
  });
  it("flags scans long after delivery, not soon after", () => {
    const delivered = (days: number) => ({
      status: "DELIVERED",
      deliveredAt: new Date(now.getTime() - days * 864e5),
    });
    expect(serialFlagReason({ devices: 1, places: 0 }, delivered(3), now)).toBeNull();
    expect(serialFlagReason({ devices: 1, places: 0 }, delivered(31), now)).toBe("afterDelivery");
    // sold but not delivered: no delivery clock
    expect(
      serialFlagReason({ devices: 1, places: 0 }, { status: "SOLD", deliveredAt: null }, now),
    ).toBeNull();
  });
  it("warns only for serials", () => {
    expect(showScanWarning("serial", now)).toBe(true);
    expect(showScanWarning("serial", null)).toBe(false);
    expect(showScanWarning("batch", now)).toBe(false);
  });
});

describe("what counts as a scan", () => {
  const phone =
    "Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
  it("counts a person's GET", () =>
    expect(isCountableScan({ method: "GET", userAgent: phone, purpose: null })).toBe(true));
  it("ignores HEAD, prefetch, bots and link previews", () => {
    expect(isCountableScan({ method: "HEAD", userAgent: phone, purpose: null })).toBe(false);
    expect(isCountableScan({ method: "GET", userAgent: phone, purpose: "prefetch" })).toBe(false);
    expect(
      isCountableScan({
        method: "GET",
        userAgent: "Googlebot/2.1 (+http://www.google.com/bot.html)",
        purpose: null,
      }),
    ).toBe(false);
    expect(
      isCountableScan({ method: "GET", userAgent: "facebookexternalhit/1.1", purpose: null }),
    ).toBe(false);
    expect(isCountableScan({ method: "GET", userAgent: "WhatsApp/2.23.20.0", purpose: null })).toBe(
      false,
    );
    expect(
      isCountableScan({ method: "GET", userAgent: "TelegramBot (like TwitterBot)", purpose: null }),
    ).toBe(false);
    expect(isCountableScan({ method: "GET", userAgent: null, purpose: null })).toBe(false);
  });
});

describe("coarse place", () => {
  it("uses a well-formed src tag, else the Accept-Language region, never more", () => {
    expect(coarsePlace("Shop-HN", "vi-VN")).toBe("shop-hn");
    expect(coarsePlace("<script>", "vi-VN,vi;q=0.9")).toBe("VN");
    expect(coarsePlace(null, "en-GB,en;q=0.8")).toBe("GB");
    expect(coarsePlace(null, "vi")).toBeNull();
    expect(coarsePlace(null, null)).toBeNull();
  });
});
