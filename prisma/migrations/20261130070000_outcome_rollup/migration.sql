-- The outcome report's rollup (issue #15): what followed each send of a closed UTC day, stored
-- once (lib/reports/outcome-rollup.ts), and which days are filled, days without sends included.
-- CreateTable
CREATE TABLE "OutcomeFact" (
    "scheduledMessageId" TEXT NOT NULL,
    "sentDay" DATE NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "flow" "Flow" NOT NULL,
    "step" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "customerId" TEXT NOT NULL,
    "templateVersionId" TEXT,
    "delivered" BOOLEAN NOT NULL,
    "undelivered" BOOLEAN NOT NULL,
    "segments" INTEGER NOT NULL,
    "unsubscribed" BOOLEAN NOT NULL,
    "replied" BOOLEAN NOT NULL,
    "reviewed" BOOLEAN NOT NULL,
    "optedOut" BOOLEAN NOT NULL,
    "hasReviewLink" BOOLEAN NOT NULL,
    "clicks" INTEGER NOT NULL,
    "recovered" BOOLEAN NOT NULL,
    "recoveredValue" DECIMAL(14,2),
    "currencies" TEXT,

    CONSTRAINT "OutcomeFact_pkey" PRIMARY KEY ("scheduledMessageId")
);

-- CreateTable
CREATE TABLE "OutcomeRollupDay" (
    "day" DATE NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutcomeRollupDay_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "OutcomeFact_sentDay_idx" ON "OutcomeFact"("sentDay");

-- AddForeignKey
ALTER TABLE "OutcomeFact" ADD CONSTRAINT "OutcomeFact_scheduledMessageId_fkey" FOREIGN KEY ("scheduledMessageId") REFERENCES "ScheduledMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

