// The product page's "Truy xuất nguồn gốc" card: the batch now on sale (packed most
// recently), its QR (the same link the label prints) and its NSX/HSD.
import { toGtin14 } from "~/domain/gs1";
import { prisma } from "~/utils/db.server";
import { qrSvg } from "./labels.server";
import { labelUri } from "./lookup.server";
import { isPastDate } from "./steps";

export async function currentBatch(productId: string, now = new Date()) {
  const b = await prisma.batch.findFirst({
    where: { productId },
    orderBy: [{ producedAt: { sort: "desc", nulls: "last" } }, { harvestedAt: "desc" }],
    select: {
      code: true,
      lot: true,
      producedAt: true,
      bestBefore: true,
      shelfKind: true,
      variant: { select: { gtin: true } },
    },
  });
  if (!b) return null;
  const uri = labelUri({
    code: b.code,
    lot: b.lot,
    gtin: b.variant?.gtin ? toGtin14(b.variant.gtin) : null,
  });
  const svg = await qrSvg(uri);
  return {
    code: b.code,
    lot: b.lot,
    producedAt: b.producedAt?.toISOString() ?? null,
    bestBefore: b.bestBefore?.toISOString() ?? null,
    shelfKind: b.shelfKind === "EXPIRY" ? ("EXPIRY" as const) : ("BEST_BEFORE" as const),
    pastDate: isPastDate(b.bestBefore, now),
    qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}
