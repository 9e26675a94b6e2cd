import { searchHealth } from "~/search/meili.server";
import { prisma } from "~/utils/db.server";

// Liveness and dependencies. 200 while the database answers: search being down
// degrades the site (database fallback) but does not take it down.
export async function loader() {
  const [database, search] = await Promise.all([
    prisma.$queryRawUnsafe("SELECT 1").then(
      () => "ok" as const,
      () => "down" as const,
    ),
    searchHealth(),
  ]);
  const status = database !== "ok" ? "down" : search === "ok" ? "ok" : "degraded";
  return Response.json(
    { status, database, search, time: new Date().toISOString() },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
