// Loads the national units list (data/vn-units.json) into Province and Commune:
// run by the seed and by `npm start`'s prepare step. Writes only what changed, so a
// start with an unchanged list reads two tables and writes nothing (decision 0065).
import { prisma as defaultPrisma } from "~/utils/db.server";
import units from "./data/vn-units.json";
import { unitChanges, unitRows, type UnitsFile } from "./units";

export type LoadReport = {
  effective: string;
  created: number;
  updated: number;
  retired: number;
};

export async function loadUnits(
  db: typeof defaultPrisma = defaultPrisma,
  file: UnitsFile = units as UnitsFile,
  now = new Date(),
): Promise<LoadReport> {
  const rows = unitRows(file);
  const [provinces, communes] = await Promise.all([
    db.province.findMany({
      select: { code: true, name: true, fullName: true, type: true, retiredAt: true },
    }),
    db.commune.findMany({
      select: {
        code: true,
        name: true,
        fullName: true,
        kind: true,
        provinceCode: true,
        retiredAt: true,
      },
    }),
  ]);
  const p = unitChanges(provinces, rows.provinces);
  const c = unitChanges(
    communes.map((x) => ({ ...x, kind: x.kind as (typeof rows.communes)[number]["kind"] })),
    rows.communes,
  );
  const writes = p.create.length + p.update.length + p.retire.length;
  if (writes + c.create.length + c.update.length + c.retire.length === 0)
    return { effective: file.effective, created: 0, updated: 0, retired: 0 };
  await db.$transaction(
    async (tx) => {
      if (p.create.length) await tx.province.createMany({ data: p.create });
      for (const row of p.update)
        await tx.province.update({ where: { code: row.code }, data: { ...row, retiredAt: null } });
      if (c.create.length) await tx.commune.createMany({ data: c.create });
      for (const row of c.update)
        await tx.commune.update({ where: { code: row.code }, data: { ...row, retiredAt: null } });
      if (c.retire.length)
        await tx.commune.updateMany({
          where: { code: { in: c.retire } },
          data: { retiredAt: now },
        });
      if (p.retire.length)
        await tx.province.updateMany({
          where: { code: { in: p.retire } },
          data: { retiredAt: now },
        });
    },
    { timeout: 60_000 },
  );
  return {
    effective: file.effective,
    created: p.create.length + c.create.length,
    updated: p.update.length + c.update.length,
    retired: p.retire.length + c.retire.length,
  };
}
