-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "forwardedTo" TEXT;

