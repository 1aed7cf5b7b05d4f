-- CreateTable
CREATE TABLE "WebhookTally" (
    "provider" "WebhookProvider" NOT NULL,
    "topic" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejectedSignature" INTEGER NOT NULL DEFAULT 0,
    "rejectedAuth" INTEGER NOT NULL DEFAULT 0,
    "rejectedSize" INTEGER NOT NULL DEFAULT 0,
    "rejectedMalformed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "lastReceivedAt" TIMESTAMP(3) NOT NULL,
    "lastAcceptedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookTally_pkey" PRIMARY KEY ("provider","topic","hour")
);

-- CreateTable
CREATE TABLE "WebhookFailure" (
    "id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "provider" "WebhookProvider" NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "payload" TEXT,
    "headers" JSONB,
    "replayedAt" TIMESTAMP(3),
    "replayedById" TEXT,
    "replayOutcome" TEXT,
    "replayError" TEXT,

    CONSTRAINT "WebhookFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookTally_hour_idx" ON "WebhookTally"("hour");

-- CreateIndex
CREATE INDEX "WebhookFailure_receivedAt_idx" ON "WebhookFailure"("receivedAt");

-- AddForeignKey
ALTER TABLE "WebhookFailure" ADD CONSTRAINT "WebhookFailure_replayedById_fkey" FOREIGN KEY ("replayedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

