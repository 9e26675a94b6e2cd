// The harness itself: the stack is up and an outsider can do what a browser does.
import { describe, expect, it } from "vitest";
import { DEMO_USERS, Outsider } from "./support/outsider";

describe("security harness", () => {
  it("an outsider gets a CSRF token from a form and logs in as a demo user through the real form", async () => {
    const o = new Outsider();
    const { res, html } = await o.page("/login");
    expect(res.status).toBe(200);
    expect(o.csrf).toBeTruthy();
    expect(html).toContain("<form");
    await o.login(DEMO_USERS[0].phone);
    const account = await o.get("/account");
    expect(account.status).toBe(200);
  });

  it("a POST without the form's token is refused", async () => {
    const o = new Outsider();
    await o.page("/login");
    const res = await o.post(
      "/login",
      { phone: DEMO_USERS[0].phone, password: "x" },
      { csrf: false },
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
