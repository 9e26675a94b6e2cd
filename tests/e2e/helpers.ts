import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../app/domain/demo-users";

/** Logs in through the real form, like a person would. */
export async function login(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/Số điện thoại|Phone number/).fill(phone);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole("button", { name: /Đăng nhập|Log in/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
