// /dev/mailbox showed live password-reset codes to admins (and, outside
// production, to anyone). Under npm start (NODE_ENV=production) it is off.
import { describe, expect, it } from "vitest";
import { Outsider } from "./support/outsider";

describe("/dev/mailbox under npm start", () => {
  it("is not there: 404 for an outsider and for an admin, after a reset code was sent", async () => {
    const asker = new Outsider();
    await asker.page("/forgot-password");
    const sent = await asker.post("/forgot-password", { phone: "0912000001" });
    expect(sent.status).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 1500)); // the outbox worker delivers every second

    const outsider = await new Outsider().get("/dev/mailbox");
    expect(outsider.status).toBe(404);
    const admin = new Outsider();
    await admin.loginAs("ADMIN");
    const res = await admin.get("/dev/mailbox?to=912000001");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/\d{6} là mã đặt lại mật khẩu/);
  });
});
