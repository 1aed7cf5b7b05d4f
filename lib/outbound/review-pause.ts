import "server-only";
import type { DbClient } from "@/lib/db";
import { REVIEW_STEP_FILTER } from "@/lib/outbound/flow-steps";

export const OPEN_PROBLEM_REASON = "paused: the customer has an open problem";

/** An open (not closed) conversation whose intent is a problem. Sentiment alone never counts. */
export async function customerHasOpenProblem(customerId: string, tx: DbClient): Promise<boolean> {
  const count = await tx.conversation.count({ where: { customerId, status: { not: "closed" }, intent: "problem" } });
  return count > 0;
}

/** Pauses the customer's scheduled review requests while a reported problem is open. */
export async function pauseReviewSteps(customerId: string, tx: DbClient): Promise<number> {
  const { count } = await tx.scheduledMessage.updateMany({
    where: { customerId, status: "scheduled", ...REVIEW_STEP_FILTER },
    data: { status: "paused", statusReason: OPEN_PROBLEM_REASON },
  });
  return count;
}

/**
 * Resumes them once the problem is closed as resolved: each keeps its due time, or goes out now
 * if that time has passed. Never cancelled for sentiment (no review gating).
 */
export async function resumeReviewSteps(customerId: string, tx: DbClient, now = new Date()): Promise<number> {
  if (await customerHasOpenProblem(customerId, tx)) return 0;
  const paused = await tx.scheduledMessage.findMany({ where: { customerId, status: "paused", ...REVIEW_STEP_FILTER }, select: { id: true, dueAt: true } });
  for (const message of paused) {
    await tx.scheduledMessage.update({
      where: { id: message.id },
      data: { status: "scheduled", statusReason: "resumed: problem resolved", dueAt: message.dueAt > now ? message.dueAt : now },
    });
  }
  return paused.length;
}
