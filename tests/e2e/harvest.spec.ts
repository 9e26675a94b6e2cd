// Flash harvest, end to end at 360 px, with the app's test clock (TEST_CLOCK, /dev/clock):
// a cooperative creates (a refused window kept) and opens a campaign; two households
// confirm tomorrow's pick, one of them with no signal (kept on the phone, "chưa gửi",
// sent when the signal returns, "đã gửi"); buyers pre-order, one over the cap (refused,
// kept); the cut-off passes; the cooperative publishes the allocation; a buyer reads
// "allocated 2 of 3 for 14/8" and why; weighing finds less, the day is re-shared and the
// buyer who loses a box gets an SMS.
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { login } from "./helpers";

test.describe.configure({ mode: "serial" });

// A year of its own, before the seeded 2027 campaign, so nothing else is due when the clock moves.
const Y = "2026";
const MANAGER = "0914000004"; // HTX Na La Hiên
const HOUSEHOLD_A = "0913000025";
const HOUSEHOLD_B = "0913000026";
const BUYERS = ["0915000001", "0915000002"];
const OVER_CAP_BUYER = "0915000003";
const ADMIN = "0912000005";
const TITLE = `Na thử ${Date.now().toString(36)}`;

async function phone(browser: Browser, who: string): Promise<Page> {
  const context = await browser.newContext({
    ...devices["Pixel 5"],
    viewport: { width: 360, height: 740 },
    locale: "vi-VN",
    baseURL: process.env.BASE_URL,
  });
  const page = await context.newPage();
  await login(page, who);
  return page;
}

let admin: Page;
async function setClock(iso: string) {
  await admin.goto("/dev/clock");
  await admin.getByLabel(/Đặt giờ/).fill(iso);
  await admin.getByRole("button", { name: "Đặt giờ" }).click();
  await expect(admin.getByTestId("clock-now")).toContainText(iso.slice(0, 16));
}

let campaignUrl = "";
let campaignPage = "";
const preorderUrls: string[] = [];

test.beforeAll(async ({ browser }) => {
  admin = await phone(browser, ADMIN);
  await setClock(`${Y}-08-10T03:00:00.000Z`);
});
test.afterAll(async () => {
  await admin.goto("/dev/clock");
  await admin.getByRole("button", { name: "Về giờ thật" }).click();
});

test("a cooperative creates a campaign (a window ending before it starts is refused, values kept) and opens it", async ({
  browser,
}) => {
  const page = await phone(browser, MANAGER);
  await page.goto("/console");
  await page
    .getByRole("link", { name: /HTX Na La Hiên/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Mùa thu hoạch" }).click();
  await page.getByRole("link", { name: "Tạo đợt thu hoạch" }).click();
  await page.getByLabel("Tên đợt thu hoạch").fill(TITLE);
  await page.getByLabel("Giá mỗi đơn vị (₫)").fill("250.000");
  await page.getByLabel("Mỗi khách đặt tối đa (đơn vị)").fill("3");
  await page.getByLabel("Giữ lại để phân loại (% số thùng hộ báo)").fill("0");
  await page.getByLabel("Ngày hái đầu tiên").fill(`${Y}-08-16`);
  await page.getByLabel("Ngày hái cuối cùng").fill(`${Y}-08-13`);
  // the two households taking part (seeded members hh-025 and hh-026)
  await page.locator("#hh-hh-025").fill("10");
  await page.locator("#hh-hh-026").fill("10");
  await page.getByRole("button", { name: "Lưu đợt thu hoạch" }).click();
  await expect(page.getByText("Ngày hái cuối phải sau hoặc bằng ngày hái đầu tiên.")).toBeVisible();
  await expect(page.getByLabel("Tên đợt thu hoạch")).toHaveValue(TITLE);
  await expect(page.locator("#hh-hh-025")).toHaveValue("10");

  await page.getByLabel("Ngày hái đầu tiên").fill(`${Y}-08-13`);
  await page.getByLabel("Ngày hái cuối cùng").fill(`${Y}-08-16`);
  await page.getByRole("button", { name: "Lưu đợt thu hoạch" }).click();
  await expect(page.getByText(/Đã tạo đợt thu hoạch/)).toBeVisible();
  campaignUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Mở nhận đặt trước" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Đang nhận đặt trước");
  campaignPage = (await page.getByRole("link", { name: /^\/campaigns\// }).textContent()) ?? "";
  expect(campaignPage).toMatch(/^\/campaigns\/na-thu-/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

async function pickRow(page: Page) {
  await page.goto("/console/picks");
  return page.getByTestId("pick-row").filter({ hasText: TITLE });
}

test("two households confirm tomorrow's pick, one of them offline", async ({ browser }) => {
  await setClock(`${Y}-08-13T10:00:00.000Z`); // 17:00 on 13/8: tomorrow is the 14th
  const a = await phone(browser, HOUSEHOLD_A);
  const rowA = await pickRow(a);
  await expect(rowA).toContainText("14/8");
  await rowA.getByLabel("Số thùng").fill("3");
  await rowA.getByLabel("Giờ sẵn sàng").fill("06:30");
  await rowA.getByRole("button", { name: "Xác nhận" }).click();
  await expect(rowA.getByTestId("offline-state")).toHaveAttribute("data-state", "sent");
  await expect(rowA.getByTestId("pick-confirmed")).toContainText("Đã báo: 3 lúc 06:30");

  const b = await phone(browser, HOUSEHOLD_B);
  const rowB = await pickRow(b);
  await b.context().setOffline(true);
  await rowB.getByLabel("Số thùng").fill("1");
  await rowB.getByRole("button", { name: "Xác nhận" }).click();
  await expect(rowB.getByTestId("offline-state")).toHaveAttribute("data-state", "pending");
  await expect(rowB.getByTestId("offline-state")).toContainText("Chưa gửi");
  await b.context().setOffline(false);
  await expect(rowB.getByTestId("offline-state")).toHaveAttribute("data-state", "sent", {
    timeout: 20_000,
  });
  await expect(rowB.getByTestId("offline-state")).toContainText("Đã gửi");
  await b.reload();
  await expect(
    b.getByTestId("pick-row").filter({ hasText: TITLE }).getByTestId("pick-confirmed"),
  ).toContainText("Đã báo: 1");
});

async function preorder(page: Page, units: string, who: string) {
  await page.goto(campaignPage);
  await page.getByLabel(/^Số thùng/).fill(units);
  await page.getByLabel("Ngày giao").selectOption(`${Y}-08-14`);
  const recipient = page.getByLabel("Người nhận");
  if (!(await recipient.inputValue())) await recipient.fill("Người mua thử");
  await page.getByLabel("Tỉnh / thành phố").selectOption("19");
  await page.getByLabel("Xã / phường").selectOption("05740");
  const tel = page.getByLabel("Số điện thoại");
  if (!(await tel.inputValue())) await tel.fill(who);
  const line = page.getByLabel("Số nhà, đường / thôn, xóm");
  if (!(await line.inputValue())) await line.fill("Xóm Đồng Dong");
  await page.getByRole("button", { name: "Đặt trước", exact: true }).click();
}

test("buyers pre-order for 14/8; one over the cap is refused and keeps what was typed", async ({
  browser,
}) => {
  const over = await phone(browser, OVER_CAP_BUYER);
  await preorder(over, "4", OVER_CAP_BUYER);
  await expect(over.getByTestId("units-error")).toBeVisible();
  await expect(over.getByLabel(/^Số thùng/)).toHaveValue("4");
  for (const b of BUYERS) {
    const page = await phone(browser, b);
    await preorder(page, "3", b);
    await expect(page).toHaveURL(/\/preorders\//);
    preorderUrls.push(new URL(page.url()).pathname);
  }
});

test("after the cut-off the cooperative publishes; a buyer sees 2 of 3 for 14/8 and why; a weighing shortfall re-shares with an SMS", async ({
  browser,
}) => {
  await setClock(`${Y}-08-13T13:01:00.000Z`); // 20:01: the 14th's cut-off has passed
  const page = await phone(browser, MANAGER);
  await page.goto(`${campaignUrl}/board?day=${Y}-08-14`);
  await page.getByRole("button", { name: "Công bố kết quả chia" }).click();
  await expect(page.getByText(/Đã công bố kết quả chia/)).toBeVisible();
  await expect(page.getByTestId("board-ledger")).toContainText(`na-thu`);
  await expect(page.getByTestId("board-awards").locator("li")).toHaveCount(2);

  const buyer = await phone(browser, BUYERS[0]);
  await buyer.goto(preorderUrls[0]);
  await expect(buyer.getByText(/Được chia 2 trên 3 .*14\/8/)).toBeVisible();
  await expect(buyer.getByText(/mỗi người được tối đa 2/)).toBeVisible();

  // weighing: household A's 3 boxes are 2 after grading
  const form = page.getByTestId("board-pick").filter({ hasText: ": 3 ·" });
  await form.locator("summary").click();
  await form.getByLabel("Số thùng đạt sau khi cân").fill("2");
  await form.getByRole("button", { name: "Sửa sau khi cân" }).click();
  await expect(page.getByText("Đã ghi số sau khi cân.")).toBeVisible();
  await page.getByRole("button", { name: "Chia lại theo số cân" }).click();
  await expect(page.getByText(/1 khách bị giảm/)).toBeVisible();

  // the board now shows 2 + 1, and exactly one of the two buyers lost a box and was told by SMS
  await expect(page.getByTestId("board-awards")).toContainText("(-1)");
  await expect
    .poll(
      async () => {
        let told = 0;
        for (const b of BUYERS) {
          await admin.goto(`/dev/mailbox?to=${b.slice(1)}`);
          told += (await admin
            .getByText(/sau khi cân, .* ngày 14\/8 thiếu hàng: bạn nhận 1 thay vì 2/)
            .count())
            ? 1
            : 0;
        }
        return told;
      },
      { timeout: 20_000 },
    )
    .toBe(1);
});
