import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { devices, expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { login } from "./helpers";

// Seller journeys on a 360 px phone (issue 4 "Done when").
const root = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(root, "tests/fixtures", name);
const dataDir = () => {
  const d = process.env.E2E_DATA_DIR;
  if (!d) throw new Error("run through `npm run test:e2e` (E2E_DATA_DIR)");
  return d;
};

/** Test-only database step (tests/e2e/support/db.ts) against the running stack's database. */
function db<T>(...args: string[]): T {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "tests/e2e/support/db.ts"), ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir(),
        DATABASE_URL: `file:${path.join(dataDir(), "app.db")}`,
        SESSION_SECRET: "e2e-support-script-not-a-session-secret-0000",
      },
      encoding: "utf8",
    },
  );
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

function exifHasGps(exif: Buffer | undefined) {
  return !!exif && exif.includes(Buffer.from([0x25, 0x88])); // GPSInfo tag (little endian) anywhere in the block
}

async function noOverflow(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

test("a household lists a product from a phone photo, finds it in search, and packs and ships its order", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const name = `Chè móc câu thử ${Date.now().toString(36)}`;
  await login(page, "0912000002");
  await expect(page).toHaveURL(/\/console$/);
  await page
    .locator("main")
    .getByRole("link", { name: /Tân Cương/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/console\/stalls\/stall-hh-001\/products/);
  await page.getByRole("link", { name: "Thêm sản phẩm" }).click();

  await page.getByLabel("Tên sản phẩm").fill(name);
  await page.getByLabel("Ảnh sản phẩm").setInputFiles(fixture("phone-gps.jpg"));
  await expect(page.getByAltText("Xem trước ảnh")).toBeVisible(); // preview before sending
  await page.getByLabel("Danh mục").selectOption({ label: "Chè & trà" });
  await page
    .getByLabel("Mô tả")
    .fill("Chè móc câu Tân Cương, hái một tôm hai lá, sao tay bằng chảo gang.");
  await page.getByLabel("Quy cách (gói, cân nặng)").fill("Túi 200 g");
  await page.getByLabel("Giá (₫)").fill("250k");
  await page.getByLabel("Tồn kho").fill("20");
  await noOverflow(page);
  await page.getByRole("button", { name: "Đăng bán" }).click();

  await expect(page.getByTestId("product-status")).toHaveText("Đang bán");
  await expect(page.getByRole("status")).toContainText("Sản phẩm đang được bán");
  const hash = await page.getByTestId("managed-photo").first().getAttribute("data-hash");
  expect(hash).toMatch(/^[0-9a-f]{32}$/);

  // the stored files carry no EXIF, so no GPS (the fixture does carry it)
  expect(exifHasGps((await sharp(fixture("phone-gps.jpg")).metadata()).exif)).toBe(true);
  const dir = path.join(dataDir(), "uploads", hash!);
  const files = fs.readdirSync(dir);
  expect(files.length).toBe(12);
  for (const f of files) {
    const meta = await sharp(path.join(dir, f)).metadata();
    expect(meta.exif, f).toBeUndefined();
  }
  // and the photo served to buyers is upright (the phone held it sideways)
  const served = await page.request.get(`/images/${hash}/640.jpg`);
  expect(served.ok()).toBe(true);
  const servedMeta = await sharp(await served.body()).metadata();
  expect(servedMeta.exif).toBeUndefined();
  expect(servedMeta.height! > servedMeta.width!).toBe(true);

  // search picks it up through the outbox worker within seconds
  await expect(async () => {
    await page.goto(`/search?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // a buyer (guest, own browser) finds it and orders it through the storefront, cash on delivery
  const buyerContext = await browser.newContext({
    ...devices["Pixel 5"],
    viewport: { width: 360, height: 740 },
    locale: "vi-VN",
  });
  const buyer = await buyerContext.newPage();
  await buyer.goto(`/search?q=${encodeURIComponent(name)}`);
  await buyer.getByRole("link", { name }).first().click();
  await buyer.getByRole("button", { name: "Thêm vào giỏ" }).click();
  await expect(buyer).toHaveURL(/\/cart\?added=1/);
  await buyer.getByRole("link", { name: "Đặt hàng" }).click();
  await buyer.getByLabel("Người nhận").fill("Trần Thị Mua");
  await buyer.getByLabel("Số điện thoại").fill("0987 111 222");
  await buyer.getByLabel("Tỉnh / thành phố").selectOption({ label: "Thái Nguyên" });
  await buyer.getByLabel("Xã / phường").selectOption({ label: "Tân Cương" });
  await buyer.getByLabel("Số nhà, đường / thôn, xóm").fill("Xóm Nam Thái");
  await buyer.getByLabel(/Thanh toán khi nhận hàng/).check();
  await buyer.getByRole("button", { name: /^Đặt hàng/ }).click();
  await expect(buyer.getByRole("heading", { name: "Đặt hàng thành công" })).toBeVisible();
  const orderNumber = (await buyer.getByTestId("order").first().innerText()).match(
    /XT-\d{4}-\d{5}/,
  )![0];
  await buyerContext.close();

  await page.goto("/console/stalls/stall-hh-001/orders");
  await page.getByRole("link", { name: orderNumber }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Mới");
  await noOverflow(page);
  for (const [button, status] of [
    ["Nhận đơn", "Đã nhận"],
    ["Đã đóng gói", "Đã đóng gói"],
    ["Đã giao cho bên vận chuyển", "Đã giao vận chuyển"],
  ]) {
    if (status === "Đã giao vận chuyển") {
      await page.getByLabel("Đơn vị vận chuyển").selectOption({ label: "Viettel Post" });
      await page.getByLabel("Mã vận đơn (nếu có)").fill("VTP1234567");
      await noOverflow(page);
    }
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(page.getByTestId("order-status")).toHaveText(status);
  }
  await expect(page.getByTestId("shipment")).toHaveText(
    "Đơn vị vận chuyển: Viettel Post · VTP1234567",
  );
  // the buyer paid cash to the carrier: the seller records it
  await page.getByRole("button", { name: "Xác nhận đã thu tiền mặt" }).click();
  await expect(page.getByTestId("payment-status")).toHaveText("Đã thanh toán");
  // the packing slip carries the order QR
  await page.goto(`${page.url().split("?")[0]}/slip`);
  await expect(page.getByTestId("packing-slip")).toContainText(orderNumber);
  await expect(page.getByTestId("packing-slip").locator("svg")).toBeVisible();
});

test("a cooperative manager imports 50 products by CSV: the bad row is reported and nothing is written until it is fixed", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = `CSV${Date.now().toString(36)}`;
  const file = (bad: boolean) => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      [
        `Chè ${tag} số ${i + 1}`,
        "che",
        "DRAFT",
        "hh-003",
        "Chè búp sao tay",
        "Túi 200 g",
        bad && i === 6 ? "hai trăm" : `${150 + i}.000`,
        "10",
      ].join(";"),
    );
    return {
      name: "san-pham.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "\uFEFF" +
          [
            "name;category;status;producer_household_id;description;variant_label;price_vnd;stock",
            ...rows,
          ].join("\r\n"),
      ),
    };
  };
  await login(page, "0912000003");
  await page.goto("/console/stalls/stall-coop-hao-dat/csv");
  await page.getByLabel("Tệp CSV").setInputFiles(file(true));
  await page.getByRole("button", { name: "Kiểm tra trước" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 dòng có lỗi" })).toBeVisible();
  await expect(page.getByTestId("csv-problem")).toHaveCount(1);
  await expect(page.getByTestId("csv-problem")).toContainText("Dòng 8");
  await expect(page.getByTestId("csv-problem")).toContainText("Giá không hợp lệ");
  await expect(page.getByRole("button", { name: /Ghi .* dòng/ })).toHaveCount(0);
  expect(db<{ count: number }>("count-products", "stall-coop-hao-dat", `Chè ${tag} `).count).toBe(
    0,
  );

  await page.getByLabel("Tệp CSV").setInputFiles(file(false));
  await page.getByRole("button", { name: "Kiểm tra trước" }).click();
  await expect(page.getByText("Không có lỗi")).toBeVisible();
  expect(db<{ count: number }>("count-products", "stall-coop-hao-dat", `Chè ${tag} `).count).toBe(
    0,
  ); // still a dry run
  await page.getByRole("button", { name: "Ghi 50 dòng vào quầy" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Đã nhập 50 dòng (50 sản phẩm mới, 0 cập nhật)",
  );
  expect(db<{ count: number }>("count-products", "stall-coop-hao-dat", `Chè ${tag} `).count).toBe(
    50,
  );
  await page.goto("/console/stalls/stall-coop-hao-dat/products?status=DRAFT");
  await expect(page.getByRole("link", { name: `Chè ${tag} số 7`, exact: true })).toBeVisible();
});

test("a household cannot edit another household's product by posting to its URL", async ({
  page,
  browser,
}) => {
  const product = "prod-141"; // on stall-hh-001 (household hh-001)
  await login(page, "0913000002"); // household hh-002
  await page.goto("/console");
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const res = await page.request.post(`/console/products/${product}`, {
    form: { csrf, name: "Hàng của tôi", intent: "draft" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  const hide = await page.request.post(`/console/products/${product}`, {
    form: { csrf, _action: "delete" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(hide.status()).toBe(403);
  expect(
    (await page.request.get(`/console/products/${product}`, { maxRedirects: 0 })).status(),
  ).toBe(403);

  // the owner still sees it unchanged
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await login(ownerPage, "0912000002");
  await ownerPage.goto(`/console/products/${product}`);
  await expect(ownerPage.getByRole("heading", { level: 1 })).not.toHaveText("Hàng của tôi");
  await expect(ownerPage.getByTestId("product-status")).toHaveText("Đang bán");
  await owner.close();
});

test("adding a photo on a slow connection shows a preview and a progress bar; a non-image is refused in Vietnamese", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page, "0912000002");
  await page.goto("/console/products/prod-142");
  const before = await page.getByTestId("managed-photo").count();
  await page.getByLabel("Thêm ảnh").setInputFiles(fixture("not-an-image.jpg"));
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Tệp này không phải là ảnh" }),
  ).toBeVisible();
  await expect(page.getByTestId("managed-photo")).toHaveCount(before);

  // 3G-like upload: ~40 kB/s, so the 160 kB photo takes a few seconds
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 100,
    downloadThroughput: 200_000,
    uploadThroughput: 40_000,
  });
  await page.getByLabel("Thêm ảnh").setInputFiles(fixture("phone-gps.jpg"));
  await expect(page.getByAltText("Xem trước ảnh")).toBeVisible();
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(page.getByRole("progressbar", { name: "Đang tải ảnh lên" })).toBeVisible();
  await expect(page.getByText(/Đang tải lên… \d+%/)).toBeVisible();
  await expect(page.getByTestId("managed-photo")).toHaveCount(before + 1, { timeout: 30_000 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
});

test("a new product's first photo on a slow connection shows its upload progress; a bad photo is a field error that keeps the form", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const name = `Chè thử mạng chậm ${Date.now().toString(36)}`;
  await login(page, "0912000002");
  await page.goto("/console/stalls/stall-hh-001/products/new");
  await page.getByLabel("Tên sản phẩm").fill(name);
  await page.getByLabel("Ảnh sản phẩm").setInputFiles(fixture("truncated.jpg"));
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Ảnh bị hỏng" })).toBeVisible();
  await expect(page.getByLabel("Tên sản phẩm")).toHaveValue(name);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 100,
    downloadThroughput: 200_000,
    uploadThroughput: 40_000,
  });
  await page.getByLabel("Ảnh sản phẩm").setInputFiles(fixture("phone-gps.jpg"));
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("progressbar", { name: "Đang tải ảnh lên" })).toBeVisible();
  await expect(page.getByText(/Đang tải lên… \d+%/)).toBeVisible();
  await expect(page.getByTestId("product-status")).toHaveText("Bản nháp", { timeout: 30_000 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("managed-photo")).toHaveCount(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the product form answers in Vietnamese and keeps what was typed", async ({ page }) => {
    await login(page, "0912000002");
    await page.goto("/console/stalls/stall-hh-001/products/new");
    await page.getByLabel("Tên sản phẩm").fill("Chè nõn tôm không JS");
    await page.getByLabel("Mô tả").fill("Ngon");
    await page.getByLabel("Quy cách (gói, cân nặng)").fill("Túi 100 g");
    await page.getByLabel("Giá (₫)").fill("hai trăm");
    await page.getByRole("button", { name: "Đăng bán" }).click();
    await expect(page.getByText("Giá không hợp lệ. Ví dụ: 250.000 hoặc 250k.")).toBeVisible();
    await expect(page.getByLabel("Tên sản phẩm")).toHaveValue("Chè nõn tôm không JS");
    await expect(page.getByLabel("Giá (₫)")).toHaveValue("hai trăm");
    await expect(page.getByLabel("Quy cách (gói, cân nặng)")).toHaveValue("Túi 100 g");
    // field errors first, then the publishing rules
    await page.getByLabel("Giá (₫)").fill("120.000");
    await page.getByRole("button", { name: "Đăng bán" }).click();
    await expect(page.getByText("Chọn danh mục trước khi đăng bán.")).toBeVisible();
    await expect(
      page.getByText("Viết vài câu mô tả (ít nhất 10 chữ) trước khi đăng bán."),
    ).toBeVisible();
    await expect(page.getByLabel("Mô tả")).toHaveValue("Ngon");
    await expect(page.getByLabel("Giá (₫)")).toHaveValue("120.000");
  });
});
