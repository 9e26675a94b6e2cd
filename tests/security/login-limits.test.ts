// Issue 8, holes 2 and 5 and the carrier-NAT lock-out, attacked over HTTP:
// parallel wrong passwords on one phone, timing of known against unknown phones,
// and many failures behind one shared address (docs/decisions/0040).
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, Outsider } from "./support/outsider";

// seeded households (password xutra-demo-2026) no other security test logs in as
const household = (n: number) => `0913${String(n).padStart(6, "0")}`;
const unknownPhone = () => `0986${String(randomInt(1_000_000)).padStart(6, "0")}`;

async function wrongLogin(o: Outsider, phone: string) {
  await o.page("/login");
  const started = performance.now();
  const res = await o.post("/login", { phone, password: `sai-${randomInt(1e9)}` });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe("login limits over HTTP", () => {
  it("40 parallel wrong passwords on one phone, from 40 addresses: at most 5 are checked, the rest get 429", async () => {
    const phone = household(59);
    const outsiders = Array.from({ length: 40 }, () => new Outsider());
    await Promise.all(outsiders.map((o) => o.page("/login")));
    const statuses = await Promise.all(
      outsiders.map(
        async (o) => (await o.post("/login", { phone, password: `sai-${randomInt(1e9)}` })).status,
      ),
    );
    const checked = statuses.filter((s) => s === 401).length;
    const refused = statuses.filter((s) => s === 429).length;
    console.info(
      `[login-limits] 40 parallel wrong logins on ${phone}: ${checked} checked (401), ${refused} refused (429)`,
    );
    expect(checked).toBe(5);
    expect(refused).toBe(35);
    // the right password waits too: the lock is on the account, not the address
    const owner = new Outsider();
    await owner.page("/login");
    expect((await owner.post("/login", { phone, password: DEMO_PASSWORD })).status).toBe(429);
  });

  it("35 failures behind one address (carrier NAT) do not lock out the next person there", async () => {
    const nat = new Outsider();
    await nat.page("/login");
    for (let i = 0; i < 7; i++) {
      const burst = await Promise.all(
        Array.from({ length: 5 }, () =>
          nat.post("/login", { phone: unknownPhone(), password: "sai" }),
        ),
      );
      expect(burst.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    }
    const neighbour = new Outsider(nat.address);
    await neighbour.login(household(58));
    expect((await neighbour.get("/console")).status).toBe(200);
  });

  // Without the dummy hash an unknown phone answers several times faster than a known one
  // (scrypt N=2^15 is most of a wrong-password answer); a 35 % band catches that while
  // a busy shared machine's noise (20.6 % once, at 20 %) does not fail the suite.
  it("a wrong password takes the same time for a known phone as for an unknown one (medians within 35 %)", async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    // interleaved, each try from its own address; one known phone per try so no account limit is reached
    for (let i = 0; i < 12; i++) {
      const k = await wrongLogin(new Outsider(), household(40 + (i % 12)));
      const u = await wrongLogin(new Outsider(), unknownPhone());
      expect([k.status, u.status]).toEqual([401, 401]);
      if (i >= 2) {
        known.push(k.ms);
        unknown.push(u.ms);
      }
    }
    const [mk, mu] = [median(known), median(unknown)];
    console.info(
      `[login-timing] median wrong-password answer: known phone ${mk.toFixed(0)} ms, unknown phone ${mu.toFixed(0)} ms (10 each)`,
    );
    expect(Math.abs(mk - mu) / Math.max(mk, mu)).toBeLessThan(0.35);
  });

  it("sign-up, which says whether a number is taken, is throttled per number", async () => {
    const phone = household(57);
    const outsiders = Array.from({ length: 12 }, () => new Outsider());
    await Promise.all(outsiders.map((o) => o.page("/signup")));
    const statuses = await Promise.all(
      outsiders.map(
        async (o) =>
          (await o.post("/signup", { name: "Kẻ dò số", phone, password: "mat-khau-dai-du" }))
            .status,
      ),
    );
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});
