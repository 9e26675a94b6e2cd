import { expireCheckouts } from "~/checkout/checkout.server";
import { fileCleanUpJob } from "~/files/clean-up.server";
import { campaignSearchJob } from "~/harvest/search.server";
import { certificateReminderJob } from "~/certificates/reminders.server";
import { certificateExpiryJob } from "~/search/expiry.server";
import { processOutbox } from "~/search/worker.server";
import { assignOrderBatches } from "~/trace/order-batches.server";
import { harvestAllocationJob } from "~/harvest/allocation.server";
import { onceAcrossInstances } from "~/utils/db.server";
import { performance } from "node:perf_hooks";

// Background jobs that run inside the app server process. Each feature
// registers its job here; every job must be safe to run in several processes. On
// PostgreSQL each run also holds an advisory lock of its name, so of several app
// instances one runs a job at a time (docs/decisions/0072), unless the job splits its
// work between instances itself (`everyInstance`: the outbox claims rows with
// FOR UPDATE SKIP LOCKED, decision 0094).
type Job = { name: string; everyMs: number; run: () => Promise<unknown>; everyInstance?: true };

const jobs: Job[] = [
  // search index + fallback table + notifications, from the transactional outbox
  { name: "outbox", everyMs: 1000, run: () => processOutbox(), everyInstance: true },
  // stock held by checkouts nobody finished goes back on sale
  { name: "checkout-expiry", everyMs: 20_000, run: () => expireCheckouts() },
  // certificates that ran out: badges and OCOP filters in search follow
  { name: "certificate-expiry", everyMs: 10 * 60_000, run: () => certificateExpiryJob() },
  // verified certificates 30 days before expiry: SMS to the holder and its officer, once
  { name: "certificate-reminders", everyMs: 60 * 60_000, run: () => certificateReminderJob() },
  // packed order items get the lot they came from (EPCIS shipping/receiving)
  { name: "order-batches", everyMs: 60_000, run: () => assignOrderBatches() },
  // harvest campaigns whose window ended (no event marks that) leave search; missed changes are caught up
  { name: "campaign-search", everyMs: 60_000, run: () => campaignSearchJob() },
  // harvest days past their cut-off are shared (unless the cooperative published first); failed refunds retried
  { name: "harvest-allocation", everyMs: 30_000, run: () => harvestAllocationJob() },
  // photo and certificate files no row references any more (after a grace period)
  { name: "file-clean-up", everyMs: 60 * 60_000, run: () => fileCleanUpJob() },
];

// While the process is saturated (a campaign's opening, a flash sale: hundreds of
// requests queued for the CPU), jobs wait: the outbox's SMS and search updates of
// the first orders would otherwise take the CPU the next buyers' requests are waiting
// for (decision 0061). Busy = the event loop was at work more than 90 % of the last
// half second; a job never waits longer than MAX_WAIT_MS, so under constant load it
// still runs.
const BUSY_UTILISATION = 0.9;
const SAMPLE_MS = 500;
const MAX_WAIT_MS = 30_000;

export type BusyMeter = { busy: () => boolean; stop: () => void };

function busyMeter(): BusyMeter {
  let last = performance.eventLoopUtilization();
  let busy = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = performance.eventLoopUtilization(now, last).utilization > BUSY_UTILISATION;
    last = now;
  }, SAMPLE_MS);
  timer.unref();
  return { busy: () => busy, stop: () => clearInterval(timer) };
}

/** Runs `job` every `everyMs`, never twice at once; while `meter` says busy it waits, at most `maxWaitMs`. */
export function scheduleJob(job: Job, meter: Pick<BusyMeter, "busy">, maxWaitMs = MAX_WAIT_MS) {
  let running = false;
  let waitingSince: number | null = null;
  return setInterval(async () => {
    if (running) return;
    if (meter.busy()) {
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince < maxWaitMs) return;
    }
    waitingSince = null;
    running = true;
    try {
      await (job.everyInstance ? job.run() : onceAcrossInstances(`job:${job.name}`, job.run));
    } catch (e) {
      console.error(`[job ${job.name}]`, e);
    } finally {
      running = false;
    }
  }, job.everyMs);
}

export function startBackgroundJobs(): () => void {
  const meter = busyMeter();
  const timers = jobs.map((job) => scheduleJob(job, meter));
  return () => {
    meter.stop();
    timers.forEach(clearInterval);
  };
}
