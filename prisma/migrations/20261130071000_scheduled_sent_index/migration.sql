-- The outcome report reads the sends of its range by (status, sentAt) for the days it computes live.
-- CreateIndex
CREATE INDEX "ScheduledMessage_status_sentAt_idx" ON "ScheduledMessage"("status", "sentAt");

