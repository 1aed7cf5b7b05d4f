import "server-only";
import { db } from "@/lib/db";
import { markNotificationsRead } from "@/lib/notifications/notifications";

/**
 * The teammate has the conversation open now: it is read for them up to now (unread again when
 * the customer next writes), and its notifications are read.
 */
export async function markConversationRead(conversationId: string, userId: string, now: Date): Promise<void> {
  await db.conversationRead.upsert({
    where: { userId_conversationId: { userId, conversationId } },
    create: { userId, conversationId, readAt: now },
    update: { readAt: now },
  });
  await markNotificationsRead(userId, now, conversationId);
}
