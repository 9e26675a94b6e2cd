-- CreateTable
CREATE TABLE "OrderNumberCounter" (
    "prefix" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "OrderNumberCounter_pkey" PRIMARY KEY ("prefix")
);

