import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleJob } from "./jobs.server";

describe("background jobs while the server is saturated", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("wait while the process is busy, and run as soon as it is not", async () => {
    let busy = true;
    const run = vi.fn(async () => undefined);
    const timer = scheduleJob({ name: "t", everyMs: 1000, run }, { busy: () => busy }, 30_000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).not.toHaveBeenCalled();
    busy = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
    clearInterval(timer);
  });

  it("never wait longer than the limit under constant load", async () => {
    const run = vi.fn(async () => undefined);
    const timer = scheduleJob({ name: "t", everyMs: 1000, run }, { busy: () => true }, 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
    // and then waits again from there
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(1);
    clearInterval(timer);
  });

  it("run every tick when the process is idle, never two runs at once", async () => {
    let release = () => {};
    const run = vi.fn(() => new Promise<void>((ok) => (release = ok)));
    const timer = scheduleJob({ name: "t", everyMs: 1000, run }, { busy: () => false });
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).toHaveBeenCalledTimes(1); // the first run has not finished
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
    clearInterval(timer);
  });
});
