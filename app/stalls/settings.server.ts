// Saving a stall's settings: one transaction for the row, the payout-account hold
// (docs/decisions/0041), the audit entry and the search sync.
import type { z } from "zod";
import { normalizePhone } from "~/domain/phone";
import type { StallSettingsSchema } from "~/stalls/schema";
import { enqueueStallSync } from "~/search/outbox.server";
import { columnsOf } from "~/shipping/rates";
import { ratesFromForm } from "~/shipping/schema";
import { audit } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { onPayoutSave } from "./payout.server";

type StallRow = {
  id: string;
  name: string;
  householdId: string | null;
  cooperativeId: string | null;
  bankBin: string | null;
  bankAccount: string | null;
  bankAccountName: string | null;
};

export async function saveStallSettings(
  user: SessionUser,
  stall: StallRow,
  v: z.infer<typeof StallSettingsSchema>,
): Promise<{ payoutHeld: boolean }> {
  const bank = {
    bankBin: v.bankBin ?? null,
    bankAccount: v.bankAccount ?? null,
    bankAccountName: v.bankAccountName?.toUpperCase() ?? null,
  };
  return prisma.$transaction(async (tx) => {
    // the row as it is now, inside the transaction: the hold compares against it
    const before = await tx.stall.findUniqueOrThrow({ where: { id: stall.id } });
    await tx.stall.update({
      where: { id: stall.id },
      data: {
        name: v.name,
        story: v.story ?? "",
        communeCode: v.communeCode,
        phone: v.phone ? normalizePhone(v.phone) : null,
        status: v.status,
        offersPickup: v.offersPickup ?? false,
        ...columnsOf(ratesFromForm(v)),
        freeShippingFromVnd: v.freeShippingFrom ?? null,
        ...bank,
      },
    });
    const { held } = await onPayoutSave(tx, user, before, bank);
    await audit(
      {
        actorId: user.id,
        action: "stall.update",
        entity: "Stall",
        entityId: stall.id,
        data: { status: v.status },
      },
      tx,
    );
    // name, commune and open/closed all show in search results
    await enqueueStallSync(tx, stall.id);
    return { payoutHeld: held };
  });
}
