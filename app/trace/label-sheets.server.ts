import { createHash } from "node:crypto";
import { claimStoredFile, fileStore } from "~/files/files.server";
import { prisma } from "~/utils/db.server";

// Printed label sheets (PDF) are kept in the file store under the hash of what they
// show: the print's audit row names the sheet (data.sheet), so what was printed can
// be fetched again as it was, and a reprint of the same sheet (a jammed printer, a
// second roll) is served from the store, on any instance, instead of drawn again.
// A sheet no print of the last LABEL_SHEET_KEEP_DAYS names goes with the clean-up
// (app/files/clean-up.server.ts). Decision 0074.

export const LABEL_SHEET_KEEP_DAYS = 30;
const PRINT_ACTION = "batch.labels";

/**
 * The stored PDF for a sheet showing `shows` (everything the drawing depends on:
 * pass what `render` is given), drawn and stored on first use.
 */
export async function storedLabelSheet(
  shows: unknown,
  render: () => Promise<Buffer>,
): Promise<{ sheet: string; pdf: Buffer }> {
  const sheet = `${createHash("sha256")
    .update(JSON.stringify({ v: 1, shows }))
    .digest("hex")
    .slice(0, 40)}.pdf`;
  const key = `labels/${sheet}`;
  if ((await claimStoredFile(key)) === "stored") {
    const pdf = await fileStore.read(key);
    if (pdf) return { sheet, pdf };
  }
  const pdf = await render();
  await fileStore.put(key, pdf, "application/pdf");
  return { sheet, pdf };
}

/** Of these sheet names, the ones a print of the last LABEL_SHEET_KEEP_DAYS names. */
export async function referencedLabelSheets(names: string[], now: Date): Promise<Set<string>> {
  const found = new Set<string>();
  const since = new Date(now.getTime() - LABEL_SHEET_KEEP_DAYS * 86_400_000);
  for (let i = 0; i < names.length; i += 100) {
    const chunk = names.slice(i, i + 100);
    const prints = await prisma.auditLog.findMany({
      where: {
        action: PRINT_ACTION,
        at: { gte: since },
        OR: chunk.map((n) => ({ data: { contains: `"sheet":"${n}"` } })),
      },
      select: { data: true },
    });
    for (const p of prints) {
      const sheet = (JSON.parse(p.data) as { sheet?: unknown }).sheet;
      if (typeof sheet === "string") found.add(sheet);
    }
  }
  return found;
}
