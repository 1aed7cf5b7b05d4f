import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const mergeSchema = z.object({
  /** The conversation that goes away (it redirects). */
  sourceId: z.string().min(1),
  /** The conversation that keeps everything. */
  targetId: z.string().min(1),
});

type Locked = {
  id: string;
  customerId: string;
  status: string;
  mergedIntoId: string | null;
};

/**
 * Merges one conversation of a customer into another of theirs: its messages (with their
 * attachments and labels), tags, friction marks, scheduled messages and notifications move to the
 * target, which keeps the earliest wait, the latest activity and whether a person is needed; the
 * source is closed and redirects to the target (the customer's replies to it too). Audited on both.
 */
export async function mergeConversations(
  input: z.infer<typeof mergeSchema>,
  actorUserId: string,
  now = new Date(),
): Promise<void> {
  const { sourceId, targetId } = input;
  if (sourceId === targetId) throw AppError.because("bad_request", "mergeIntoItself");
  await db.$transaction(async (tx) => {
    // Both rows locked in one order: two merges of the same pair never wait on each other in a cycle.
    const rows = await tx.$queryRaw<Locked[]>`
      SELECT id, "customerId", status, "mergedIntoId" FROM "Conversation"
       WHERE id IN (${sourceId}, ${targetId}) ORDER BY id FOR UPDATE`;
    const source = rows.find((row) => row.id === sourceId);
    const target = rows.find((row) => row.id === targetId);
    if (!source || !target || source.mergedIntoId || target.mergedIntoId)
      throw AppError.because("not_found", "conversationGone");
    if (source.customerId !== target.customerId) throw AppError.because("bad_request", "mergeOtherCustomer");

    const moved = await tx.message.updateMany({
      where: { conversationId: sourceId },
      data: { conversationId: targetId },
    });
    await tx.$executeRaw`
      INSERT INTO "ConversationTag" ("conversationId", "tagId")
      SELECT ${targetId}, "tagId" FROM "ConversationTag" WHERE "conversationId" = ${sourceId}
      ON CONFLICT DO NOTHING`;
    await tx.conversationTag.deleteMany({ where: { conversationId: sourceId } });
    // One mark per category and conversation: the target's stands where both have one.
    await tx.$executeRaw`
      DELETE FROM "FrictionMark" s WHERE s."conversationId" = ${sourceId}
         AND EXISTS (SELECT 1 FROM "FrictionMark" t WHERE t."conversationId" = ${targetId} AND t."categoryId" = s."categoryId")`;
    await tx.frictionMark.updateMany({ where: { conversationId: sourceId }, data: { conversationId: targetId } });
    await tx.scheduledMessage.updateMany({ where: { conversationId: sourceId }, data: { conversationId: targetId } });
    await tx.notification.updateMany({ where: { conversationId: sourceId }, data: { conversationId: targetId } });
    await tx.conversationPresence.deleteMany({ where: { conversationId: sourceId } });
    await tx.conversationRead.deleteMany({ where: { conversationId: sourceId } });

    // The target takes what both say: the latest activity, the earliest wait, a person needed if
    // either needed one, every channel; a closed target takes the source's open state.
    await tx.$executeRaw`
      UPDATE "Conversation" t SET
        "lastMessageAt" = GREATEST(t."lastMessageAt", s."lastMessageAt"),
        "lastInboundAt" = GREATEST(t."lastInboundAt", s."lastInboundAt"),
        "waitingSince" = LEAST(t."waitingSince", s."waitingSince"),
        "needsHuman" = t."needsHuman" OR (s."needsHuman" AND s.status <> 'closed'),
        priority = GREATEST(t.priority, s.priority),
        channels = ARRAY(SELECT DISTINCT unnest(COALESCE(t.channels, '{}') || COALESCE(s.channels, '{}')) ORDER BY 1),
        subject = COALESCE(t.subject, s.subject),
        status = CASE WHEN t.status = 'closed' AND s.status <> 'closed' THEN s.status ELSE t.status END,
        resolution = CASE WHEN t.status = 'closed' AND s.status <> 'closed' THEN NULL ELSE t.resolution END,
        "closedAt" = CASE WHEN t.status = 'closed' AND s.status <> 'closed' THEN NULL ELSE t."closedAt" END,
        "snoozedUntil" = CASE WHEN t.status = 'closed' AND s.status <> 'closed' THEN s."snoozedUntil" ELSE t."snoozedUntil" END,
        "updatedAt" = ${now}
       FROM "Conversation" s
      WHERE t.id = ${targetId} AND s.id = ${sourceId}`;
    await tx.conversation.update({
      where: { id: sourceId },
      data: {
        mergedIntoId: targetId,
        status: "closed",
        closedAt: now,
        needsHuman: false,
        waitingSince: null,
        snoozedUntil: null,
      },
    });
    // Conversations merged into the source earlier now point at the target: one hop, always.
    await tx.conversation.updateMany({ where: { mergedIntoId: sourceId }, data: { mergedIntoId: targetId } });
    for (const [entityId, data] of [
      [targetId, { mergedFrom: sourceId, messages: moved.count }],
      [sourceId, { mergedInto: targetId, messages: moved.count }],
    ] as const)
      await recordAudit({ actorUserId, action: "conversation.merged", entityType: "conversation", entityId, data }, tx);
  });
}
