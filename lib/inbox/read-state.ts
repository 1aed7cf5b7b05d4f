import "server-only";
import { db } from "@/lib/db";
import { markNotificationsRead } from "@/lib/notifications/notifications";

/**
 * The teammate has the conversation open now: it is read for them up to now (unread again when
 * the customer next writes), and its notifications are read.
 */
export async function markConversationRead(conversationId: string, userId: string, now: Date): Promise<void> {
  // Written only when it was unread: the open page's heartbeat calls this every few seconds.
  await db.$executeRaw`
    INSERT INTO "ConversationRead" ("userId", "conversationId", "readAt") VALUES (${userId}, ${conversationId}, ${now})
    ON CONFLICT ("userId", "conversationId") DO UPDATE SET "readAt" = EXCLUDED."readAt"
     WHERE "ConversationRead"."readAt" < COALESCE(
       (SELECT "lastInboundAt" FROM "Conversation" WHERE id = EXCLUDED."conversationId"), '-infinity'::timestamp)`;
  await markNotificationsRead(userId, now, conversationId);
}
