import { expect, test, type Browser, type Page } from "@playwright/test";
import { login } from "./helpers";

// A household takes back a certificate submission on a 360 px phone: a rejected one
// (with JavaScript) and a pending one (without), and the officer's queue follows.

const phone = { viewport: { width: 360, height: 740 }, locale: "vi-VN" } as const;
const iso = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

async function open(browser: Browser, user: string, javaScriptEnabled = true) {
  const page = await (await browser.newContext({ ...phone, javaScriptEnabled })).newPage();
  await login(page, user);
  return page;
}

async function submit(seller: Page, number: string) {
  await seller.goto("/console/stalls/stall-hh-001/certificates");
  await seller.getByLabel("Loại chứng nhận").selectOption("VIETGAP");
  await seller.getByLabel("Cơ quan cấp").fill("Trung tâm Chứng nhận VietGAP");
  await seller.getByLabel("Số quyết định / số giấy").fill(number);
  await seller.getByLabel("Ngày cấp").fill(iso(-10));
  await seller.getByLabel("Ngày hết hạn").fill(iso(700));
  await seller.getByLabel("Bản chụp giấy chứng nhận (ảnh hoặc PDF)").setInputFiles({
    name: "vietgap.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(`%PDF-1.4\n% ${number}\n%%EOF\n`),
  });
  await seller.getByRole("button", { name: "Gửi để cán bộ xét duyệt" }).click();
  await expect(seller.getByTestId("certificate").filter({ hasText: number })).toContainText(
    "Chờ xét duyệt",
  );
}

async function withdraw(seller: Page, number: string) {
  const mine = seller.getByTestId("certificate").filter({ hasText: number });
  await mine.getByText("Rút hồ sơ", { exact: true }).click();
  await expect(mine).toContainText("Hồ sơ và bản chụp sẽ bị xoá khỏi quầy");
  await mine.getByRole("button", { name: "Xác nhận rút hồ sơ" }).click();
  await expect(seller.getByRole("status")).toHaveText("Đã rút hồ sơ chứng nhận.");
  await expect(seller.getByTestId("certificate").filter({ hasText: number })).toHaveCount(0);
  expect(
    await seller.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

test("a household withdraws a rejected certificate", async ({ browser }) => {
  const number = `VG-RUT-${Date.now().toString(36)}`;
  const seller = await open(browser, "0912000002");
  await submit(seller, number);

  const officer = await open(browser, "0912000004");
  await officer.goto("/officer/certificates");
  const card = officer.getByTestId("pending-certificate").filter({ hasText: number });
  await card.getByLabel("Ghi chú (bắt buộc khi từ chối)").fill("Số quyết định không khớp");
  await card.getByRole("button", { name: "Từ chối" }).click();
  await expect(officer.getByRole("status")).toHaveText("Đã từ chối.");

  await seller.reload();
  const mine = seller.getByTestId("certificate").filter({ hasText: number });
  await expect(mine).toContainText("Bị từ chối");
  await expect(mine).toContainText("Số quyết định không khớp");
  await withdraw(seller, number);
});

test("without JavaScript, a household withdraws a pending certificate and it leaves the officer's queue; a verified one offers no withdrawal", async ({
  browser,
}) => {
  const pending = `VG-RUT-P-${Date.now().toString(36)}`;
  const verified = `VG-RUT-V-${Date.now().toString(36)}`;
  const seller = await open(browser, "0912000002", false);
  await submit(seller, pending);
  await submit(seller, verified);

  const officer = await open(browser, "0912000004");
  await officer.goto("/officer/certificates");
  await expect(officer.getByTestId("pending-certificate").filter({ hasText: pending })).toHaveCount(
    1,
  );
  await officer
    .getByTestId("pending-certificate")
    .filter({ hasText: verified })
    .getByRole("button", { name: "Xác minh" })
    .click();
  await expect(officer.getByRole("status")).toHaveText("Đã xác minh.");

  await seller.reload();
  await expect(seller.getByTestId("certificate").filter({ hasText: verified })).toContainText(
    "Đã xác minh",
  );
  await expect(
    seller
      .getByTestId("certificate")
      .filter({ hasText: verified })
      .getByText("Rút hồ sơ", { exact: true }),
  ).toHaveCount(0);
  await withdraw(seller, pending);

  await officer.goto("/officer/certificates");
  await expect(officer.getByTestId("pending-certificate").filter({ hasText: pending })).toHaveCount(
    0,
  );
});
