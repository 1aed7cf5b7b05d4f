import "server-only";
import type { DbClient } from "@/lib/db";
import type { Flow } from "@/lib/generated/prisma/enums";
import { REVIEW_STEP_FILTER, usefulForMs } from "@/lib/outbound/flow-steps";
import { pluralForm } from "@/lib/i18n/numbers";

// Review requests are never withheld by sentiment or by how a conversation ended (review gating
// is forbidden): they pause only while a conversation with a reported problem is open, resume
// when it is closed in any way, and resume anyway after reviewPauseMaxDays (Settings).

export const OPEN_PROBLEM_REASON = "paused: the customer has an open problem";

/** An open (not closed) conversation whose intent is a problem. Sentiment alone never counts. */
export async function customerHasOpenProblem(customerId: string, tx: DbClient): Promise<boolean> {
  return (await customersWithOpenProblem([customerId], tx)).has(customerId);
}

/** Which of these customers have an open problem (customerHasOpenProblem for a dispatch batch, in one query). */
export async function customersWithOpenProblem(customerIds: string[], tx: DbClient): Promise<Set<string>> {
  const rows = await tx.conversation.findMany({
    where: { customerId: { in: customerIds }, status: { not: "closed" }, intent: "problem" },
    select: { customerId: true },
    distinct: ["customerId"],
  });
  return new Set(rows.map((row) => row.customerId));
}

/** Pauses the customer's scheduled review requests while a reported problem is open. */
export async function pauseReviewSteps(customerId: string, tx: DbClient, now = new Date()): Promise<number> {
  const { count } = await tx.scheduledMessage.updateMany({
    where: { customerId, status: "scheduled", ...REVIEW_STEP_FILTER },
    data: { status: "paused", statusReason: OPEN_PROBLEM_REASON, pausedAt: now },
  });
  return count;
}

/** Back in the queue: due at its time or now, useful for as long after that as its step allows. */
async function resume(
  ids: { id: string; flow: Flow; step: string; dueAt: Date; latestAt: Date | null }[],
  reason: string,
  tx: DbClient,
  now: Date,
  keepPausedAt: boolean,
) {
  for (const message of ids) {
    const dueAt = message.dueAt > now ? message.dueAt : now;
    const latestAt = new Date(dueAt.getTime() + usefulForMs(message));
    await tx.scheduledMessage.update({
      where: { id: message.id },
      data: {
        status: "scheduled",
        statusReason: reason,
        dueAt,
        latestAt: message.latestAt && message.latestAt > latestAt ? message.latestAt : latestAt,
        ...(keepPausedAt ? {} : { pausedAt: null }),
      },
    });
  }
}

/** Resumes them once no problem conversation is open any more, however it was closed. */
export async function resumeReviewSteps(customerId: string, tx: DbClient, now = new Date()): Promise<number> {
  if (await customerHasOpenProblem(customerId, tx)) return 0;
  const paused = await tx.scheduledMessage.findMany({
    where: { customerId, status: "paused", statusReason: OPEN_PROBLEM_REASON, ...REVIEW_STEP_FILTER },
  });
  await resume(paused, "resumed: the problem conversation was closed", tx, now, false);
  return paused.length;
}

/**
 * Review requests paused longer than the shop allows go anyway, even if the problem conversation
 * stays open (the send rules see how long it has been paused). Run by the dispatcher.
 */
export async function resumeLongPausedReviewSteps(
  maxPauseDays: number,
  tx: DbClient,
  now = new Date(),
): Promise<number> {
  const pausedBefore = new Date(now.getTime() - maxPauseDays * 24 * 60 * 60 * 1000);
  const paused = await tx.scheduledMessage.findMany({
    where: {
      status: "paused",
      statusReason: OPEN_PROBLEM_REASON,
      pausedAt: { lte: pausedBefore },
      ...REVIEW_STEP_FILTER,
    },
    take: 500,
  });
  // Stored in English (lib/i18n/labels.ts words it for the reader): "1 day", "7 days".
  const days = `${maxPauseDays} ${pluralForm("en", maxPauseDays) === "one" ? "day" : "days"}`;
  await resume(paused, `resumed: paused for ${days}`, tx, now, true);
  return paused.length;
}
