-- A pick's weighed boxes become a production batch at the pick-up stop (decision 0054).
-- Extends Pick in place (SQLite allows a nullable column with a foreign key).
ALTER TABLE "Pick" ADD COLUMN "batchId" TEXT REFERENCES "Batch" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE UNIQUE INDEX "Pick_batchId_key" ON "Pick"("batchId");
