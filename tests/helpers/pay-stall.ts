// A stall that takes VietQR (Agribank payout account), on whichever commune the
// seed has: for payment tests that should not depend on the seeded unit codes.
import { prisma } from "~/utils/db.server";

export async function payingStall(tag: string) {
  const commune = await prisma.commune.findFirstOrThrow();
  return prisma.stall.create({
    data: {
      id: `stall-${tag}`,
      slug: `stall-${tag}`,
      name: `Quầy thử ${tag}`,
      householdId: "hh-003",
      communeCode: commune.code,
      verification: "VERIFIED",
      bankBin: "970405",
      bankAccount: "1500999000123",
      bankAccountName: "NGUYEN VAN THU",
      phone: "+84913999001",
    },
  });
}
