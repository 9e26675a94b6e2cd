-- CreateTable
CREATE TABLE "OrderNumberCounter" (
    "prefix" TEXT NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL
);

