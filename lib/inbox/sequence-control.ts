import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { usefulForMs } from "@/lib/outbound/flow-steps";

/** An agent holds back one of the customer's scheduled messages (e.g. while sorting out a problem). */
export async function pauseScheduledMessage(
  scheduledMessageId: string,
  actor: { id: string; name: string },
): Promise<void> {
  const { count } = await db.scheduledMessage.updateMany({
    where: { id: scheduledMessageId, status: "scheduled" },
    data: { status: "paused", statusReason: `paused by ${actor.name}` },
  });
  if (count === 0) throw AppError.because("conflict", "onlyScheduledCanPause");
  await recordAudit({
    actorUserId: actor.id,
    action: "scheduled_message.paused",
    entityType: "scheduled_message",
    entityId: scheduledMessageId,
    data: {},
  });
}

/**
 * Lets it go again, at its own time or now if that time has passed, useful for as long after that
 * as its step allows (a person chose to send it). The send rules still apply.
 */
export async function resumeScheduledMessage(
  scheduledMessageId: string,
  actor: { id: string; name: string },
  now = new Date(),
): Promise<void> {
  const message = await db.scheduledMessage.findUnique({ where: { id: scheduledMessageId } });
  if (!message || message.status !== "paused") throw AppError.because("conflict", "onlyPausedCanResume");
  const dueAt = message.dueAt > now ? message.dueAt : now;
  const latestAt = new Date(dueAt.getTime() + usefulForMs(message));
  const { count } = await db.scheduledMessage.updateMany({
    where: { id: scheduledMessageId, status: "paused" },
    data: {
      status: "scheduled",
      statusReason: `resumed by ${actor.name}`,
      dueAt,
      latestAt: message.latestAt && message.latestAt > latestAt ? message.latestAt : latestAt,
      pausedAt: null,
    },
  });
  if (count === 0) throw AppError.because("conflict", "messageChanged");
  await recordAudit({
    actorUserId: actor.id,
    action: "scheduled_message.resumed",
    entityType: "scheduled_message",
    entityId: scheduledMessageId,
    data: {},
  });
}
