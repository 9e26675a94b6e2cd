// The dispatcher's day at 360 px (issue 10): the manager of HTX Na La Hiên opens the
// seeded campaign's shared day from the campaign console, plans the runs (collection
// trips by motorbike, delivery waves by truck), reads each run's stops in order with
// times, sees the deliveries that cannot keep the freshness promise flagged (none is
// scheduled late) and moves one of them to the next harvest day; the buyer is told.
// The clock is not moved: the seeded day (2027-08-12) is ahead of real time and of any
// time the harvest spec sets, so the plan starts from the day's first shift.
import { expect, test } from "@playwright/test";
import { login } from "./helpers";

const MANAGER = "0914000004"; // HTX Na La Hiên
const ADMIN = "0912000005";
const CAMPAIGN = "hc-na-la-hien-2027";
const DAY = "2027-08-12";

test("the dispatcher plans the seeded day and moves a delivery that cannot keep the promise to the next day", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await login(page, MANAGER);
  await page.goto(`/console/campaigns/${CAMPAIGN}`);
  await page.getByRole("link", { name: "Chuyến xe trong ngày" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/campaigns/${CAMPAIGN}/runs`));
  await page.getByLabel("Ngày", { exact: true }).selectOption(DAY);
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Chuyến xe ngày");

  await page.getByRole("button", { name: "Lập kế hoạch chuyến xe" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lập kế hoạch (bản số", {
    timeout: 60_000,
  });
  const runs = page.getByTestId("dispatch-run");
  expect(await runs.count()).toBeGreaterThan(2);
  await expect(runs.first()).toContainText("Lấy hàng ở vườn → điểm tập kết");
  await expect(page.getByTestId("dispatch-run").filter({ hasText: "Giao" }).first()).toContainText(
    "hạn tươi",
  );
  await expect(page.getByTestId("dispatch-summary")).toContainText("giữ được cam kết");

  // flagged, not scheduled late: each says why
  const flagged = page.getByTestId("dispatch-exception");
  expect(await flagged.count()).toBeGreaterThan(0);
  const one = flagged.first();
  await expect(one).toContainText(/cam kết|kín lịch|khung giờ/);
  const ref = ((await one.locator("p").first().textContent()) ?? "").split(" · ")[0];
  expect(ref).toMatch(/^DT-/);
  await one.getByLabel("Chuyển sang ngày hái sau").check();
  await one.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByRole("status")).toContainText("Đã ghi cách xử lý");
  const moved = page.getByTestId("dispatch-exception").filter({ hasText: ref });
  await expect(moved).toContainText("Đã chuyển sang ngày T6, 13/8");
  await expect(moved.getByRole("button", { name: "Xác nhận" })).toHaveCount(0);

  // a phone-sized page: nothing wider than the screen
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(360);

  // the buyer's SMS (the dev mailbox shows what would have been sent)
  const admin = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "vi-VN",
      baseURL: process.env.BASE_URL,
    })
  ).newPage();
  await login(admin, ADMIN);
  await expect
    .poll(
      async () => {
        await admin.goto("/dev/mailbox");
        return admin.getByText(new RegExp(`${ref}.*13/8`)).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
});
