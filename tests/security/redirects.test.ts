// Issue 8, hole 3: "come back here" parameters must never send the browser off the
// site, and odd characters get the safe default, never a 500.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS, Outsider, baseUrl } from "./support/outsider";

const ATTACKS = [
  "/\t/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/.//evil.example",
  "https://evil.example/",
  "/\u3000/evil.example",
  " //evil.example",
];

// Where a browser goes with this Location (WHATWG URL drops tabs and newlines, as browsers do).
function followed(res: Response) {
  const location = res.headers.get("Location");
  expect(location, "a redirect").toBeTruthy();
  return new URL(location!, baseUrl());
}

function staysOnSite(res: Response, what: string) {
  expect(res.status, what).toBeGreaterThanOrEqual(300);
  expect(res.status, what).toBeLessThan(400);
  expect(followed(res).origin, what).toBe(new URL(baseUrl()).origin);
}

describe("redirect targets stay on the site", () => {
  it("/lang?next=", async () => {
    for (const next of [...ATTACKS, "/%09/evil.example"]) {
      const res = await new Outsider().get(`/lang?to=en&next=${encodeURIComponent(next)}`);
      staysOnSite(res, JSON.stringify(next));
    }
    // the raw attack from the review, encoded once as a link would carry it
    staysOnSite(await new Outsider().get("/lang?next=/%09/evil.example"), "/%09/evil.example raw");
    // an honest path comes back as it was
    expect(
      followed(await new Outsider().get(`/lang?to=vi&next=${encodeURIComponent("/search?q=chè")}`))
        .pathname,
    ).toBe("/search");
  });

  it("/login redirectTo", async () => {
    for (const to of ATTACKS.slice(0, 5)) {
      const o = new Outsider();
      await o.page(`/login?redirectTo=${encodeURIComponent(to)}`);
      const res = await o.post("/login", {
        phone: DEMO_USERS[0].phone,
        password: DEMO_PASSWORD,
        redirectTo: to,
      });
      staysOnSite(res, JSON.stringify(to));
    }
  });

  it("/signup redirectTo", async () => {
    for (const to of ATTACKS.slice(0, 3)) {
      const o = new Outsider();
      await o.page("/signup");
      const res = await o.post("/signup", {
        name: "Người mua mới",
        phone: `0986${String(randomInt(1_000_000)).padStart(6, "0")}`,
        password: "mat-khau-dai-du",
        redirectTo: to,
      });
      staysOnSite(res, JSON.stringify(to));
    }
  });

  it("/cart returnTo", async () => {
    for (const to of ATTACKS) {
      const o = new Outsider();
      await o.page("/cart");
      // an unknown variant: the cart sends the browser back to returnTo with the error
      const res = await o.post("/cart", {
        intent: "add",
        variantId: "",
        quantity: "1",
        returnTo: to,
      });
      staysOnSite(res, JSON.stringify(to));
    }
  });
});
