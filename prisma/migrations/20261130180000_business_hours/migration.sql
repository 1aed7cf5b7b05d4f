-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "businessDays" TEXT NOT NULL DEFAULT 'mon_fri',
ADD COLUMN     "businessEndHour" INTEGER NOT NULL DEFAULT 18,
ADD COLUMN     "businessStartHour" INTEGER NOT NULL DEFAULT 9;

