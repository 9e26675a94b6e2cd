// What people type into a filter box matches whatever the case, on both databases: SQLite's
// LIKE (Prisma's `contains`) ignores ASCII case already; PostgreSQL's is case-sensitive and
// needs `mode: "insensitive"` (ILIKE, which folds Vietnamese capitals too). The client is
// typed as SQLite's, which has no `mode`, hence the one cast here (decision 0093).
import { usesPostgres } from "./db.server";

/** A Prisma string filter: `text` anywhere in the field, any case. */
export function containsText(text: string): { contains: string } {
  return usesPostgres
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}
