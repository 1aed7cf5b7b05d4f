import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { markConversationRead } from "@/lib/inbox/read-state";
import { mentionedTeammates } from "@/lib/notifications/mentions";
import { notify } from "@/lib/notifications/notifications";
import { resumeReviewSteps } from "@/lib/outbound/review-pause";

export const statusChangeSchema = z.discriminatedUnion("status", [
  z.object({ conversationId: z.string().min(1), status: z.literal("open") }),
  z.object({ conversationId: z.string().min(1), status: z.literal("pending") }),
  z.object({
    conversationId: z.string().min(1),
    status: z.literal("snoozed"),
    snoozedUntil: z.coerce.date({ error: "Pick a date and time" }),
  }),
  z.object({
    conversationId: z.string().min(1),
    status: z.literal("closed"),
    resolution: z.enum(["resolved", "not_resolved"]),
  }),
]);
export type StatusChange = z.infer<typeof statusChangeSchema>;

async function findConversation(id: string) {
  const conversation = await db.conversation.findUnique({ where: { id } });
  if (!conversation) throw AppError.because("not_found", "conversationGone");
  return conversation;
}

/**
 * Open, pending, snoozed until a time, or closed as resolved / not resolved. Closing, however it
 * ends, resumes the review requests a reported problem had paused: how a conversation ended never
 * decides who is asked for a review.
 */
export async function changeConversationStatus(
  change: StatusChange,
  actorUserId: string,
  now = new Date(),
): Promise<void> {
  const conversation = await findConversation(change.conversationId);
  if (change.status === "snoozed" && change.snoozedUntil <= now)
    throw AppError.because("bad_request", "snoozeInFuture");
  await db.$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: conversation.id },
      data: {
        status: change.status,
        resolution: change.status === "closed" ? change.resolution : null,
        snoozedUntil: change.status === "snoozed" ? change.snoozedUntil : null,
        closedAt: change.status === "closed" ? now : null,
        ...(change.status === "closed" ? { needsHuman: false, waitingSince: null } : {}),
      },
    });
    if (change.status === "closed") await resumeReviewSteps(conversation.customerId, tx, now);
    await recordAudit(
      {
        actorUserId,
        action: "conversation.status_changed",
        entityType: "conversation",
        entityId: conversation.id,
        data: { from: conversation.status, ...change, conversationId: undefined } as never,
      },
      tx,
    );
  });
}

export async function assignConversation(
  conversationId: string,
  assigneeId: string | null,
  actorUserId: string,
): Promise<void> {
  await findConversation(conversationId);
  if (assigneeId) {
    const assignee = await db.user.findUnique({ where: { id: assigneeId } });
    if (!assignee || assignee.deactivatedAt) throw AppError.because("bad_request", "teammateCannotBeAssigned");
  }
  await db.conversation.update({ where: { id: conversationId }, data: { assigneeId } });
  if (assigneeId) await notify([{ userId: assigneeId, kind: "assigned", conversationId, actorUserId }]);
  await recordAudit({
    actorUserId,
    action: "conversation.assigned",
    entityType: "conversation",
    entityId: conversationId,
    data: { assigneeId },
  });
}

/** A note for the team, in the thread, never sent to the customer; the teammates it @mentions are notified. */
export async function addInternalNote(conversationId: string, text: string, authorUserId: string): Promise<string> {
  const conversation = await findConversation(conversationId);
  const last = await db.message.findFirst({
    where: { conversationId },
    orderBy: { createdAt: "desc" },
    select: { channel: true },
  });
  const note = await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "outbound",
      channel: last?.channel ?? "email",
      authorType: "staff",
      authorUserId,
      isInternalNote: true,
      textBody: text,
      deliveryStatus: "sent",
    },
  });
  await markConversationRead(conversation.id, authorUserId, new Date());
  if (text.includes("@")) {
    const teammates = await db.user.findMany({ where: { deactivatedAt: null }, select: { id: true, name: true } });
    await notify(
      mentionedTeammates(text, teammates).map((teammate) => ({
        userId: teammate.id,
        kind: "mentioned" as const,
        conversationId: conversation.id,
        actorUserId: authorUserId,
        messageId: note.id,
      })),
    );
  }
  return note.id;
}
