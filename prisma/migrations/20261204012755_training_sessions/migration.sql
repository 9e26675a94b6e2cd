-- AlterTable
ALTER TABLE "Certification" ADD COLUMN "expiryRemindedAt" DATETIME;

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrainingSession_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TrainingSession_communeCode_fkey" FOREIGN KEY ("communeCode") REFERENCES "Commune" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (extended in place, not rebuilt: existing rows keep a null sessionId)
ALTER TABLE "OnboardingRecord" ADD COLUMN "sessionId" TEXT REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "OnboardingRecord_sessionId_idx" ON "OnboardingRecord"("sessionId");

-- CreateIndex
CREATE INDEX "TrainingSession_communeCode_at_idx" ON "TrainingSession"("communeCode", "at");

-- CreateIndex
CREATE INDEX "TrainingSession_officerId_at_idx" ON "TrainingSession"("officerId", "at");

-- CreateIndex
CREATE INDEX "Certification_status_expiresAt_idx" ON "Certification"("status", "expiresAt");

