import { describe, expect, it } from "vitest";
import { inSeason, isForSale, ocopStars } from "~/domain/catalog";
import { canManageStall, type Actor } from "~/domain/roles";
import { pickLocale, translator } from "~/i18n";
import * as account from "~/i18n/account";
import * as admin from "~/i18n/admin";
import * as reset from "~/i18n/reset";
import { en, vi } from "~/i18n/common";
import { safeRedirect } from "~/utils/redirect";

const actor = (
  role: Actor["role"],
  householdId: string | null = null,
  cooperativeId: string | null = null,
): Actor => ({ id: "u", role, householdId, cooperativeId });

describe("stall ownership", () => {
  const household = { householdId: "hh-1", cooperativeId: null };
  const coop = { householdId: null, cooperativeId: "c-1" };
  it("a household manages only its own stall", () => {
    expect(canManageStall(actor("HOUSEHOLD", "hh-1"), household)).toBe(true);
    expect(canManageStall(actor("HOUSEHOLD", "hh-2"), household)).toBe(false);
    expect(canManageStall(actor("HOUSEHOLD", "hh-1"), coop)).toBe(false);
  });
  it("a manager manages only the cooperative's stalls", () => {
    expect(canManageStall(actor("COOP_MANAGER", null, "c-1"), coop)).toBe(true);
    expect(canManageStall(actor("COOP_MANAGER", null, "c-2"), coop)).toBe(false);
    expect(canManageStall(actor("COOP_MANAGER", null, "c-1"), household)).toBe(false);
  });
  it("buyers and officers manage none; admins all", () => {
    expect(canManageStall(actor("BUYER"), household)).toBe(false);
    expect(canManageStall(actor("OFFICER"), coop)).toBe(false);
    expect(canManageStall(actor("ADMIN"), coop)).toBe(true);
  });
  it("a user without a household is not the owner of an ownerless stall", () => {
    expect(
      canManageStall(actor("HOUSEHOLD", null), { householdId: null, cooperativeId: null }),
    ).toBe(false);
  });
});

describe("catalogue rules", () => {
  const p = (
    status: string,
    banned = false,
    stallStatus = "OPEN",
    deletedAt: Date | null = null,
  ) => ({ status, deletedAt, stall: { banned, status: stallStatus } });
  it("only active products of open, unbanned stalls are for sale", () => {
    expect(isForSale(p("ACTIVE"))).toBe(true);
    expect(isForSale(p("DRAFT"))).toBe(false);
    expect(isForSale(p("HIDDEN"))).toBe(false);
    expect(isForSale(p("ACTIVE", true))).toBe(false);
    expect(isForSale(p("ACTIVE", false, "CLOSED"))).toBe(false);
    expect(isForSale(p("ACTIVE", false, "OPEN", new Date()))).toBe(false);
  });
  it("OCOP stars count only when verified and unexpired", () => {
    const now = new Date("2026-06-01");
    const cert = (stars: number, status: string, expiresAt: string) => ({
      kind: "OCOP",
      stars,
      status,
      expiresAt: new Date(expiresAt),
    });
    expect(ocopStars([cert(4, "VERIFIED", "2027-01-01")], now)).toBe(4);
    expect(
      ocopStars([cert(5, "PENDING", "2027-01-01"), cert(3, "VERIFIED", "2027-01-01")], now),
    ).toBe(3);
    expect(ocopStars([cert(5, "VERIFIED", "2026-01-01")], now)).toBeNull();
  });
  it("seasons wrap the new year", () => {
    expect(inSeason(7, 9, 8)).toBe(true);
    expect(inSeason(7, 9, 10)).toBe(false);
    expect(inSeason(11, 2, 1)).toBe(true);
    expect(inSeason(11, 2, 6)).toBe(false);
  });
});

describe("i18n", () => {
  it("has an English string for every Vietnamese key", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    expect(Object.keys(admin.en).sort()).toEqual(Object.keys(admin.vi).sort());
    expect(Object.keys(account.en).sort()).toEqual(Object.keys(account.vi).sort());
    expect(Object.keys(reset.en).sort()).toEqual(Object.keys(reset.vi).sort());
  });
  it("is Vietnamese unless English was chosen with the switch (the cookie)", () => {
    expect(pickLocale("en")).toBe("en");
    expect(pickLocale("vi")).toBe("vi");
    expect(pickLocale(undefined)).toBe("vi");
    expect(pickLocale("fr")).toBe("vi");
  });
  it("fills parameters", () =>
    expect(translator("vi")("login.rateLimited", { minutes: 3 })).toContain("3 phút"));
});

describe("safeRedirect", () => {
  it.each([
    ["/console", "/console"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil", "/"],
    [null, "/"],
  ])("%s -> %s", (to, out) => expect(safeRedirect(to)).toBe(out));
});

describe("search terms", async () => {
  const { alsoKnownAs, synonymMap } = await import("~/domain/search-terms");
  it("adds the other everyday name", () => {
    expect(alsoKnownAs("Chè búp Tân Cương")).toEqual(["trà"]);
    expect(alsoKnownAs("Hồng trà Đồng Hỷ")).toEqual(["trà đen", "chè"]);
    expect(alsoKnownAs("Na La Hiên Võ Nhai")).toEqual(["mãng cầu"]);
    expect(alsoKnownAs("Gạo Bao thai")).toContain("lúa gạo");
    expect(alsoKnownAs("Nấm hương rừng")).toContain("nấm đông cô");
  });
  it("synonyms go both ways, except trà, which finds chè but not the other way", () => {
    const m = synonymMap();
    expect(m["chè"]).toBeUndefined();
    expect(m["hồng trà"]).toEqual(["trà đen"]);
    expect(m["trà"]).toContain("chè");
    expect(m["mãng cầu"]).toContain("na");
  });
});

describe("order lifecycle", async () => {
  const { canTransition, buyerMayCancel, restocksOnCancel, nextStatuses } =
    await import("~/domain/order-status");
  it("moves forward one step at a time", () => {
    expect(canTransition("NEW", "ACCEPTED")).toBe(true);
    expect(canTransition("NEW", "SHIPPED")).toBe(false);
    expect(canTransition("SHIPPED", "CANCELLED")).toBe(false);
    expect(canTransition("DELIVERED", "NEW")).toBe(false);
    expect(canTransition("BOGUS", "NEW")).toBe(false);
    expect(nextStatuses("PACKED")).toEqual(["SHIPPED", "CANCELLED"]);
  });
  it("buyers cancel only before the carrier has it, and that restocks", () => {
    expect(buyerMayCancel("PACKED")).toBe(true);
    expect(buyerMayCancel("SHIPPED")).toBe(false);
    expect(restocksOnCancel("NEW")).toBe(true);
    expect(restocksOnCancel("DELIVERED")).toBe(false);
  });
});
