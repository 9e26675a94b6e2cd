// The dispatcher's day at 360 px (issue 10): the manager of HTX Na La Hiên opens the
// seeded campaign's shared day from the campaign console, plans the runs (collection
// trips by motorbike, delivery waves by truck), reads each run's stops in order with
// times, sees the deliveries that cannot keep the freshness promise flagged (none is
// scheduled late) and moves one of them to the next harvest day; the buyer is told.
// The clock is not moved here: the seeded day (2027-08-12) is ahead of real time and of
// the harvest spec's clock, so the plan starts from the day's first shift. The delivery
// spec (run beside this one) moves the app's one clock into 12-13/8; this test waits
// until nobody holds it there, since a day whose hours have passed plans nothing.
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
  test.setTimeout(360_000);
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
        await admin.goto("/dev/clock");
        const text = (await admin.getByTestId("clock-now").textContent()) ?? "";
        const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.exec(text)?.[0];
        return iso ? Date.parse(`${iso}:00Z`) : Infinity;
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBeLessThan(Date.parse("2027-08-11T22:00:00Z")); // 05:00 on 12/8, before the first shift
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
  // the next day not shared yet: 13/8 unless the delivery spec shared it already
  await expect(moved).toContainText(/Đã chuyển sang ngày T[2-7CN]+, 1[3-9]\/8/);
  await expect(moved.getByRole("button", { name: "Xác nhận" })).toHaveCount(0);

  // a phone-sized page: nothing wider than the screen
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(360);

  // the buyer's SMS (the dev mailbox shows what would have been sent)
  await expect
    .poll(
      async () => {
        await admin.goto("/dev/mailbox");
        return admin.getByText(new RegExp(`${ref}.*1[3-9]/8`)).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
});
