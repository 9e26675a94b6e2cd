// Background jobs that run inside the app server process. Each feature
// registers its job here; every job must be safe to run in several processes.
type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

const jobs: Job[] = [];

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
