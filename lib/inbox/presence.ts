import "server-only";
import { db } from "@/lib/db";
import { isMissingReference } from "@/lib/db/database-errors";
import { AppError } from "@/lib/errors";
import { markConversationRead } from "@/lib/inbox/read-state";

/** A viewer who has not sent a heartbeat for this long has left. */
export const PRESENCE_TTL_MS = 30_000;

export type PresenceSnapshot = {
  others: { userId: string; name: string; replying: boolean }[];
  /** The newest message in the thread (notes included), so an open page knows when to refresh. */
  latestMessageId: string | null;
  /** When the conversation last changed (status, assignee...), for the same reason. */
  updatedAt: string | null;
};

/** Records that the user has the conversation open (and whether they are typing: it is read), and says who else has. */
export async function heartbeat(
  conversationId: string,
  userId: string,
  replying: boolean,
  now = new Date(),
): Promise<PresenceSnapshot> {
  try {
    await db.conversationPresence.upsert({
      where: { conversationId_userId: { conversationId, userId } },
      create: { conversationId, userId, replying, lastSeenAt: now },
      update: { replying, lastSeenAt: now },
    });
  } catch (error) {
    // The conversation's foreign key: it was deleted, or never existed.
    if (isMissingReference(error)) throw AppError.because("not_found", "conversationGone");
    throw error;
  }
  // Having it open is reading it.
  await markConversationRead(conversationId, userId, now);
  const [others, latest, conversation] = await Promise.all([
    db.conversationPresence.findMany({
      where: { conversationId, userId: { not: userId }, lastSeenAt: { gt: new Date(now.getTime() - PRESENCE_TTL_MS) } },
      include: { user: { select: { name: true } } },
      orderBy: { lastSeenAt: "desc" },
    }),
    db.message.findFirst({ where: { conversationId }, orderBy: { createdAt: "desc" }, select: { id: true } }),
    db.conversation.findUnique({ where: { id: conversationId }, select: { updatedAt: true } }),
  ]);
  return {
    others: others.map((p) => ({ userId: p.userId, name: p.user.name, replying: p.replying })),
    latestMessageId: latest?.id ?? null,
    updatedAt: conversation?.updatedAt.toISOString() ?? null,
  };
}

export async function leave(conversationId: string, userId: string): Promise<void> {
  await db.conversationPresence.deleteMany({ where: { conversationId, userId } });
}
