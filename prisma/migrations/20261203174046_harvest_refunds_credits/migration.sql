-- CreateTable
CREATE TABLE "StoreCredit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buyerId" TEXT NOT NULL,
    "preOrderId" TEXT,
    "amountVnd" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'STORE',
    "reason" TEXT NOT NULL DEFAULT 'LATE_DELIVERY',
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "settledAt" DATETIME,
    "settledById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoreCredit_preOrderId_fkey" FOREIGN KEY ("preOrderId") REFERENCES "PreOrder" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LateDeliveryCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "preOrderId" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "pickedAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME NOT NULL,
    "roadKm" REAL NOT NULL,
    "limitHours" REAL NOT NULL,
    "late" BOOLEAN NOT NULL,
    "compensationVnd" INTEGER NOT NULL,
    "refundVnd" INTEGER NOT NULL DEFAULT 0,
    "creditVnd" INTEGER NOT NULL DEFAULT 0,
    "via" TEXT NOT NULL,
    "refundId" TEXT,
    "creditId" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LateDeliveryCheck_preOrderId_fkey" FOREIGN KEY ("preOrderId") REFERENCES "PreOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Refund" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "paymentId" TEXT NOT NULL,
    "orderId" TEXT,
    "preOrderId" TEXT,
    "amountVnd" INTEGER NOT NULL,
    "providerRef" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "reason" TEXT NOT NULL DEFAULT 'ORDER_CANCELLED',
    "idempotencyKey" TEXT,
    "payeeName" TEXT NOT NULL DEFAULT '',
    "payeePhone" TEXT NOT NULL DEFAULT '',
    "attemptedAt" DATETIME,
    "settledAt" DATETIME,
    "settledById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Refund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Refund_preOrderId_fkey" FOREIGN KEY ("preOrderId") REFERENCES "PreOrder" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Refund" ("amountVnd", "createdAt", "id", "orderId", "paymentId", "providerRef", "status") SELECT "amountVnd", "createdAt", "id", "orderId", "paymentId", "providerRef", "status" FROM "Refund";
DROP TABLE "Refund";
ALTER TABLE "new_Refund" RENAME TO "Refund";
CREATE UNIQUE INDEX "Refund_providerRef_key" ON "Refund"("providerRef");
CREATE UNIQUE INDEX "Refund_idempotencyKey_key" ON "Refund"("idempotencyKey");
CREATE INDEX "Refund_orderId_idx" ON "Refund"("orderId");
CREATE INDEX "Refund_preOrderId_idx" ON "Refund"("preOrderId");
CREATE INDEX "Refund_status_idx" ON "Refund"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "StoreCredit_idempotencyKey_key" ON "StoreCredit"("idempotencyKey");

-- CreateIndex
CREATE INDEX "StoreCredit_buyerId_idx" ON "StoreCredit"("buyerId");

-- CreateIndex
CREATE INDEX "StoreCredit_preOrderId_idx" ON "StoreCredit"("preOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "LateDeliveryCheck_preOrderId_deliveryKey_key" ON "LateDeliveryCheck"("preOrderId", "deliveryKey");

