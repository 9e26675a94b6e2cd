// A payout-account change puts VietQR for the stall on hold until re-confirmed
// (docs/decisions/0041): by the SMS code sent to the owner's phone, or an officer.
import { describe, expect, it } from "vitest";
import { confirmPayoutCode } from "~/stalls/payout.server";
import {
  action as settingsAction,
  loader as settingsLoader,
} from "~/routes/console.stalls.$stallId.settings";
import {
  action as officerStallsAction,
  loader as officerStallsLoader,
} from "~/routes/officer.stalls";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout._index";
import { vietQrFor } from "~/payments/vietqr.server";
import { prisma } from "~/utils/db.server";
import { addressFields, keepCookies, makeProduct, makeStall } from "../../tests/helpers/buyer";
import { client, get, post, settle, type Client } from "../../tests/helpers/http";
import { uid } from "../../tests/helpers/seller";

const OWNER = "0913000048"; // household hh-048's login
const OWNER_E164 = "+84913000048";
const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const location = (r: unknown) => (r instanceof Response ? r.headers.get("Location") : null);

async function stallOfOwner() {
  const tag = uid("payout");
  const stall = await makeStall(tag, { householdId: "hh-048" });
  return { stall, tag };
}

function settingsFields(
  stall: { name: string; communeCode: string; phone: string | null },
  bank: { bankBin: string; bankAccount: string; bankAccountName: string },
  phone = stall.phone ?? "",
) {
  return {
    name: stall.name,
    story: "",
    communeCode: stall.communeCode,
    phone: phone.replace("+84", "0"),
    status: "OPEN",
    offersPickup: "on",
    shippingFee: "30000",
    freeShippingFrom: "",
    ...bank,
  };
}

async function lastCode(stallName: string): Promise<string> {
  const row = await prisma.outbox.findFirstOrThrow({
    where: { topic: "notify.sms", payload: { contains: stallName } },
    orderBy: { id: "desc" },
  });
  const payload = JSON.parse(row.payload) as { template: string; code: string };
  expect(payload.template).toBe("payout.confirm");
  return payload.code;
}

describe("payout account change", () => {
  it("puts VietQR on hold, sends a code to the owner's own phone (not the new stall phone), and the code releases it", async () => {
    const { stall } = await stallOfOwner();
    const owner = await client(OWNER);
    // same save: new account AND a new contact phone for the stall (a thief would do both)
    const res = await settle(() =>
      settingsAction(
        args(
          post(
            owner,
            "/x",
            settingsFields(
              stall,
              { bankBin: "970436", bankAccount: "0011002233445", bankAccountName: "KE LA MAT" },
              "0987000111",
            ),
          ),
          { stallId: stall.id },
        ),
      ),
    );
    expect(location(res)).toBe(`/console/stalls/${stall.id}/settings?saved=payoutHeld`);
    const held = await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } });
    expect(held.payoutHoldSince).not.toBeNull();
    expect(held.verification).toBe("VERIFIED");
    expect(await vietQrFor({ number: "X-1", totalVnd: 1000 }, held)).toBeNull();
    const sms = await prisma.outbox.findFirstOrThrow({
      where: { topic: "notify.sms", payload: { contains: stall.name } },
      orderBy: { id: "desc" },
    });
    expect(sms.key).toBe(OWNER_E164);
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: "stall.payout.change", entityId: stall.id },
    });
    expect(JSON.parse(log.data)).toMatchObject({
      from: { account: "••••0123" },
      to: { account: "••••3445" },
      held: true,
      codeSent: true,
    });
    expect(log.data).not.toContain("0011002233445");
    // the settings page says so
    const page = (await settingsLoader(args(get(owner, "/x"), { stallId: stall.id }))) as {
      payoutHold: { phoneEnding: string } | null;
    };
    expect(page.payoutHold?.phoneEnding).toBe("048");

    // a wrong code, then the right one
    const code = await lastCode(stall.name);
    const wrong = await settle(() =>
      settingsAction(
        args(
          post(owner, "/x", {
            _action: "confirmPayout",
            code: code === "000000" ? "111111" : "000000",
          }),
          { stallId: stall.id },
        ),
      ),
    );
    expect(status(wrong)).toBe(400);
    const ok = await settle(() =>
      settingsAction(
        args(
          post(owner, "/x", {
            _action: "confirmPayout",
            code: `${code.slice(0, 3)} ${code.slice(3)}`,
          }),
          { stallId: stall.id },
        ),
      ),
    );
    expect(location(ok)).toBe(`/console/stalls/${stall.id}/settings?saved=payoutConfirmed`);
    const after = await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } });
    expect(after.payoutHoldSince).toBeNull();
    expect(await vietQrFor({ number: "X-1", totalVnd: 1000 }, after)).not.toBeNull();
    expect(
      await prisma.auditLog.count({
        where: { action: "stall.payout.confirm", entityId: stall.id },
      }),
    ).toBe(1);
  });

  it("a save that leaves the account as it was keeps VietQR on", async () => {
    const { stall } = await stallOfOwner();
    const owner = await client(OWNER);
    const res = await settle(() =>
      settingsAction(
        args(
          post(
            owner,
            "/x",
            settingsFields(
              { ...stall, name: `${stall.name} mới` },
              {
                bankBin: stall.bankBin!,
                bankAccount: stall.bankAccount!,
                bankAccountName: stall.bankAccountName!,
              },
            ),
          ),
          { stallId: stall.id },
        ),
      ),
    );
    expect(location(res)).toBe(`/console/stalls/${stall.id}/settings?saved=1`);
    expect(
      (await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).payoutHoldSince,
    ).toBeNull();
  });

  it("checkout does not offer VietQR for a stall on hold, and refuses it if posted anyway", async () => {
    const { stall, tag } = await stallOfOwner();
    await makeProduct(stall.id, tag);
    await prisma.stall.update({ where: { id: stall.id }, data: { payoutHoldSince: new Date() } });
    const buyer: Client = await client();
    keepCookies(
      buyer,
      (await settle(() =>
        cartAction(
          args(
            post(buyer, "/cart", {
              intent: "add",
              variantId: `var-${tag}`,
              quantity: "1",
              returnTo: "/",
            }),
          ),
        ),
      )) as Response,
    );
    const page = (await checkoutLoader(args(get(buyer, "/checkout")))) as { vietqrHeld: string[] };
    expect(page.vietqrHeld).toEqual([stall.name]);
    const res = await settle(() =>
      checkoutAction(args(post(buyer, "/checkout", addressFields("VIETQR")))),
    );
    expect(status(res)).toBe(409);
    expect(await prisma.order.count({ where: { stallId: stall.id } })).toBe(0);
    // cash on delivery still works
    expect(
      status(
        await settle(() => checkoutAction(args(post(buyer, "/checkout", addressFields("COD"))))),
      ),
    ).toBe(302);
  });

  it("a burst of guesses at the code compares at most five", async () => {
    const { stall } = await stallOfOwner();
    const owner = await client(OWNER);
    await settle(() =>
      settingsAction(
        args(
          post(
            owner,
            "/x",
            settingsFields(stall, {
              bankBin: "970436",
              bankAccount: "0099887766",
              bankAccountName: "AI DO",
            }),
          ),
          { stallId: stall.id },
        ),
      ),
    );
    const user = { id: owner.userId! } as never;
    const code = await lastCode(stall.name);
    const wrongs = Array.from({ length: 30 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"),
    );
    const results = await Promise.all(wrongs.map((c) => confirmPayoutCode(user, stall.id, c)));
    expect(results.every((r) => r.kind !== "confirmed")).toBe(true);
    expect(
      (await prisma.payoutCode.findFirstOrThrow({ where: { stallId: stall.id } })).attempts,
    ).toBe(5);
    // the right code no longer works: the code is void, still on hold
    expect((await confirmPayoutCode(user, stall.id, code)).kind).not.toBe("confirmed");
    expect(
      (await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).payoutHoldSince,
    ).not.toBeNull();
  });

  it("an extension officer can release the hold after checking with the owner; others cannot", async () => {
    const { stall } = await stallOfOwner();
    await prisma.stall.update({ where: { id: stall.id }, data: { payoutHoldSince: new Date() } });
    const officer = await client("0912000004");
    const list = (await officerStallsLoader(args(get(officer, "/officer/stalls")))) as {
      held: { id: string; account: string }[];
    };
    expect(list.held.find((s) => s.id === stall.id)?.account).toContain(stall.bankAccount!);
    for (const phone of [OWNER, "0912000001", "0912000003"]) {
      const c = await client(phone);
      expect(
        status(
          await settle(() =>
            officerStallsAction(
              args(post(c, "/x", { _action: "releasePayout", stallId: stall.id })),
            ),
          ),
        ),
      ).toBe(403);
    }
    expect(
      (await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).payoutHoldSince,
    ).not.toBeNull();
    const res = await settle(() =>
      officerStallsAction(
        args(
          post(officer, "/x", {
            _action: "releasePayout",
            stallId: stall.id,
            note: "Gọi điện cho chủ hộ",
          }),
        ),
      ),
    );
    expect(location(res)).toBe("/officer/stalls?payout=released");
    expect(
      (await prisma.stall.findUniqueOrThrow({ where: { id: stall.id } })).payoutHoldSince,
    ).toBeNull();
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: "stall.payout.confirm", entityId: stall.id },
    });
    expect(JSON.parse(log.data)).toMatchObject({ via: "officer" });
  });
});
