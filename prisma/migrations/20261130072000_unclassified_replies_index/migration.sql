-- Each dispatcher run looks for replies left unclassified: an index range instead of the whole date index.
-- CreateIndex
CREATE INDEX "Message_direction_sentiment_createdAt_idx" ON "Message"("direction", "sentiment", "createdAt");

