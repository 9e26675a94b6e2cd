import { expireCheckouts } from "~/checkout/checkout.server";
import { fileCleanUpJob } from "~/files/clean-up.server";
import { campaignSearchJob } from "~/harvest/search.server";
import { certificateExpiryJob } from "~/search/expiry.server";
import { processOutbox } from "~/search/worker.server";
import { assignOrderBatches } from "~/trace/order-batches.server";
import { harvestAllocationJob } from "~/harvest/allocation.server";

// Background jobs that run inside the app server process. Each feature
// registers its job here; every job must be safe to run in several processes.
type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

const jobs: Job[] = [
  // search index + fallback table + notifications, from the transactional outbox
  { name: "outbox", everyMs: 1000, run: () => processOutbox() },
  // stock held by checkouts nobody finished goes back on sale
  { name: "checkout-expiry", everyMs: 20_000, run: () => expireCheckouts() },
  // certificates that ran out: badges and OCOP filters in search follow
  { name: "certificate-expiry", everyMs: 10 * 60_000, run: () => certificateExpiryJob() },
  // packed order items get the lot they came from (EPCIS shipping/receiving)
  { name: "order-batches", everyMs: 60_000, run: () => assignOrderBatches() },
  // harvest campaigns whose window ended (no event marks that) leave search; missed changes are caught up
  { name: "campaign-search", everyMs: 60_000, run: () => campaignSearchJob() },
  // harvest days past their cut-off are shared (unless the cooperative published first); failed refunds retried
  { name: "harvest-allocation", everyMs: 30_000, run: () => harvestAllocationJob() },
  // photo and certificate files no row references any more (after a grace period)
  { name: "file-clean-up", everyMs: 60 * 60_000, run: () => fileCleanUpJob() },
];

export function startBackgroundJobs(): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    return setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (e) {
        console.error(`[job ${job.name}]`, e);
      } finally {
        running = false;
      }
    }, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
