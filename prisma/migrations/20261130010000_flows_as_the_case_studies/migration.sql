-- CreateEnum
CREATE TYPE "DayFiveEmail" AS ENUM ('skip', 'check_in');

-- AlterEnum
ALTER TYPE "Flow" ADD VALUE 'high_value_cart';

-- AlterTable
ALTER TABLE "ScheduledMessage" ADD COLUMN     "latestAt" TIMESTAMP(3),
ADD COLUMN     "pausedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "day5EmailWithSms" "DayFiveEmail" NOT NULL DEFAULT 'skip',
ADD COLUMN     "highValueCartCurrency" TEXT NOT NULL DEFAULT 'EUR',
ADD COLUMN     "highValueCartThreshold" DECIMAL(12,2),
ADD COLUMN     "reviewPauseMaxDays" INTEGER NOT NULL DEFAULT 7,
ALTER COLUMN "abandonedHelpDelayMinutes" SET DEFAULT 0;


-- The help email goes an hour after the last checkout activity, as in the case study, for shops
-- that kept the old defaults (an hour to call a checkout abandoned, then another hour).
UPDATE "ShopSettings" SET "abandonedHelpDelayMinutes" = 0 WHERE "abandonAfterMinutes" = 60 AND "abandonedHelpDelayMinutes" = 60;

-- Messages already waiting get the latest useful time of their step (lib/outbound/flow-steps.ts).
UPDATE "ScheduledMessage" SET "latestAt" = "dueAt" + CASE
    WHEN flow = 'abandoned_checkout' THEN interval '24 hours'
    WHEN flow = 'post_delivery' AND step = 'day1' THEN interval '2 days'
    WHEN flow = 'post_delivery' AND step = 'day5' THEN interval '3 days'
    WHEN flow = 'post_delivery' AND step = 'day14' THEN interval '7 days'
    WHEN flow = 'sms_review_request' THEN interval '3 days'
    ELSE interval '2 days' END
  WHERE status IN ('scheduled', 'paused');
UPDATE "ScheduledMessage" SET "pausedAt" = "updatedAt" WHERE status = 'paused';
