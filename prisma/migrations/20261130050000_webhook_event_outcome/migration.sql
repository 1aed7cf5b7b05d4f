-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "outcome" TEXT;

