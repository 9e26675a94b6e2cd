-- Batch: NSX (production/packing date) and HSD (best-before or use-by), issue 11.
-- Added in place; existing batches keep NULL dates until the seller records them.
ALTER TABLE "Batch" ADD COLUMN "producedAt" DATETIME;
ALTER TABLE "Batch" ADD COLUMN "bestBefore" DATETIME;
ALTER TABLE "Batch" ADD COLUMN "shelfKind" TEXT NOT NULL DEFAULT 'BEST_BEFORE';
