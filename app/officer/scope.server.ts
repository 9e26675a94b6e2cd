// What an officer's work covers. Officers are not assigned communes in the data (no
// such table yet): an officer's communes are those of the households they onboarded
// or trained, and of the sessions they held; any officer may still open any commune,
// as officers stand in for each other in the field (decision 0069).
import { fold } from "~/search/params";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

/** Communes the officer has worked in, by code (empty for an admin or a new officer). */
export async function officerCommunes(user: SessionUser): Promise<string[]> {
  if (user.role === "ADMIN") return [];
  const [onboarded, held] = await Promise.all([
    prisma.household.groupBy({
      by: ["communeCode"],
      where: { onboardedById: user.id },
      _count: { _all: true },
    }),
    prisma.trainingSession.groupBy({
      by: ["communeCode"],
      where: { officerId: user.id },
      _count: { _all: true },
    }),
  ]);
  return [...new Set([...onboarded, ...held].map((r) => r.communeCode))].sort();
}

/** Communes that have households, for the commune pickers (code order, names from the data). */
export async function communesWithHouseholds() {
  const codes = await prisma.household.groupBy({ by: ["communeCode"], _count: { _all: true } });
  const communes = await prisma.commune.findMany({
    where: { code: { in: codes.map((c) => c.communeCode) } },
    select: { code: true, name: true },
    orderBy: { code: "asc" },
  });
  const n = new Map(codes.map((c) => [c.communeCode, c._count._all]));
  return communes.map((c) => ({ ...c, households: n.get(c.code) ?? 0 }));
}

/**
 * The commune a page works on: the one asked for if it exists, else the officer's
 * first, else the first with households.
 */
export async function pickCommune(user: SessionUser, asked: string | null) {
  const all = await communesWithHouseholds();
  const mine = await officerCommunes(user);
  const chosen =
    all.find((c) => c.code === asked) ?? all.find((c) => mine.includes(c.code)) ?? all[0] ?? null;
  return { communes: all, mine, chosen };
}

/** Text matching without diacritics ("nguyen van an" finds "Nguyễn Văn An"). */
export function matchesFolded(text: string, query: string): boolean {
  const q = fold(query.trim());
  return !q || fold(text).includes(q);
}

export const PICK_LIMIT = 300;

/** A commune's households to tick (name order), filtered by a query without diacritics. */
export async function householdsToTick(communeCode: string, q: string) {
  const rows = await prisma.household.findMany({
    where: { communeCode },
    select: { id: true, name: true, hamlet: true },
    orderBy: { name: "asc" },
  });
  const matching = rows.filter((h) => matchesFolded(`${h.name} ${h.hamlet ?? ""}`, q));
  return { total: matching.length, households: matching.slice(0, PICK_LIMIT) };
}
