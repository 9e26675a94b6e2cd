// Account journeys on a 360 px phone against the real stack: a forgotten
// password reset with the code from the SMS (read in /dev/mailbox by the browser that asked for it).
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { login } from "./helpers";

async function fitsPhone(page: Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, `${what} is wider than the phone`).toBeLessThanOrEqual(0);
}

/**
 * The newest reset code texted to `phone`, read in /dev/mailbox (DEV_MAILBOX=true,
 * scripts/test-e2e.ts) by the browser that asked for it: codes are masked for
 * everyone else. The outbox worker runs every second.
 */
async function codeFromMailbox(context: BrowserContext, phone: string): Promise<string> {
  const mailbox = await context.newPage();
  let code: string | null = null;
  await expect(async () => {
    await mailbox.goto(`/dev/mailbox?to=${phone.slice(1)}`);
    const text = (await mailbox.locator("main li").first().textContent({ timeout: 1000 })) ?? "";
    code = /(\d{6}) là mã đặt lại mật khẩu/.exec(text)?.[1] ?? null;
    expect(code).not.toBeNull();
  }).toPass({ timeout: 20_000 });
  await mailbox.close();
  return code!;
}

test("forgotten password: code by SMS, a wrong code is refused, the right one sets a new password and logs in; the old password no longer works", async ({
  page,
  browser,
  baseURL,
}) => {
  // an account of one's own (the journey changes its password), also open on a second device
  const phone = `098${String(Date.now()).slice(-7)}`;
  await page.goto("/signup");
  await page.getByLabel("Họ và tên").fill("Lò Thị Quên");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cu-2026");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).not.toHaveURL(/\/signup/);
  const other = await browser.newContext({ baseURL, locale: "vi-VN" });
  const otherPage = await other.newPage();
  await login(otherPage, phone, "mat-khau-cu-2026");
  await page.context().clearCookies();

  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await fitsPhone(page, "the forgot-password page");
  await page.getByLabel("Số điện thoại").fill(`+84 ${phone.slice(1, 4)} ${phone.slice(4)}`);
  await page.getByRole("button", { name: "Gửi mã" }).click();
  await expect(page).toHaveURL(/\/reset-password\?/);
  await expect(page.getByRole("status")).toContainText("Nếu số điện thoại này có tài khoản Xứ Trà");
  await expect(page.getByLabel("Số điện thoại")).toHaveValue(/^0\d{3} \d{3} \d{3}$/);
  await fitsPhone(page, "the reset-password page");

  const code = await codeFromMailbox(page.context(), phone);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  await page.getByLabel("Mã trong tin nhắn (6 chữ số)").fill(wrong);
  await page.getByLabel("Mật khẩu mới (ít nhất 8 ký tự)").fill("mat-khau-moi-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-2026");
  await page.getByRole("button", { name: "Đặt mật khẩu mới" }).click();
  await expect(page.getByText("Bạn còn 4 lần thử.", { exact: false })).toBeVisible();
  // what was typed stays, the passwords do not
  await expect(page.getByLabel("Mã trong tin nhắn (6 chữ số)")).toHaveValue(wrong);
  await expect(page.getByLabel("Mật khẩu mới (ít nhất 8 ký tự)")).toHaveValue("");
  await fitsPhone(page, "the reset-password page with an error");

  await page.getByLabel("Mã trong tin nhắn (6 chữ số)").fill(code);
  await page.getByLabel("Mật khẩu mới (ít nhất 8 ký tự)").fill("mat-khau-moi-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-2026");
  await page.getByRole("button", { name: "Đặt mật khẩu mới" }).click();
  await expect(page).toHaveURL(/\/account\?reset=done$/);
  await expect(page.getByRole("status")).toContainText(
    "Đã đặt mật khẩu mới và đăng nhập trên máy này.",
  );
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
  await fitsPhone(page, "the account page after a reset");

  // the other device was signed out
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();

  // the old password is refused, the new one works
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cu-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Số điện thoại hoặc mật khẩu không đúng.")).toBeVisible();
  await login(page, phone, "mat-khau-moi-2026");
});

test("forgotten password works before JavaScript loads, and in English", async ({
  page,
  browser,
  baseURL,
}) => {
  const phone = `097${String(Date.now()).slice(-7)}`;
  await page.goto("/signup");
  await page.getByLabel("Họ và tên").fill("Hà Văn Không JS");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cu-2026");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).not.toHaveURL(/\/signup/);

  // a cheap phone on 3G: plain HTML forms, English chosen
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    locale: "en-GB",
    viewport: { width: 360, height: 740 },
  });
  const bare = await context.newPage();
  await bare.goto("/login");
  // an English browser still gets Vietnamese; the header's switch chooses English
  await expect(bare.locator("html")).toHaveAttribute("lang", "vi");
  await bare.getByRole("link", { name: "English" }).click();
  await expect(bare.locator("html")).toHaveAttribute("lang", "en");
  await bare.getByRole("link", { name: "Forgot password?" }).click();
  await bare.getByLabel("Phone number").fill(phone);
  await bare.getByRole("button", { name: "Send code" }).click();
  await expect(bare.getByRole("status")).toContainText("If this phone number has a Xứ Trà account");
  const code = await codeFromMailbox(context, phone);

  // refused: the number and the code come back from the server, the passwords do not
  await bare.getByLabel("Code from the message (6 digits)").fill(code);
  await bare.getByLabel("New password (at least 8 characters)").fill("new-password-2026");
  await bare.getByLabel("New password again").fill("other-password-2026");
  await bare.getByRole("button", { name: "Set new password" }).click();
  await expect(bare.getByText("The two new passwords differ.")).toBeVisible();
  await expect(bare.getByLabel("Code from the message (6 digits)")).toHaveValue(code);
  await expect(bare.getByLabel("Phone number")).toHaveValue(/\d{3} \d{3}$/);
  await expect(bare.getByLabel("New password (at least 8 characters)")).toHaveValue("");
  await fitsPhone(bare, "the reset page without JavaScript");

  await bare.getByLabel("New password (at least 8 characters)").fill("new-password-2026");
  await bare.getByLabel("New password again").fill("new-password-2026");
  await bare.getByRole("button", { name: "Set new password" }).click();
  await expect(bare).toHaveURL(/\/account\?reset=done$/);
  await expect(bare.getByRole("status")).toContainText(
    "New password set and you are logged in on this device.",
  );
  await context.close();
});
