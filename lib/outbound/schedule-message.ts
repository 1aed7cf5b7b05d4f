import "server-only";
import type { DbClient } from "@/lib/db";
import type { ScheduledStatus } from "@/lib/generated/prisma/enums";
import { idempotencyKey, type FlowStep } from "@/lib/outbound/flow-steps";

export type ScheduleRequest = {
  step: FlowStep;
  /** What the key is unique for: the checkout or the order. */
  subjectId: string;
  customerId: string;
  dueAt: Date;
  /** Past this the message is skipped as too late; by default its due time plus the step's usefulness. */
  latestAt?: Date;
  checkoutId?: string | null;
  orderId?: string | null;
  status?: Extract<ScheduledStatus, "scheduled" | "paused">;
  statusReason?: string | null;
};

/** Schedules a step once; a second request for the same step and subject changes nothing. */
export async function scheduleMessage(request: ScheduleRequest, tx: DbClient): Promise<boolean> {
  const { count } = await tx.scheduledMessage.createMany({
    data: [
      {
        flow: request.step.flow,
        step: request.step.step,
        channel: request.step.channel,
        customerId: request.customerId,
        checkoutId: request.checkoutId ?? null,
        orderId: request.orderId ?? null,
        dueAt: request.dueAt,
        latestAt: request.latestAt ?? new Date(request.dueAt.getTime() + request.step.usefulForMs),
        pausedAt: request.status === "paused" ? new Date() : null,
        status: request.status ?? "scheduled",
        statusReason: request.statusReason ?? null,
        idempotencyKey: idempotencyKey(request.step, request.subjectId),
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}
