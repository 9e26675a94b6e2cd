-- Units as data, on the National Statistics Office's codes (decision 0065), and shipping
-- by zone (decision 0066). Tables are extended in place (ADD COLUMN), none rebuilt.

-- AlterTable
ALTER TABLE "Province" ADD COLUMN "fullName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Province" ADD COLUMN "type" TEXT NOT NULL DEFAULT 'tỉnh';
ALTER TABLE "Province" ADD COLUMN "retiredAt" DATETIME;
ALTER TABLE "Commune" ADD COLUMN "fullName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Commune" ADD COLUMN "retiredAt" DATETIME;
ALTER TABLE "Stall" ADD COLUMN "shipNearVnd" INTEGER NOT NULL DEFAULT 35000;
ALTER TABLE "Stall" ADD COLUMN "shipFarVnd" INTEGER NOT NULL DEFAULT 45000;
ALTER TABLE "Stall" ADD COLUMN "shipExtraKgVnd" INTEGER NOT NULL DEFAULT 5000;
ALTER TABLE "Stall" ADD COLUMN "shipSameDays" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "Stall" ADD COLUMN "shipNearDays" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "Stall" ADD COLUMN "shipFarDays" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "Stall" ADD COLUMN "freshReach" TEXT NOT NULL DEFAULT 'SAME';
ALTER TABLE "Order" ADD COLUMN "shippingZone" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "deliveryDays" INTEGER;

-- A stall that set its own fee keeps its difference between zones: near and far start
-- from its fee (the defaults' steps of 5,000 and 15,000 đ).
UPDATE "Stall" SET "shipNearVnd" = "shippingFeeVnd" + 5000, "shipFarVnd" = "shippingFeeVnd" + 15000;

-- The seed's made-up codes (TNG-LA-HIEN, ...) move to the official ones
-- (app/places/data/legacy-codes.json). The official rows the old ones map to are
-- written here (the loader fills in the rest of the list at start); every reference
-- follows, then the old rows go: nothing points at them any more.
PRAGMA defer_foreign_keys=ON;
CREATE TEMP TABLE "_PlaceCode" ("old" TEXT PRIMARY KEY, "new" TEXT NOT NULL);
INSERT INTO "_PlaceCode" VALUES ('TNG', '19');
INSERT INTO "_PlaceCode" VALUES ('HNI', '01');
INSERT INTO "_PlaceCode" VALUES ('HCM', '79');
INSERT INTO "_PlaceCode" VALUES ('HPG', '31');
INSERT INTO "_PlaceCode" VALUES ('DNG', '48');
INSERT INTO "_PlaceCode" VALUES ('TNG-TAN-CUONG', '05503');
INSERT INTO "_PlaceCode" VALUES ('TNG-LA-BANG', '05818');
INSERT INTO "_PlaceCode" VALUES ('TNG-LA-HIEN', '05740');
INSERT INTO "_PlaceCode" VALUES ('TNG-PHUC-THUAN', '05857');
INSERT INTO "_PlaceCode" VALUES ('TNG-BINH-THANH', '05605');
INSERT INTO "_PlaceCode" VALUES ('TNG-SANG-MOC', '05719');
INSERT INTO "_PlaceCode" VALUES ('TNG-TRAI-CAI', '05662');
INSERT INTO "_PlaceCode" VALUES ('TNG-KHE-COC', '05641');
INSERT INTO "_PlaceCode" VALUES ('TNG-DAI-TU', '05830');
INSERT INTO "_PlaceCode" VALUES ('TNG-DINH-HOA', '05569');
INSERT INTO "_PlaceCode" VALUES ('TNG-VO-NHAI', '05716');
INSERT INTO "_PlaceCode" VALUES ('TNG-PHU-LUONG', '05611');
INSERT INTO "_PlaceCode" VALUES ('TNG-DONG-HY', '05692');
INSERT INTO "_PlaceCode" VALUES ('TNG-BA-BE', '01906');
INSERT INTO "_PlaceCode" VALUES ('TNG-CHO-DON', '02020');
INSERT INTO "_PlaceCode" VALUES ('TNG-PHAN-DINH-PHUNG', '05443');
INSERT INTO "_PlaceCode" VALUES ('TNG-GIA-SANG', '05467');
INSERT INTO "_PlaceCode" VALUES ('TNG-PHO-YEN', '05860');
INSERT INTO "_PlaceCode" VALUES ('TNG-SONG-CONG', '05518');
INSERT INTO "_PlaceCode" VALUES ('TNG-BAC-KAN', '01843');
INSERT INTO "_PlaceCode" VALUES ('HNI-HOAN-KIEM', '00070');
INSERT INTO "_PlaceCode" VALUES ('HNI-BA-DINH', '00004');
INSERT INTO "_PlaceCode" VALUES ('HNI-CAU-GIAY', '00166');
INSERT INTO "_PlaceCode" VALUES ('HNI-SOC-SON', '00376');
INSERT INTO "_PlaceCode" VALUES ('HCM-SAI-GON', '26740');
INSERT INTO "_PlaceCode" VALUES ('HCM-BEN-THANH', '26743');
INSERT INTO "_PlaceCode" VALUES ('HCM-THU-DUC', '26824');
INSERT INTO "_PlaceCode" VALUES ('HPG-HONG-BANG', '11311');
INSERT INTO "_PlaceCode" VALUES ('DNG-HAI-CHAU', '20242');
INSERT INTO "Province" ("code", "name", "fullName", "type") SELECT '19', 'Thái Nguyên', 'Tỉnh Thái Nguyên', 'tỉnh' WHERE EXISTS (SELECT 1 FROM "Province" WHERE "code" = 'TNG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Province" ("code", "name", "fullName", "type") SELECT '01', 'Hà Nội', 'Thành phố Hà Nội', 'thành phố' WHERE EXISTS (SELECT 1 FROM "Province" WHERE "code" = 'HNI') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Province" ("code", "name", "fullName", "type") SELECT '79', 'Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'thành phố' WHERE EXISTS (SELECT 1 FROM "Province" WHERE "code" = 'HCM') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Province" ("code", "name", "fullName", "type") SELECT '31', 'Hải Phòng', 'Thành phố Hải Phòng', 'thành phố' WHERE EXISTS (SELECT 1 FROM "Province" WHERE "code" = 'HPG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Province" ("code", "name", "fullName", "type") SELECT '48', 'Đà Nẵng', 'Thành phố Đà Nẵng', 'thành phố' WHERE EXISTS (SELECT 1 FROM "Province" WHERE "code" = 'DNG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05503', 'Tân Cương', 'XA', 'Xã Tân Cương', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-TAN-CUONG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05818', 'La Bằng', 'XA', 'Xã La Bằng', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-LA-BANG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05740', 'La Hiên', 'XA', 'Xã La Hiên', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-LA-HIEN') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05857', 'Phúc Thuận', 'PHUONG', 'Phường Phúc Thuận', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-PHUC-THUAN') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05605', 'Bình Thành', 'XA', 'Xã Bình Thành', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-BINH-THANH') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05719', 'Sảng Mộc', 'XA', 'Xã Sảng Mộc', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-SANG-MOC') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05662', 'Trại Cau', 'XA', 'Xã Trại Cau', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-TRAI-CAI') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05641', 'Vô Tranh', 'XA', 'Xã Vô Tranh', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-KHE-COC') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05830', 'Đại Từ', 'XA', 'Xã Đại Từ', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-DAI-TU') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05569', 'Định Hóa', 'XA', 'Xã Định Hóa', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-DINH-HOA') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05716', 'Võ Nhai', 'XA', 'Xã Võ Nhai', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-VO-NHAI') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05611', 'Phú Lương', 'XA', 'Xã Phú Lương', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-PHU-LUONG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05692', 'Đồng Hỷ', 'XA', 'Xã Đồng Hỷ', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-DONG-HY') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '01906', 'Ba Bể', 'XA', 'Xã Ba Bể', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-BA-BE') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '02020', 'Chợ Đồn', 'XA', 'Xã Chợ Đồn', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-CHO-DON') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05443', 'Phan Đình Phùng', 'PHUONG', 'Phường Phan Đình Phùng', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-PHAN-DINH-PHUNG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05467', 'Gia Sàng', 'PHUONG', 'Phường Gia Sàng', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-GIA-SANG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05860', 'Phổ Yên', 'PHUONG', 'Phường Phổ Yên', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-PHO-YEN') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '05518', 'Sông Công', 'PHUONG', 'Phường Sông Công', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-SONG-CONG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '01843', 'Bắc Kạn', 'PHUONG', 'Phường Bắc Kạn', '19' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'TNG-BAC-KAN') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '00070', 'Hoàn Kiếm', 'PHUONG', 'Phường Hoàn Kiếm', '01' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HNI-HOAN-KIEM') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '00004', 'Ba Đình', 'PHUONG', 'Phường Ba Đình', '01' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HNI-BA-DINH') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '00166', 'Cầu Giấy', 'PHUONG', 'Phường Cầu Giấy', '01' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HNI-CAU-GIAY') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '00376', 'Sóc Sơn', 'XA', 'Xã Sóc Sơn', '01' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HNI-SOC-SON') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '26740', 'Sài Gòn', 'PHUONG', 'Phường Sài Gòn', '79' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HCM-SAI-GON') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '26743', 'Bến Thành', 'PHUONG', 'Phường Bến Thành', '79' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HCM-BEN-THANH') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '26824', 'Thủ Đức', 'PHUONG', 'Phường Thủ Đức', '79' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HCM-THU-DUC') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '11311', 'Hồng Bàng', 'PHUONG', 'Phường Hồng Bàng', '31' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'HPG-HONG-BANG') ON CONFLICT ("code") DO NOTHING;
INSERT INTO "Commune" ("code", "name", "kind", "fullName", "provinceCode") SELECT '20242', 'Hải Châu', 'PHUONG', 'Phường Hải Châu', '48' WHERE EXISTS (SELECT 1 FROM "Commune" WHERE "code" = 'DNG-HAI-CHAU') ON CONFLICT ("code") DO NOTHING;
UPDATE "Household" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Household"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Plot" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Plot"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Cooperative" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Cooperative"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Stall" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Stall"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "CollectionPoint" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "CollectionPoint"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "TrainingSession" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "TrainingSession"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Address" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Address"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Checkout" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Checkout"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "PreOrder" SET "communeCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "PreOrder"."communeCode") WHERE "communeCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Address" SET "provinceCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Address"."provinceCode") WHERE "provinceCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "Checkout" SET "provinceCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "Checkout"."provinceCode") WHERE "provinceCode" IN (SELECT "old" FROM "_PlaceCode");
UPDATE "PreOrder" SET "provinceCode" = (SELECT "new" FROM "_PlaceCode" WHERE "old" = "PreOrder"."provinceCode") WHERE "provinceCode" IN (SELECT "old" FROM "_PlaceCode");
-- a campaign's delivery area is a JSON list of codes: each old code, quoted, is replaced
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-TAN-CUONG"', '"05503"') WHERE "deliveryCommunes" LIKE '%"TNG-TAN-CUONG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-LA-BANG"', '"05818"') WHERE "deliveryCommunes" LIKE '%"TNG-LA-BANG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-LA-HIEN"', '"05740"') WHERE "deliveryCommunes" LIKE '%"TNG-LA-HIEN"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-PHUC-THUAN"', '"05857"') WHERE "deliveryCommunes" LIKE '%"TNG-PHUC-THUAN"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-BINH-THANH"', '"05605"') WHERE "deliveryCommunes" LIKE '%"TNG-BINH-THANH"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-SANG-MOC"', '"05719"') WHERE "deliveryCommunes" LIKE '%"TNG-SANG-MOC"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-TRAI-CAI"', '"05662"') WHERE "deliveryCommunes" LIKE '%"TNG-TRAI-CAI"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-KHE-COC"', '"05641"') WHERE "deliveryCommunes" LIKE '%"TNG-KHE-COC"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-DAI-TU"', '"05830"') WHERE "deliveryCommunes" LIKE '%"TNG-DAI-TU"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-DINH-HOA"', '"05569"') WHERE "deliveryCommunes" LIKE '%"TNG-DINH-HOA"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-VO-NHAI"', '"05716"') WHERE "deliveryCommunes" LIKE '%"TNG-VO-NHAI"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-PHU-LUONG"', '"05611"') WHERE "deliveryCommunes" LIKE '%"TNG-PHU-LUONG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-DONG-HY"', '"05692"') WHERE "deliveryCommunes" LIKE '%"TNG-DONG-HY"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-BA-BE"', '"01906"') WHERE "deliveryCommunes" LIKE '%"TNG-BA-BE"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-CHO-DON"', '"02020"') WHERE "deliveryCommunes" LIKE '%"TNG-CHO-DON"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-PHAN-DINH-PHUNG"', '"05443"') WHERE "deliveryCommunes" LIKE '%"TNG-PHAN-DINH-PHUNG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-GIA-SANG"', '"05467"') WHERE "deliveryCommunes" LIKE '%"TNG-GIA-SANG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-PHO-YEN"', '"05860"') WHERE "deliveryCommunes" LIKE '%"TNG-PHO-YEN"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-SONG-CONG"', '"05518"') WHERE "deliveryCommunes" LIKE '%"TNG-SONG-CONG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"TNG-BAC-KAN"', '"01843"') WHERE "deliveryCommunes" LIKE '%"TNG-BAC-KAN"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HNI-HOAN-KIEM"', '"00070"') WHERE "deliveryCommunes" LIKE '%"HNI-HOAN-KIEM"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HNI-BA-DINH"', '"00004"') WHERE "deliveryCommunes" LIKE '%"HNI-BA-DINH"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HNI-CAU-GIAY"', '"00166"') WHERE "deliveryCommunes" LIKE '%"HNI-CAU-GIAY"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HNI-SOC-SON"', '"00376"') WHERE "deliveryCommunes" LIKE '%"HNI-SOC-SON"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HCM-SAI-GON"', '"26740"') WHERE "deliveryCommunes" LIKE '%"HCM-SAI-GON"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HCM-BEN-THANH"', '"26743"') WHERE "deliveryCommunes" LIKE '%"HCM-BEN-THANH"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HCM-THU-DUC"', '"26824"') WHERE "deliveryCommunes" LIKE '%"HCM-THU-DUC"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"HPG-HONG-BANG"', '"11311"') WHERE "deliveryCommunes" LIKE '%"HPG-HONG-BANG"%';
UPDATE "HarvestCampaign" SET "deliveryCommunes" = REPLACE("deliveryCommunes", '"DNG-HAI-CHAU"', '"20242"') WHERE "deliveryCommunes" LIKE '%"DNG-HAI-CHAU"%';
DELETE FROM "Commune" WHERE "code" IN (SELECT "old" FROM "_PlaceCode");
-- an old province keeps any commune the seed did not have (the loader retires both)
DELETE FROM "Province" WHERE "code" IN (SELECT "old" FROM "_PlaceCode")
  AND NOT EXISTS (SELECT 1 FROM "Commune" c WHERE c."provinceCode" = "Province"."code");
DROP TABLE "_PlaceCode";
PRAGMA defer_foreign_keys=OFF;
