-- AlterTable
ALTER TABLE "Province" ADD COLUMN     "fullName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "type" TEXT NOT NULL DEFAULT 'tỉnh';

-- AlterTable
ALTER TABLE "Commune" ADD COLUMN     "fullName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Stall" ADD COLUMN     "freshReach" TEXT NOT NULL DEFAULT 'SAME',
ADD COLUMN     "shipExtraKgVnd" INTEGER NOT NULL DEFAULT 5000,
ADD COLUMN     "shipFarDays" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "shipFarVnd" INTEGER NOT NULL DEFAULT 45000,
ADD COLUMN     "shipNearDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "shipNearVnd" INTEGER NOT NULL DEFAULT 35000,
ADD COLUMN     "shipSameDays" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "bestBefore" TIMESTAMP(3),
ADD COLUMN     "producedAt" TIMESTAMP(3),
ADD COLUMN     "shelfKind" TEXT NOT NULL DEFAULT 'BEST_BEFORE';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "deliveryDays" INTEGER,
ADD COLUMN     "shippingZone" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "StoredFile" (
    "key" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletingAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "StoredFile_usedAt_idx" ON "StoredFile"("usedAt");

