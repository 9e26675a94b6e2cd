-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AllocationEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "ruleVersion" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "inputsHash" TEXT NOT NULL,
    "inputs" TEXT NOT NULL,
    "entryHash" TEXT NOT NULL DEFAULT '',
    "entry" TEXT NOT NULL DEFAULT '{}',
    "supply" INTEGER NOT NULL,
    "demand" INTEGER NOT NULL,
    "awarded" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AllocationEntry_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AllocationEntry" ("awarded", "campaignId", "createdAt", "createdById", "day", "demand", "id", "inputs", "inputsHash", "kind", "reason", "ruleVersion", "seed", "sequence", "supply") SELECT "awarded", "campaignId", "createdAt", "createdById", "day", "demand", "id", "inputs", "inputsHash", "kind", "reason", "ruleVersion", "seed", "sequence", "supply" FROM "AllocationEntry";
DROP TABLE "AllocationEntry";
ALTER TABLE "new_AllocationEntry" RENAME TO "AllocationEntry";
CREATE INDEX "AllocationEntry_campaignId_day_idx" ON "AllocationEntry"("campaignId", "day");
CREATE UNIQUE INDEX "AllocationEntry_campaignId_day_sequence_key" ON "AllocationEntry"("campaignId", "day", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

