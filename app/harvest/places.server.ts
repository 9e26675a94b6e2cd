// Communes and their provinces, read once per process and kept for a minute:
// the pre-order form's picker and the commune-in-province check run on every
// request of a flash opening, and the places change only with a data import.
import { prisma } from "~/utils/db.server";

type Places = {
  provinces: { code: string; name: string; communes: { code: string; name: string }[] }[];
  provinceOf: Map<string, string>;
};

const TTL_MS = 60_000;
let cached: { at: number; value: Promise<Places> } | null = null;

function load(): Promise<Places> {
  return prisma.province
    .findMany({
      orderBy: { name: "asc" },
      include: { communes: { orderBy: { name: "asc" }, select: { code: true, name: true } } },
    })
    .then((rows) => ({
      provinces: rows.map((p) => ({ code: p.code, name: p.name, communes: p.communes })),
      provinceOf: new Map(rows.flatMap((p) => p.communes.map((c) => [c.code, p.code] as const))),
    }));
}

function places(): Promise<Places> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const value = load();
    cached = { at: Date.now(), value };
    value.catch(() => (cached = null));
  }
  return cached.value;
}

/** commune code -> province code */
export async function placesIndex(): Promise<Map<string, string>> {
  return (await places()).provinceOf;
}

/** Provinces with their communes, for the address picker. */
export async function provincesWithCommunes() {
  return (await places()).provinces;
}
