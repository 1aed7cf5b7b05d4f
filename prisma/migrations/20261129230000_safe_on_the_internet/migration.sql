-- Safe to put on the internet (#11): session versions and demo users, sign-in throttling,
-- sender authentication of inbound mail, and SMS consent per phone number.

-- CreateEnum
CREATE TYPE "SenderCheck" AS ENUM ('pass', 'fail', 'none');

-- AlterTable
ALTER TABLE "ConsentEvent" ADD COLUMN     "address" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "senderCheck" "SenderCheck";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isDemo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- The demo users an earlier set-up seeded with published passwords are demo users.
UPDATE "User" SET "isDemo" = true WHERE lower(email) LIKE '%@demo.replyinbox.test';

-- CreateTable
CREATE TABLE "PhoneNumber" (
    "number" TEXT NOT NULL,
    "customerId" TEXT,
    "consentAt" TIMESTAMP(3),
    "consentSource" TEXT,
    "consentWording" TEXT,
    "optedOutAt" TIMESTAMP(3),
    "optedOutBy" TEXT,
    "unreachableAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("number")
);

-- The consent state each customer had moves to their number. Opt-outs recorded before were
-- keyword opt-outs or carrier refusals: they stay opt-outs ("keyword" lets START lift them, as before).
INSERT INTO "PhoneNumber" ("number", "customerId", "consentAt", "consentSource", "consentWording", "optedOutAt", "optedOutBy", "unreachableAt", "updatedAt")
SELECT "phone", "id", "smsConsentAt", "smsConsentSource", "smsConsentWording", "smsOptedOutAt",
       CASE WHEN "smsOptedOutAt" IS NOT NULL THEN 'keyword' END, "smsUnreachableAt", CURRENT_TIMESTAMP
FROM "Customer" WHERE "phone" IS NOT NULL;

UPDATE "ConsentEvent" e SET "address" = c."phone"
FROM "Customer" c WHERE e."customerId" = c."id" AND e."channel" = 'sms';
UPDATE "ConsentEvent" e SET "address" = c."email"
FROM "Customer" c WHERE e."customerId" = c."id" AND e."channel" = 'email';

-- AlterTable
ALTER TABLE "Customer" DROP COLUMN "smsConsentAt",
DROP COLUMN "smsConsentSource",
DROP COLUMN "smsConsentWording",
DROP COLUMN "smsOptedOutAt",
DROP COLUMN "smsUnreachableAt";

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "windowStartsAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PhoneNumber_customerId_idx" ON "PhoneNumber"("customerId");

-- CreateIndex
CREATE INDEX "SignInThrottle_updatedAt_idx" ON "SignInThrottle"("updatedAt");

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
