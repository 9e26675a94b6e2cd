-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "expiryRemindedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OnboardingRecord" ADD COLUMN     "sessionId" TEXT;

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingSession_communeCode_at_idx" ON "TrainingSession"("communeCode", "at");

-- CreateIndex
CREATE INDEX "TrainingSession_officerId_at_idx" ON "TrainingSession"("officerId", "at");

-- CreateIndex
CREATE INDEX "Certification_status_expiresAt_idx" ON "Certification"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "OnboardingRecord_sessionId_idx" ON "OnboardingRecord"("sessionId");

-- AddForeignKey
ALTER TABLE "OnboardingRecord" ADD CONSTRAINT "OnboardingRecord_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_communeCode_fkey" FOREIGN KEY ("communeCode") REFERENCES "Commune"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

