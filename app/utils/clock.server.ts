// The app's clock. Harvest deadlines (cut-offs, allocation runs, "days left"), certificate
// expiry in search and the scan rules read now() instead of new Date(), so tests can move
// time instead of waiting.
// - unit/integration tests: setClock()/shiftClock()/resetClock() in the same process (each
//   test file runs in a process of its own, so a moved clock never reaches another file);
// - browser tests against the running stack: TEST_CLOCK=true (set by scripts/test-e2e.ts,
//   refused with an https PUBLIC_URL) enables /dev/clock for administrators
//   (app/routes/dev.clock.tsx). Without TEST_CLOCK the offset stays 0 (docs/decisions/0045).

// Kept on globalThis, not in this module: the server loads the background jobs
// (app/jobs.server.ts) apart from the Remix build, so two copies of this module live in
// one process, and the job must see the time a test set through /dev/clock.
const g = globalThis as unknown as { __xutraClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (g.__xutraClockOffsetMs ?? 0));
}

/** Milliseconds the clock runs ahead of real time (0 unless a test moved it). */
export function clockOffsetMs(): number {
  return g.__xutraClockOffsetMs ?? 0;
}

/** Sets the clock to read `at` now (time then runs on from there). */
export function setClock(at: Date): void {
  g.__xutraClockOffsetMs = at.getTime() - Date.now();
}

export function shiftClock(ms: number): void {
  g.__xutraClockOffsetMs = clockOffsetMs() + ms;
}

export function resetClock(): void {
  g.__xutraClockOffsetMs = 0;
}
