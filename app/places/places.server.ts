// The units in force, read once per process and kept for a minute: the address
// pickers, GET /api/places and the commune-in-province check run on every checkout
// and flash opening, and the units change only when the loader imports a new list.
import { prisma } from "~/utils/db.server";
import type { PlaceOption } from "./match";
import { communeType } from "./units";

export type ProvincePlaces = PlaceOption & { communes: PlaceOption[] };

type Places = {
  provinces: ProvincePlaces[];
  byCode: Map<string, ProvincePlaces>;
  provinceOf: Map<string, string>;
};

const TTL_MS = 60_000;
let cached: { at: number; value: Promise<Places> } | null = null;
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "vi");

async function load(): Promise<Places> {
  const rows = await prisma.province.findMany({
    where: { retiredAt: null },
    select: {
      code: true,
      name: true,
      type: true,
      communes: {
        where: { retiredAt: null },
        select: { code: true, name: true, kind: true },
      },
    },
  });
  const provinces = rows
    .map((p) => ({
      code: p.code,
      name: p.name,
      type: p.type,
      communes: p.communes
        .map((c) => ({ code: c.code, name: c.name, type: communeType(c.kind) }))
        .sort(byName),
    }))
    .sort(byName);
  return {
    provinces,
    byCode: new Map(provinces.map((p) => [p.code, p])),
    provinceOf: new Map(provinces.flatMap((p) => p.communes.map((c) => [c.code, p.code] as const))),
  };
}

function places(): Promise<Places> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const value = load();
    cached = { at: Date.now(), value };
    value.catch(() => (cached = null));
  }
  return cached.value;
}

/** Forget the cached units (after the loader wrote a new list, in tests). */
export function forgetPlaces() {
  cached = null;
}

/** The provinces in force, by name: code, name, type. */
export async function provinceList(): Promise<PlaceOption[]> {
  return (await places()).provinces.map(({ code, name, type }) => ({ code, name, type }));
}

/** A province's communes in force, by name; null for a code that is not a province in force. */
export async function communesOf(provinceCode: string): Promise<PlaceOption[] | null> {
  return (await places()).byCode.get(provinceCode)?.communes ?? null;
}

/** commune code -> province code, for the units in force */
export async function placesIndex(): Promise<Map<string, string>> {
  return (await places()).provinceOf;
}

/** Provinces with their communes (only the given provinces when a list is given). */
export async function provincesWithCommunes(only?: string[]): Promise<ProvincePlaces[]> {
  const all = (await places()).provinces;
  return only ? all.filter((p) => only.includes(p.code)) : all;
}

/** The names of a commune and its province for display, also for a retired unit. */
export async function placeNames(communeCode: string) {
  const c = await prisma.commune.findUnique({
    where: { code: communeCode },
    select: { name: true, province: { select: { name: true } } },
  });
  return c ? { commune: c.name, province: c.province.name } : null;
}

/**
 * The provinces a delivery area lies in: those of its communes, else (an area given
 * only as a radius) the province of the seller's own commune. Keeps a harvest
 * campaign's picker to a few dozen communes instead of the country's 3,321.
 */
export async function provincesOfArea(communeCodes: string[], homeCommune: string) {
  const index = await placesIndex();
  const codes = new Set(communeCodes.map((c) => index.get(c)).filter((p) => p !== undefined));
  const home = index.get(homeCommune);
  if (home) codes.add(home);
  return provincesWithCommunes([...codes]);
}
