// The national list in memory, for server code that needs a unit's province or name
// without a query (dispatch areas, tests' fixtures). The browser never loads it.
import units from "./data/vn-units.json";

const provinceOf = new Map(
  units.provinces.flatMap((p) => p.communes.map((c) => [c.code, p.code] as const)),
);

/** The province code of a commune in force, or null. */
export function provinceOfCommune(communeCode: string): string | null {
  return provinceOf.get(communeCode) ?? null;
}

export const HA_NOI = "01";
export const THAI_NGUYEN = "19";
