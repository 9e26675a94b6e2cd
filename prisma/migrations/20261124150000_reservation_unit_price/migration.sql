-- AlterTable
ALTER TABLE "StockReservation" ADD COLUMN "unitPriceVnd" INTEGER;
