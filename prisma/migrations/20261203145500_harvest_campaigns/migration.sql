-- CreateTable
CREATE TABLE "CampaignHousehold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "plotId" TEXT,
    "expectedUnits" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CampaignHousehold_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CampaignHousehold_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CampaignHousehold_plotId_fkey" FOREIGN KEY ("plotId") REFERENCES "Plot" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollectionPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "line" TEXT NOT NULL DEFAULT '',
    "communeCode" TEXT NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "hours" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CollectionPoint_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pick" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "readyAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'CONFIRMED',
    "weighedUnits" INTEGER,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Pick_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pick_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PickCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pickId" TEXT NOT NULL,
    "fromUnits" INTEGER NOT NULL,
    "toUnits" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PickCorrection_pickId_fkey" FOREIGN KEY ("pickId") REFERENCES "Pick" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AllocationEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "ruleVersion" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "inputsHash" TEXT NOT NULL,
    "inputs" TEXT NOT NULL,
    "supply" INTEGER NOT NULL,
    "demand" INTEGER NOT NULL,
    "awarded" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AllocationEntry_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Award" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "preOrderId" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "requested" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "change" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Award_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "AllocationEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Award_preOrderId_fkey" FOREIGN KEY ("preOrderId") REFERENCES "PreOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotentSubmission" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "result" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_HarvestCampaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "stallId" TEXT NOT NULL,
    "cooperativeId" TEXT,
    "productId" TEXT NOT NULL,
    "variantId" TEXT,
    "grade" TEXT NOT NULL DEFAULT '',
    "unitKind" TEXT NOT NULL DEFAULT 'BOX',
    "boxGrams" INTEGER,
    "priceVnd" INTEGER NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "expectedUnits" INTEGER NOT NULL,
    "maxPerBuyer" INTEGER NOT NULL DEFAULT 5,
    "gradingReservePct" INTEGER NOT NULL DEFAULT 0,
    "preorderOpensAt" DATETIME NOT NULL,
    "preorderClosesAt" DATETIME NOT NULL,
    "firstDay" TEXT NOT NULL DEFAULT '',
    "lastDay" TEXT NOT NULL DEFAULT '',
    "harvestFrom" DATETIME NOT NULL,
    "harvestTo" DATETIME NOT NULL,
    "cutoffTime" TEXT NOT NULL DEFAULT '20:00',
    "deliveryCommunes" TEXT NOT NULL DEFAULT '[]',
    "deliveryLat" REAL,
    "deliveryLng" REAL,
    "deliveryRadiusKm" INTEGER,
    "freshNearHours" INTEGER NOT NULL DEFAULT 4,
    "freshFarHours" INTEGER NOT NULL DEFAULT 6,
    "freshFarKm" INTEGER NOT NULL DEFAULT 100,
    "compensationPct" INTEGER NOT NULL DEFAULT 0,
    "payCod" BOOLEAN NOT NULL DEFAULT true,
    "vietqrMode" TEXT NOT NULL DEFAULT 'NONE',
    "depositPct" INTEGER NOT NULL DEFAULT 0,
    "payCard" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "pauseMessage" TEXT NOT NULL DEFAULT '',
    "openedAt" DATETIME,
    "pausedAt" DATETIME,
    "closedAt" DATETIME,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HarvestCampaign_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HarvestCampaign_cooperativeId_fkey" FOREIGN KEY ("cooperativeId") REFERENCES "Cooperative" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "HarvestCampaign_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HarvestCampaign_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_HarvestCampaign" ("createdAt", "expectedUnits", "harvestFrom", "harvestTo", "id", "maxPerBuyer", "preorderClosesAt", "preorderOpensAt", "priceVnd", "productId", "slug", "stallId", "status", "title", "unitLabel") SELECT "createdAt", "expectedUnits", "harvestFrom", "harvestTo", "id", "maxPerBuyer", "preorderClosesAt", "preorderOpensAt", "priceVnd", "productId", "slug", "stallId", "status", "title", "unitLabel" FROM "HarvestCampaign";
DROP TABLE "HarvestCampaign";
ALTER TABLE "new_HarvestCampaign" RENAME TO "HarvestCampaign";
CREATE UNIQUE INDEX "HarvestCampaign_slug_key" ON "HarvestCampaign"("slug");
CREATE INDEX "HarvestCampaign_status_idx" ON "HarvestCampaign"("status");
CREATE INDEX "HarvestCampaign_stallId_idx" ON "HarvestCampaign"("stallId");
CREATE TABLE "new_PreOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "requestedUnits" INTEGER NOT NULL,
    "allocatedUnits" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'REQUESTED',
    "requestedDay" TEXT,
    "queueDay" TEXT,
    "originDay" TEXT,
    "allowCarryOver" BOOLEAN NOT NULL DEFAULT true,
    "idempotencyKey" TEXT,
    "fulfilment" TEXT NOT NULL DEFAULT 'DELIVERY',
    "collectionPointId" TEXT,
    "recipient" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "communeCode" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL DEFAULT '',
    "line" TEXT NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "paymentMethod" TEXT NOT NULL DEFAULT 'COD',
    "amountDueVnd" INTEGER NOT NULL DEFAULT 0,
    "paymentStatus" TEXT NOT NULL DEFAULT 'UNPAID',
    "checkoutId" TEXT,
    "orderId" TEXT,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PreOrder_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PreOrder_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PreOrder_collectionPointId_fkey" FOREIGN KEY ("collectionPointId") REFERENCES "CollectionPoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PreOrder_checkoutId_fkey" FOREIGN KEY ("checkoutId") REFERENCES "Checkout" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PreOrder_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_PreOrder" ("allocatedUnits", "buyerId", "campaignId", "communeCode", "createdAt", "id", "line", "requestedUnits", "status") SELECT "allocatedUnits", "buyerId", "campaignId", "communeCode", "createdAt", "id", "line", "requestedUnits", "status" FROM "PreOrder";
DROP TABLE "PreOrder";
ALTER TABLE "new_PreOrder" RENAME TO "PreOrder";
CREATE UNIQUE INDEX "PreOrder_idempotencyKey_key" ON "PreOrder"("idempotencyKey");
CREATE UNIQUE INDEX "PreOrder_checkoutId_key" ON "PreOrder"("checkoutId");
CREATE UNIQUE INDEX "PreOrder_orderId_key" ON "PreOrder"("orderId");
CREATE INDEX "PreOrder_campaignId_status_idx" ON "PreOrder"("campaignId", "status");
CREATE INDEX "PreOrder_campaignId_queueDay_idx" ON "PreOrder"("campaignId", "queueDay");
CREATE UNIQUE INDEX "PreOrder_campaignId_buyerId_key" ON "PreOrder"("campaignId", "buyerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CampaignHousehold_householdId_idx" ON "CampaignHousehold"("householdId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignHousehold_campaignId_householdId_key" ON "CampaignHousehold"("campaignId", "householdId");

-- CreateIndex
CREATE INDEX "CollectionPoint_campaignId_idx" ON "CollectionPoint"("campaignId");

-- CreateIndex
CREATE INDEX "Pick_campaignId_day_idx" ON "Pick"("campaignId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Pick_campaignId_householdId_day_key" ON "Pick"("campaignId", "householdId", "day");

-- CreateIndex
CREATE INDEX "PickCorrection_pickId_idx" ON "PickCorrection"("pickId");

-- CreateIndex
CREATE INDEX "AllocationEntry_campaignId_day_idx" ON "AllocationEntry"("campaignId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "AllocationEntry_campaignId_day_sequence_key" ON "AllocationEntry"("campaignId", "day", "sequence");

-- CreateIndex
CREATE INDEX "Award_preOrderId_idx" ON "Award"("preOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "Award_entryId_preOrderId_key" ON "Award"("entryId", "preOrderId");

-- CreateIndex
CREATE INDEX "IdempotentSubmission_userId_idx" ON "IdempotentSubmission"("userId");

