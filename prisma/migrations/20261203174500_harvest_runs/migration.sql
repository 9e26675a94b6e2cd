-- CreateTable
CREATE TABLE "Vehicle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'TRUCK',
    "capacityUnits" INTEGER NOT NULL,
    "capacityKg" INTEGER NOT NULL,
    "shiftStart" TEXT NOT NULL DEFAULT '05:00',
    "shiftEnd" TEXT NOT NULL DEFAULT '20:00',
    "driverName" TEXT NOT NULL DEFAULT '',
    "driverPhone" TEXT NOT NULL DEFAULT '',
    "driverUserId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vehicle_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DayDispatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "seed" TEXT NOT NULL DEFAULT '',
    "plannedAt" DATETIME,
    "plannedById" TEXT,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DayDispatch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "HarvestCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dispatchId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "vehicleId" TEXT NOT NULL,
    "leg" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "km" REAL NOT NULL DEFAULT 0,
    "loadUnits" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Run_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "DayDispatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunStop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "pickId" TEXT,
    "householdId" TEXT,
    "preOrderId" TEXT,
    "units" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "line" TEXT NOT NULL DEFAULT '',
    "latitude" REAL,
    "longitude" REAL,
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "plannedArrival" DATETIME,
    "latestArrival" DATETIME,
    "pickedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "arrivedAt" DATETIME,
    "doneAt" DATETIME,
    "weighedUnits" INTEGER,
    "failReason" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunStop_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunStop_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dispatchId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "preOrderId" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "decision" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeliveryException_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "DayDispatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Vehicle_campaignId_idx" ON "Vehicle"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "DayDispatch_campaignId_day_key" ON "DayDispatch"("campaignId", "day");

-- CreateIndex
CREATE INDEX "Run_dispatchId_version_idx" ON "Run"("dispatchId", "version");

-- CreateIndex
CREATE INDEX "Run_vehicleId_idx" ON "Run"("vehicleId");

-- CreateIndex
CREATE INDEX "RunStop_runId_position_idx" ON "RunStop"("runId", "position");

-- CreateIndex
CREATE INDEX "RunStop_preOrderId_idx" ON "RunStop"("preOrderId");

-- CreateIndex
CREATE INDEX "RunStop_pickId_idx" ON "RunStop"("pickId");

-- CreateIndex
CREATE INDEX "DeliveryException_preOrderId_idx" ON "DeliveryException"("preOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryException_dispatchId_version_preOrderId_key" ON "DeliveryException"("dispatchId", "version", "preOrderId");

