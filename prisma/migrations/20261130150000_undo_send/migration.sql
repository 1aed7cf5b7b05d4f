-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "sendAfter" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "undoSendSeconds" INTEGER NOT NULL DEFAULT 5;

