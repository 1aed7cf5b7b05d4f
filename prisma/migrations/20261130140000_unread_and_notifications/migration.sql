-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('customer_replied', 'assigned', 'mentioned');

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "lastInboundAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ConversationRead" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationRead_pkey" PRIMARY KEY ("userId","conversationId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "conversationId" TEXT NOT NULL,
    "messageId" TEXT,
    "actorUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConversationRead_conversationId_idx" ON "ConversationRead"("conversationId");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_conversationId_idx" ON "Notification"("conversationId");

-- CreateIndex
CREATE INDEX "Notification_messageId_idx" ON "Notification"("messageId");

-- AddForeignKey
ALTER TABLE "ConversationRead" ADD CONSTRAINT "ConversationRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationRead" ADD CONSTRAINT "ConversationRead_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- When the customer last wrote, for the conversations already there.
UPDATE "Conversation" c SET "lastInboundAt" = m.last
  FROM (SELECT "conversationId", max("createdAt") AS last FROM "Message" WHERE direction = 'inbound' GROUP BY 1) m
 WHERE m."conversationId" = c.id;

-- The Message trigger keeps the thread's channels and, for a customer's message, when they last
-- wrote, and tells the teammate the conversation is assigned to (whatever path stored it: the
-- webhooks, a demo's Outbox, the seed).
CREATE OR REPLACE FUNCTION reply_conversation_channel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  assignee TEXT;
BEGIN
  IF NEW.direction = 'inbound' THEN
    UPDATE "Conversation"
       SET "lastInboundAt" = GREATEST(COALESCE("lastInboundAt", NEW."createdAt"), NEW."createdAt"),
           "channels" = CASE WHEN NEW.channel = ANY (COALESCE("channels", ARRAY[]::"Channel"[])) THEN "channels"
                             ELSE array_append(COALESCE("channels", ARRAY[]::"Channel"[]), NEW.channel) END
     WHERE id = NEW."conversationId"
    RETURNING "assigneeId" INTO assignee;
    IF assignee IS NOT NULL THEN
      INSERT INTO "Notification" ("userId", kind, "conversationId", "messageId", "createdAt")
      VALUES (assignee, 'customer_replied', NEW."conversationId", NEW.id, NEW."createdAt");
    END IF;
  ELSE
    UPDATE "Conversation" SET "channels" = array_append(COALESCE("channels", ARRAY[]::"Channel"[]), NEW.channel)
     WHERE id = NEW."conversationId" AND NOT (NEW.channel = ANY (COALESCE("channels", ARRAY[]::"Channel"[])));
  END IF;
  RETURN NULL;
END $$;
