-- Each dispatcher run looks for replies left unclassified: an index range instead of the whole date index.
-- CreateIndex
CREATE INDEX "Message_direction_sentiment_createdAt_idx" ON "Message"("direction", "sentiment", "createdAt");


-- Inbound messages are nearly all classified, outbound ones never are: without knowing the two
-- columns together, the planner guessed a fifth of the table matched and walked the date index.
CREATE STATISTICS "Message_direction_sentiment_stats" (mcv) ON direction, sentiment FROM "Message";
ANALYZE "Message";
