import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../../app/domain/demo-users";
import { login } from "./helpers";

test("the storefront opens in Vietnamese with demo data on a 360 px phone", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Xứ Trà/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { name: "Sản phẩm OCOP nổi bật" })).toBeVisible();
  await expect(page.locator("main li").first()).toContainText("₫");
  await expect(page.getByRole("link", { name: "HTX Chè Hảo Đạt" })).toBeVisible();
  // nothing overflows the phone's width
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("English is one tap away and sticks", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Featured OCOP products" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
});

for (const user of DEMO_USERS) {
  test(`demo login: ${user.label}`, async ({ page }) => {
    await login(page, user.phone);
    const home = {
      BUYER: "/",
      HOUSEHOLD: "/console",
      COOP_MANAGER: "/console",
      OFFICER: "/officer",
      ADMIN: "/admin",
    }[user.role];
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByRole("link", { name: user.name })).toBeVisible();
    if (user.role === "HOUSEHOLD" || user.role === "COOP_MANAGER")
      await expect(page.locator("main li").first()).toContainText(/sản phẩm/);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a wrong password shows a translated error and keeps the phone", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Số điện thoại").fill("0912 000 001");
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("alert")).toContainText("Số điện thoại hoặc mật khẩu không đúng.");
    await expect(page.getByLabel("Số điện thoại")).toHaveValue("0912 000 001");
    await expect(page.getByLabel("Mật khẩu")).toHaveValue("");
  });
  test("a stranger is sent to log in and then back", async ({ page }) => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
    await page.getByLabel("Số điện thoại").fill("0912000001");
    await page.getByLabel("Mật khẩu").fill("xutra-demo-2026");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
  });
});

test("mutations from another site are refused", async ({ request }) => {
  const res = await request.post("/logout", {
    headers: { Origin: "https://evil.example" },
    form: { csrf: "x" },
  });
  expect(res.status()).toBe(403);
  const noToken = await request.post("/login", {
    form: { phone: "0912000001", password: "xutra-demo-2026" },
  });
  expect(noToken.status()).toBe(403);
});

test("a buyer cannot open the seller console", async ({ page }) => {
  await login(page, "0912000001");
  const res = await page.goto("/console");
  expect(res?.status()).toBe(403);
});
