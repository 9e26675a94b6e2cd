-- AlterTable
ALTER TABLE "Stall" ADD COLUMN "payoutHoldSince" DATETIME;

-- CreateTable
CREATE TABLE "PayoutCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stallId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PayoutCode_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cooperativeId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'INVITED',
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "invitedById" TEXT,
    "invitedAt" DATETIME,
    "acceptedAt" DATETIME,
    "witnessedById" TEXT,
    "endedAt" DATETIME,
    CONSTRAINT "Membership_cooperativeId_fkey" FOREIGN KEY ("cooperativeId") REFERENCES "Cooperative" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- memberships made before consent existed stay valid: they count as accepted when they were joined
INSERT INTO "new_Membership" ("cooperativeId", "householdId", "id", "joinedAt", "status", "acceptedAt") SELECT "cooperativeId", "householdId", "id", "joinedAt", "status", CASE WHEN "status" = 'ACTIVE' THEN "joinedAt" ELSE NULL END FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_householdId_idx" ON "Membership"("householdId");
CREATE UNIQUE INDEX "Membership_cooperativeId_householdId_key" ON "Membership"("cooperativeId", "householdId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PayoutCode_stallId_idx" ON "PayoutCode"("stallId");

