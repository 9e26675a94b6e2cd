import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

// Every console and officer screen renders on a 360 px phone without an error
// page or sideways scrolling; and a certificate goes from upload to verified.
async function fits(page: Page) {
  await expect(page.locator("main")).not.toContainText("Đã có lỗi xảy ra");
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

const PAGES: [string, string[]][] = [
  [
    "0912000002",
    [
      "/console",
      "/console/stalls/stall-hh-001/products",
      "/console/stalls/stall-hh-001/products/new",
      "/console/stalls/stall-hh-001/orders?status=ALL",
      "/console/stalls/stall-hh-001/certificates",
      "/console/stalls/stall-hh-001/sales",
      "/console/stalls/stall-hh-001/csv",
      "/console/stalls/stall-hh-001/settings",
      "/console/products/prod-141",
    ],
  ],
  [
    "0912000003",
    [
      "/console/coop/members",
      "/console/coop/orders?status=ALL",
      "/console/stalls/stall-coop-hao-dat/products/new",
    ],
  ],
  [
    "0912000004",
    [
      "/officer",
      "/officer/certificates",
      "/officer/stalls",
      "/officer/onboarding",
      "/officer/households/new",
      "/officer/households",
      "/officer/households?q=0913000020",
      "/officer/households?q=0913000003",
    ],
  ],
  ["0912000005", ["/admin", "/admin/stalls", "/admin/stalls?q=Hảo Đạt"]],
];

for (const [phone, paths] of PAGES) {
  test(`screens for ${phone} render on a phone`, async ({ page }) => {
    await login(page, phone);
    for (const p of paths) {
      const res = await page.goto(p);
      expect(res?.status(), p).toBe(200);
      await expect(page.locator("h1").first(), p).toBeVisible();
      await fits(page);
    }
  });
}

test("a household submits a VietGAP certificate; it shows pending until an officer verifies it", async ({
  browser,
}) => {
  const number = `VietGAP-E2E-${Date.now().toString(36)}`;
  const seller = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" })
  ).newPage();
  await login(seller, "0912000002");
  await seller.goto("/console/stalls/stall-hh-001/certificates");
  await seller.getByLabel("Loại chứng nhận").selectOption("VIETGAP");
  await seller.getByLabel("Cơ quan cấp").fill("Trung tâm Chứng nhận VietGAP");
  await seller.getByLabel("Số quyết định / số giấy").fill(number);
  const iso = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  await seller.getByLabel("Ngày cấp").fill(iso(-10));
  await seller.getByLabel("Ngày hết hạn").fill(iso(3 * 365)); // too long for VietGAP
  await seller.getByLabel("Bản chụp giấy chứng nhận (ảnh hoặc PDF)").setInputFiles({
    name: "vietgap.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
  });
  await seller.getByRole("button", { name: "Gửi để cán bộ xét duyệt" }).click();
  await expect(seller.getByTestId("form-errors")).toContainText(
    "VietGAP có hiệu lực tối đa 2 năm (thêm 3 tháng gia hạn).",
  );
  await expect(seller.getByLabel("Số quyết định / số giấy")).toHaveValue(number);
  await seller.getByLabel("Ngày hết hạn").fill(iso(700));
  await seller.getByLabel("Bản chụp giấy chứng nhận (ảnh hoặc PDF)").setInputFiles({
    name: "vietgap.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
  });
  await seller.getByRole("button", { name: "Gửi để cán bộ xét duyệt" }).click();
  const mine = seller.getByTestId("certificate").filter({ hasText: number });
  await expect(mine).toContainText("Chờ xét duyệt");

  const officer = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" })
  ).newPage();
  await login(officer, "0912000004");
  await officer.goto("/officer/certificates");
  const card = officer.getByTestId("pending-certificate").filter({ hasText: number });
  await card.getByRole("button", { name: "Xác minh" }).click();
  await expect(officer.getByRole("status")).toHaveText("Đã xác minh.");

  await seller.reload();
  await expect(seller.getByTestId("certificate").filter({ hasText: number })).toContainText(
    "Đã xác minh",
  );
});

test("an officer registers a new household on a phone without JavaScript; the household logs in and finds its verified stall", async ({
  browser,
}) => {
  const phone = `0978${String(Date.now()).slice(-6)}`;
  const person = `Hoàng Thị Mai ${Date.now().toString(36)}`;
  const officer = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "vi-VN",
      javaScriptEnabled: false,
    })
  ).newPage();
  await login(officer, "0912000004");
  await officer.getByRole("link", { name: "Đăng ký hộ mới" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("Đăng ký hộ sản xuất mới");
  await officer.getByLabel("Họ tên chủ hộ").fill(person);
  await officer.getByLabel("Số điện thoại của hộ").fill(phone);
  await officer.getByLabel("Xã/phường").selectOption({ label: "Tân Cương" });
  await officer.getByLabel("Thôn/xóm").fill("Xóm Hồng Thái");
  await officer.getByLabel("Tên quầy hàng").fill("Chè nhà bà Mai");
  await officer.getByLabel("Mật khẩu (chủ hộ tự chọn)").fill("ngan");
  await officer.getByRole("button", { name: "Tạo tài khoản và quầy hàng" }).click();
  // refused in Vietnamese, what was typed is kept (but not the password)
  await expect(officer.getByText("Mật khẩu cần ít nhất 8 ký tự.")).toBeVisible();
  await expect(officer.getByLabel("Họ tên chủ hộ")).toHaveValue(person);
  await expect(officer.getByLabel("Mật khẩu (chủ hộ tự chọn)")).toHaveValue("");
  await fits(officer);
  await officer.getByLabel("Mật khẩu (chủ hộ tự chọn)").fill("mai-tan-cuong-26");
  await officer.getByLabel(/Tôi đã đến tận nơi/).check();
  await officer.getByRole("button", { name: "Tạo tài khoản và quầy hàng" }).click();
  await expect(officer.getByTestId("onboard-created")).toContainText(`Đã đăng ký Hộ ${person}.`);
  await expect(officer.getByTestId("onboard-created")).toContainText("Đã xác minh");

  const household = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" })
  ).newPage();
  await login(household, phone, "mai-tan-cuong-26");
  await expect(household).toHaveURL(/\/console$/);
  await household.locator("main").getByRole("link", { name: "Chè nhà bà Mai" }).click();
  await expect(household.getByRole("heading", { level: 1 })).toHaveText("Chè nhà bà Mai");
  await expect(household.locator("main header")).toContainText("Đã xác minh");
  await fits(household);
});

test("a household puts its stall on a break: its console says so, buyers see the notice and cannot order; reopening undoes it", async ({
  browser,
}) => {
  const seller = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" })
  ).newPage();
  await login(seller, "0913000006"); // hh-006 and stall-hh-006
  await seller.goto("/console/stalls/stall-hh-006/settings");
  await seller.getByLabel("Trạng thái bán hàng").selectOption({ label: "Tạm nghỉ" });
  await seller.getByRole("button", { name: "Lưu thông tin quầy" }).click();
  await expect(seller.getByTestId("stall-closed-notice")).toContainText("Quầy đang tạm nghỉ");
  await fits(seller);

  // one of its products, as a buyer opens it
  await seller.goto("/console/stalls/stall-hh-006/products?status=ACTIVE");
  await seller.locator("main ul a[href^='/console/products/']").first().click();
  const href = await seller.getByRole("link", { name: "Xem trên chợ" }).getAttribute("href");
  const slug = href!.replace("/products/", "");
  const buyer = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" })
  ).newPage();
  await buyer.goto(`/products/${slug}`);
  await expect(buyer.getByTestId("on-break")).toBeVisible();
  await expect(buyer.getByRole("button", { name: "Quầy tạm nghỉ" })).toBeDisabled();

  await seller.goto("/console/stalls/stall-hh-006/settings");
  await seller.getByLabel("Trạng thái bán hàng").selectOption({ label: "Đang mở bán" });
  await seller.getByRole("button", { name: "Lưu thông tin quầy" }).click();
  await expect(
    seller.getByRole("status").filter({ hasText: "Đã lưu thông tin quầy." }),
  ).toBeVisible();
  await expect(seller.getByTestId("stall-closed-notice")).toHaveCount(0);
  await buyer.reload();
  await expect(buyer.getByTestId("on-break")).toHaveCount(0);
});
