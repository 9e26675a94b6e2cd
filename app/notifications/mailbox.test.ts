// /dev/mailbox outside production (vitest runs NODE_ENV=test): one-time codes only for their addressee.
import { describe, expect, it } from "vitest";
import { resetPhoneCookie } from "~/account/reset.server";
import { loader } from "~/routes/dev.mailbox";
import { prisma } from "~/utils/db.server";
import { client, get } from "../../tests/helpers/http";
import { maskCodes, shownBody } from "./mailbox";

describe("masking", () => {
  it("six-digit codes are masked; order numbers, prices and phones are not", () => {
    expect(maskCodes("482913 là mã đặt lại mật khẩu Xứ Trà của bạn, dùng trong 10 phút.")).toBe(
      "•••••• là mã đặt lại mật khẩu Xứ Trà của bạn, dùng trong 10 phút.",
    );
    expect(maskCodes("Xứ Trà: đơn XT-2612-00042 (270.000 ₫) đã được đặt. Gọi +84912000001")).toBe(
      "Xứ Trà: đơn XT-2612-00042 (270.000 ₫) đã được đặt. Gọi +84912000001",
    );
    expect(
      shownBody({ channel: "SMS", to: "+84912000001", body: "123456 là mã" }, ["+84912000001"]),
    ).toBe("123456 là mã");
    expect(
      shownBody({ channel: "SMS", to: "+84912000001", body: "123456 là mã" }, ["+84912000002"]),
    ).toBe("•••••• là mã");
  });
});

describe("/dev/mailbox", () => {
  it("shows a reset code only to the account it was sent to or the browser resetting that number", async () => {
    const to = "+84912000001"; // the demo buyer
    const n = await prisma.notification.create({
      data: {
        channel: "SMS",
        to,
        subject: "Mã đặt lại mật khẩu",
        body: "654321 là mã đặt lại mật khẩu Xứ Trà của bạn",
      },
    });
    const bodyFor = async (req: Request) =>
      (
        (await loader({ request: req, params: {}, context: {} })) as {
          messages: { id: string; body: string }[];
        }
      ).messages.find((m) => m.id === n.id)!.body;

    expect(await bodyFor(get(null, "/dev/mailbox?to=912000001"))).toMatch(/^•••••• là mã/);
    expect(await bodyFor(get(await client("0912000005"), "/dev/mailbox?to=912000001"))).toMatch(
      /^•••••• là mã/,
    ); // even an admin
    expect(await bodyFor(get(await client("0912000001"), "/dev/mailbox?to=912000001"))).toMatch(
      /^654321 là mã/,
    );
    const resetting = (await resetPhoneCookie.serialize("0912 000 001")).split(";")[0];
    expect(await bodyFor(get(null, "/dev/mailbox?to=912000001", { Cookie: resetting }))).toMatch(
      /^654321 là mã/,
    );
    const other = (await resetPhoneCookie.serialize("0912 000 002")).split(";")[0];
    expect(await bodyFor(get(null, "/dev/mailbox?to=912000001", { Cookie: other }))).toMatch(
      /^•••••• là mã/,
    );
  });
});
