-- DropIndex
DROP INDEX "Attachment_messageId_idx";

-- CreateIndex
CREATE INDEX "Attachment_messageId_createdAt_idx" ON "Attachment"("messageId", "createdAt");

