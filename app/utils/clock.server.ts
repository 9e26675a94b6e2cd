// The app's clock. Harvest deadlines (cut-offs, allocation runs, "days left") read
// now() instead of new Date(), so tests can move time instead of waiting.
// - unit/integration tests: setClock()/shiftClock()/resetClock() in the same process;
// - browser tests against the running stack: TEST_CLOCK=true (set by scripts/test-e2e.ts,
//   refused with an https PUBLIC_URL) enables /dev/clock for administrators
//   (app/routes/dev.clock.tsx). Without TEST_CLOCK the offset stays 0 (docs/decisions/0045).

let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Milliseconds the clock runs ahead of real time (0 unless a test moved it). */
export function clockOffsetMs(): number {
  return offsetMs;
}

/** Sets the clock to read `at` now (time then runs on from there). */
export function setClock(at: Date): void {
  offsetMs = at.getTime() - Date.now();
}

export function shiftClock(ms: number): void {
  offsetMs += ms;
}

export function resetClock(): void {
  offsetMs = 0;
}
