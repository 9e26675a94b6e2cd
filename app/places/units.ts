// The national list of administrative units (National Statistics Office codes, two
// levels since 1 July 2025) as rows, and what a new edition of the list changes.
// Pure: the loader (units.server.ts) writes what this computes (decision 0065).

export type UnitsFile = {
  source: string;
  effective: string;
  provinces: {
    code: string;
    name: string;
    fullName: string;
    type: string;
    communes: { code: string; name: string; fullName: string; type: string }[];
  }[];
};

export type ProvinceRow = { code: string; name: string; fullName: string; type: string };
export type CommuneRow = {
  code: string;
  name: string;
  fullName: string;
  kind: CommuneKind;
  provinceCode: string;
};

export const COMMUNE_KINDS = { xã: "XA", phường: "PHUONG", "đặc khu": "DAC_KHU" } as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[keyof typeof COMMUNE_KINDS];
const TYPE_OF_KIND: Record<string, string> = { XA: "xã", PHUONG: "phường", DAC_KHU: "đặc khu" };

/** The Vietnamese word for a commune's kind ("xã", "phường", "đặc khu"), as the API answers it. */
export function communeType(kind: string): string {
  return TYPE_OF_KIND[kind] ?? "xã";
}

export function unitRows(file: UnitsFile): { provinces: ProvinceRow[]; communes: CommuneRow[] } {
  const provinces: ProvinceRow[] = [];
  const communes: CommuneRow[] = [];
  for (const p of file.provinces) {
    provinces.push({ code: p.code, name: p.name, fullName: p.fullName, type: p.type });
    for (const c of p.communes) {
      const kind = COMMUNE_KINDS[c.type as keyof typeof COMMUNE_KINDS];
      if (!kind) throw new Error(`unknown unit type "${c.type}" for ${c.code}`);
      communes.push({
        code: c.code,
        name: c.name,
        fullName: c.fullName,
        kind,
        provinceCode: p.code,
      });
    }
  }
  return { provinces, communes };
}

type Stored<R> = R & { retiredAt: Date | null };

export type UnitChanges<R> = { create: R[]; update: R[]; retire: string[] };

/**
 * What to write so the stored units match the list: new codes created, changed names,
 * types or provinces updated (a retired unit back in the list is updated too), and
 * codes no longer in the list retired, never deleted (addresses keep pointing at them).
 */
export function unitChanges<R extends { code: string }>(
  stored: Stored<R>[],
  incoming: R[],
): UnitChanges<R> {
  const byCode = new Map(stored.map((s) => [s.code, s]));
  const seen = new Set<string>();
  const create: R[] = [];
  const update: R[] = [];
  for (const row of incoming) {
    seen.add(row.code);
    const old = byCode.get(row.code);
    if (!old) create.push(row);
    else if (
      old.retiredAt !== null ||
      Object.entries(row).some(([k, v]) => (old as Record<string, unknown>)[k] !== v)
    )
      update.push(row);
  }
  const retire = stored.filter((s) => !seen.has(s.code) && s.retiredAt === null).map((s) => s.code);
  return { create, update, retire };
}
