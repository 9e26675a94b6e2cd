import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

// Decision 0041 on a 360 px phone, without JavaScript: a cooperative invites a
// household, the household accepts and later leaves in its own console; a stall
// that changes its payout account sees VietQR paused until it is re-confirmed.
test.use({ javaScriptEnabled: false });

const MANAGER = "0914000002"; // HTX Chè Trại Cài
const HOUSEHOLD = "0913000049"; // not a member of any cooperative
const STALL_OWNER = { phone: "0913000054", stallId: "stall-hh-054" };

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

test("a household becomes a member only by accepting the invitation, and can leave", async ({
  page,
  browser,
}) => {
  await login(page, MANAGER);
  await page.goto("/console/coop/members");
  await page.getByLabel("Số điện thoại của hộ").fill(HOUSEHOLD);
  await page.getByRole("button", { name: "Mời vào HTX" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi lời mời");
  const row = page.getByRole("listitem").filter({ hasText: "0913 000 049" });
  await expect(row.getByTestId("member-status")).toContainText("đang chờ hộ đồng ý");
  await fitsThePhone(page);

  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  const household = await context.newPage();
  await login(household, HOUSEHOLD);
  await household.goto("/console");
  const invitation = household.getByTestId("invitations");
  await expect(invitation).toContainText("HTX Chè Trại Cài mời hộ vào hợp tác xã");
  await fitsThePhone(household);
  await invitation.getByRole("button", { name: "Đồng ý vào HTX" }).click();
  await expect(household.getByRole("status")).toContainText("Hộ đã vào hợp tác xã.");
  await expect(household.getByTestId("memberships")).toContainText("Thành viên HTX Chè Trại Cài");

  await page.reload();
  await expect(row.getByTestId("member-status")).toContainText("Vào HTX");

  await household.getByTestId("memberships").getByRole("button", { name: "Rời HTX" }).click();
  await expect(household.getByRole("status")).toContainText("Hộ đã rời hợp tác xã.");
  await page.reload();
  await expect(row.getByTestId("member-status")).toContainText("Đã rời");
  await context.close();
});

test("changing the payout account pauses VietQR until the SMS code is typed back", async ({
  page,
}) => {
  await login(page, STALL_OWNER.phone);
  await page.goto(`/console/stalls/${STALL_OWNER.stallId}/settings`);
  await page.getByLabel("Số tài khoản").fill("0071000999888");
  await page.getByRole("button", { name: "Lưu thông tin quầy" }).click();
  await expect(page.getByRole("status")).toContainText("VietQR tạm dừng");
  const hold = page.getByTestId("payout-hold");
  await expect(hold).toContainText("đuôi 054");
  await fitsThePhone(page);
  await hold.getByLabel("Mã 6 số trong tin nhắn").fill("12345");
  await hold.getByRole("button", { name: "Xác nhận tài khoản" }).click();
  await expect(page.getByRole("alert")).toContainText("Mã gồm 6 chữ số.");
  await expect(page.getByTestId("payout-hold")).toBeVisible();
});
