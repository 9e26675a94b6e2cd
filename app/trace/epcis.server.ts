// Loads a batch's history for EPCIS export and decides who sees what (docs/decisions/0018).
import { buildEpcisDocument, type EpcisBatch } from "~/domain/epcis";
import { toGtin14 } from "~/domain/gs1";
import { canManageStall } from "~/domain/roles";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { publicBase } from "./lookup.server";
import { runEpcisEvents, runEventsOfBatch } from "./run-events.server";

export async function loadEpcisBatch(
  batchId: string,
): Promise<
  (EpcisBatch & { stall: { householdId: string | null; cooperativeId: string | null } }) | null
> {
  const b = await prisma.batch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      code: true,
      lot: true,
      quantity: true,
      unit: true,
      harvestedAt: true,
      producedAt: true,
      bestBefore: true,
      shelfKind: true,
      stallId: true,
      stall: { select: { householdId: true, cooperativeId: true } },
      variant: { select: { gtin: true } },
      plot: { select: { id: true, name: true, communeCode: true } },
      household: { select: { id: true, name: true } },
      steps: {
        select: { kind: true, startedAt: true, note: true },
        orderBy: [{ position: "asc" }, { startedAt: "asc" }],
      },
      serials: {
        where: { status: { not: "VOID" } },
        select: { serial: true },
        orderBy: { serial: "asc" },
      },
      orderItems: {
        where: { order: { status: { notIn: ["CANCELLED"] } } },
        select: {
          quantity: true,
          order: {
            select: {
              number: true,
              checkout: { select: { communeCode: true } },
              shipments: { select: { handedAt: true, deliveredAt: true } },
            },
          },
        },
      },
    },
  });
  if (!b) return null;
  return {
    id: b.id,
    code: b.code,
    lot: b.lot,
    quantity: b.quantity,
    unit: b.unit,
    harvestedAt: b.harvestedAt,
    producedAt: b.producedAt,
    bestBefore: b.bestBefore,
    shelfKind: b.shelfKind,
    stallId: b.stallId,
    stall: b.stall,
    gtin: b.variant?.gtin ? toGtin14(b.variant.gtin) : null,
    plot: b.plot,
    household: b.household,
    steps: b.steps,
    serials: b.serials.map((s) => s.serial),
    shipments: b.orderItems.flatMap((i) =>
      i.order.shipments.map((s) => ({
        order: i.order.number,
        quantity: i.quantity,
        handedAt: s.handedAt,
        deliveredAt: s.deliveredAt,
        destinationCommune: i.order.checkout.communeCode,
      })),
    ),
  };
}

/** Full history for the stall's managers, officers and admins; the public page's facts for everyone else. */
export async function epcisFor(request: Request, batchId: string) {
  const batch = await loadEpcisBatch(batchId);
  if (!batch) return null;
  const user = await getUser(request);
  const full =
    !!user &&
    (user.role === "OFFICER" || user.role === "ADMIN" || canManageStall(user, batch.stall));
  const document = buildEpcisDocument(publicBase(), batch, { full });
  // a harvest pick's batch: its pick-up at the farm and unloading at the collection point
  document.epcisBody.eventList.push(
    ...runEpcisEvents(publicBase(), batch, await runEventsOfBatch(batch.id)),
  );
  return { full, document };
}
