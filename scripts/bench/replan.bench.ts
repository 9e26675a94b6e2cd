// Re-planning the rest of the seeded harvest day (issue 10: under 2 s). `npm run bench -- replan`.
// A temporary database is migrated and seeded (or REPLAN_DATA_DIR names one already
// seeded, to skip the two-minute seed), the na-la-hien day 2027-08-12 is planned, the
// first collection run is under way with one stop done, and the day is re-planned
// ROUNDS times for each reason (a short pick, a cancelled pre-order, a motorbike
// breaking down) through replanDay, as the driver side calls it: wall time of the
// whole call (read, solve, write in one transaction) and the solver's part.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { databaseUrlFor, migrate } from "../lib/stack";
import { machine, percentile } from "./buyers-stack";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BUDGET_MS = 2000;
const given = process.env.REPLAN_DATA_DIR;
const dataDir = given ?? (await fs.mkdtemp(path.join(os.tmpdir(), "xutra-replan-")));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrlFor(dataDir),
  SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-0123456789abcdef0123",
  NODE_ENV: "production",
});
if (!given) {
  await migrate(process.env);
  const { seed } = await import("../seed/index");
  await seed(() => undefined);
}
const { prisma } = await import("../../app/utils/db.server");
const { setClock } = await import("../../app/utils/clock.server");
const { planDay } = await import("../../app/dispatch/plan.server");
const { replanDay } = await import("../../app/dispatch/replan.server");
const { HARVEST_SEED: S } = await import("../seed/harvest");

const campaignId = S.campaignId;
const day = S.allocatedDay;
await prisma.dayDispatch.deleteMany({ where: { campaignId } });
const t0 = performance.now();
const first = await planDay({ campaignId, day, actorId: null });
const planMs = performance.now() - t0;
if (!first.ok) throw new Error(`plan refused: ${first.error}`);
const deliveries = await prisma.runStop.count({
  where: { kind: "DELIVERY", run: { dispatch: { campaignId, day }, version: first.version } },
});
const run = await prisma.run.findFirstOrThrow({
  where: { dispatch: { campaignId, day }, version: first.version, leg: "PICKUP" },
  include: { stops: { orderBy: { position: "asc" } } },
  orderBy: [{ startsAt: "asc" }, { id: "asc" }],
});
await prisma.run.update({ where: { id: run.id }, data: { status: "STARTED" } });
await prisma.runStop.update({
  where: { id: run.stops[0].id },
  data: { status: "PICKED", doneAt: run.stops[0].plannedArrival },
});
const mid = new Date(run.stops[0].plannedArrival!.getTime() + 10 * 60_000);

const rows: string[] = [];
const reasons = ["SHORT_PICK", "CANCELLED", "VEHICLE_DOWN"] as const;
const other = await prisma.vehicle.findFirstOrThrow({
  where: { campaignId, kind: "MOTORBIKE", id: { not: run.vehicleId } },
});
for (const reason of reasons) {
  const wall: number[] = [];
  const solver: number[] = [];
  let exceptions = 0;
  for (let i = 0; i < ROUNDS; i++) {
    setClock(mid);
    const t = performance.now();
    const r = await replanDay({
      campaignId,
      day,
      actorId: null,
      reason,
      vehicleId: reason === "VEHICLE_DOWN" ? other.id : undefined,
    });
    wall.push(performance.now() - t);
    exceptions = r.exceptions;
    const a = await prisma.auditLog.findFirstOrThrow({
      where: { action: "dispatch.replan" },
      orderBy: { at: "desc" },
    });
    solver.push((JSON.parse(a.data) as { elapsedMs: number }).elapsedMs);
  }
  wall.sort((a, b) => a - b);
  solver.sort((a, b) => a - b);
  rows.push(
    `| ${reason} | ${ROUNDS} | ${percentile(wall, 50).toFixed(0)} | ${percentile(wall, 95).toFixed(0)} | ${wall.at(-1)!.toFixed(0)} | ${percentile(solver, 50).toFixed(0)} | ${exceptions} | ${wall.at(-1)! < BUDGET_MS ? "yes" : "NO"} |`,
  );
}
console.log(
  `machine: ${machine()}; load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(
  `seeded day ${day}: first plan ${planMs.toFixed(0)} ms (${first.runs} runs, ${deliveries} deliveries planned, ${first.exceptions} flagged)`,
);
console.log(
  "| reason | rounds | wall median ms | wall p95 ms | wall max ms | solver median ms | flagged after | under 2 s |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
await prisma.$disconnect();
if (!given) await fs.rm(dataDir, { recursive: true, force: true });
