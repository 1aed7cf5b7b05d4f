-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "clientRequestId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" "Locale";

-- CreateTable
CREATE TABLE "ConversationPresence" (
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "replying" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationPresence_pkey" PRIMARY KEY ("conversationId","userId")
);

-- CreateIndex
CREATE INDEX "ConversationPresence_conversationId_lastSeenAt_idx" ON "ConversationPresence"("conversationId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_clientRequestId_key" ON "Message"("clientRequestId");

-- AddForeignKey
ALTER TABLE "ConversationPresence" ADD CONSTRAINT "ConversationPresence_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationPresence" ADD CONSTRAINT "ConversationPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

