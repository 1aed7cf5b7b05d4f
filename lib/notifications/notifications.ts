import "server-only";
import { customerName } from "@/lib/customers/customer-name";
import { db, type DbClient } from "@/lib/db";
import type { NotificationKind } from "@/lib/generated/prisma/enums";

// A teammate's notifications: a customer answered a conversation assigned to them (written by the
// Message trigger, prisma/migrations/20261130140000_unread_and_notifications), they were assigned
// one, or mentioned in a note. Opening the conversation reads them.

export async function notify(
  notifications: {
    userId: string;
    kind: Exclude<NotificationKind, "customer_replied">;
    conversationId: string;
    actorUserId: string;
    messageId?: string;
  }[],
  tx: DbClient = db,
): Promise<void> {
  // Nobody is told about what they did themselves.
  const others = notifications.filter((n) => n.userId !== n.actorUserId);
  if (others.length) await tx.notification.createMany({ data: others });
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

/** The newest notifications of a teammate, with who and which customer they are about. */
export async function listNotifications(userId: string, limit = 50) {
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      kind: true,
      createdAt: true,
      readAt: true,
      conversationId: true,
      actor: { select: { name: true } },
      message: { select: { snippet: true } },
      conversation: { select: { customer: { select: { firstName: true, lastName: true, email: true, phone: true } } } },
    },
  });
  return rows.map((row) => {
    const customer = row.conversation.customer;
    return {
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      read: row.readAt !== null,
      conversationId: row.conversationId,
      actorName: row.actor?.name ?? null,
      customerName: customerName(customer),
      snippet: row.message?.snippet ?? null,
    };
  });
}

export async function unreadNotificationCount(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks all of a teammate's notifications read, or those of one conversation (when they open it). */
export async function markNotificationsRead(
  userId: string,
  now: Date,
  conversationId?: string,
  tx: DbClient = db,
): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: { userId, readAt: null, ...(conversationId ? { conversationId } : {}) },
    data: { readAt: now },
  });
  return count;
}
