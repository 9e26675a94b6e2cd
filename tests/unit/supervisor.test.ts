// The supervisor's rules (scripts/start.ts): restart back-off, what it logs about a
// death, when the Stripe test server runs, and the Meilisearch limits it passes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meiliLimits } from "../../scripts/lib/meili";
import { backoff, exitReason, wantsLocalStripe } from "../../scripts/lib/process";

describe("restart back-off", () => {
  it("doubles from the base on each quick death, never beyond the cap", () => {
    const b = backoff({ baseMs: 1000, maxMs: 30_000, stableMs: 60_000 });
    expect([1, 2, 3, 4, 5, 6, 7].map(() => b.next(500))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it("starts again from the base after a stable run", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 40 }),
        (runs) => {
          const b = backoff({ baseMs: 1000, maxMs: 30_000, stableMs: 60_000 });
          let quick = 0;
          for (const ran of runs) {
            quick = ran >= 60_000 ? 0 : quick;
            expect(b.next(ran)).toBe(Math.min(1000 * 2 ** quick, 30_000));
            quick++;
          }
        },
      ),
    );
  });
});

describe("why a child stopped", () => {
  it("names the exit code or the signal, and hints at the OOM killer for SIGKILL", () => {
    expect(exitReason(1, null)).toBe("exited with code 1");
    expect(exitReason(0, null)).toContain("code 0");
    expect(exitReason(null, "SIGSEGV")).toBe("ended by SIGSEGV");
    expect(exitReason(null, "SIGKILL")).toContain("out-of-memory");
  });
});

describe("the Stripe-compatible test server", () => {
  it("runs only when no payment provider is configured and never in production", () => {
    expect(wantsLocalStripe({})).toBe(true);
    expect(wantsLocalStripe({ XUTRA_ENV: "production" })).toBe(false);
    expect(wantsLocalStripe({ STRIPE_SECRET_KEY: "sk_live_x" })).toBe(false);
    expect(wantsLocalStripe({ STRIPE_SECRET_KEY: "sk_test_x" })).toBe(false);
    expect(wantsLocalStripe({ STRIPE_API_HOST: "127.0.0.1" })).toBe(false);
    expect(wantsLocalStripe({ XUTRA_ENV: "demo" })).toBe(true);
  });
});

describe("Meilisearch limits", () => {
  it("default to a 1 GB server and follow the settings", () => {
    expect(meiliLimits({})).toEqual({ maxIndexingMemory: "128MiB", maxIndexingThreads: "1" });
    expect(
      meiliLimits({ MEILI_MAX_INDEXING_MEMORY: "1GiB", MEILI_MAX_INDEXING_THREADS: "2" }),
    ).toEqual({ maxIndexingMemory: "1GiB", maxIndexingThreads: "2" });
  });
});
