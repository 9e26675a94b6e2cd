import { describe, expect, it } from "vitest";
import { crc16, hasValidCrc, parseEmv, transferNote, vietQrPayload } from "~/domain/vietqr";

describe("VietQR (NAPAS 247 EMVCo payload)", () => {
  it("CRC-16/CCITT-FALSE matches the standard check value", () => {
    expect(crc16("123456789")).toBe("29B1");
  });

  it("CRC matches real VietQR codes issued by banks and payment gateways", () => {
    // A payOS code as issued (note "TL89 100" in tag 62/08).
    expect(
      hasValidCrc(
        "00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346",
      ),
    ).toBe(true);
    // A card-transfer example with its published CRC.
    expect(
      crc16(
        "00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304",
      ),
    ).toBe("A203");
    // one digit changed -> CRC no longer matches
    expect(
      hasValidCrc(
        "00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540480005802VN62120808TL89 1006304E346",
      ),
    ).toBe(false);
  });

  it("builds exactly the payload of a known-good transfer QR", () => {
    expect(
      vietQrPayload({
        bankBin: "970415",
        accountNumber: "0011001932418",
        amountVnd: 120000,
        note: "ung ho lu lut",
      }),
    ).toBe(
      "00020101021238570010A0000007270127000697041501130011001932418" +
        "0208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C",
    );
    expect(
      vietQrPayload({
        bankBin: "970422",
        accountNumber: "VQRQADAIJ5512",
        amountVnd: 7000,
        note: "TL89 100",
      }),
    ).toBe(
      "00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346",
    );
  });

  it("carries bank, account, amount and order reference in the right fields", () => {
    const p = vietQrPayload({
      bankBin: "970405",
      accountNumber: "1500000000003",
      amountVnd: 455000,
      note: "XT-2611-00042",
    });
    const top = parseEmv(p);
    expect(top["01"]).toBe("12");
    expect(top["53"]).toBe("704");
    expect(top["54"]).toBe("455000");
    expect(top["58"]).toBe("VN");
    const merchant = parseEmv(top["38"]);
    expect(merchant["00"]).toBe("A000000727");
    expect(parseEmv(merchant["01"])).toEqual({ "00": "970405", "01": "1500000000003" });
    expect(parseEmv(top["62"])["08"]).toBe("XT-2611-00042");
    expect(hasValidCrc(p)).toBe(true);
  });

  it("static QR without amount, accents removed from the note, bad input refused", () => {
    expect(parseEmv(vietQrPayload({ bankBin: "970405", accountNumber: "123" }))["01"]).toBe("11");
    expect(transferNote("Đơn hàng Chè Tân Cương!")).toBe("Don hang Che Tan Cuong");
    expect(() => vietQrPayload({ bankBin: "12345", accountNumber: "1" })).toThrow();
    expect(() =>
      vietQrPayload({ bankBin: "970405", accountNumber: "1", amountVnd: 1.5 }),
    ).toThrow();
  });
});
