import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { withSmsState } from "@/lib/consent/sms-consent";
import { db } from "@/lib/db";
import { configuredChannels } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { LEASE_MS } from "@/lib/outbound/claim-due-messages";
import { MANUAL_REVIEW_LINK } from "@/lib/outbound/flow-steps";
import { customerTimeZones } from "@/lib/outbound/quiet-hours";
import { decideSend } from "@/lib/outbound/send-eligibility";
import { sendScheduledMessage } from "@/lib/outbound/send-scheduled-message";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";

export const reviewLinkSchema = z.object({
  conversationId: z.string().min(1),
  channel: z.enum(["email", "sms"]),
  /** One press of the button: pressing twice, or retrying, sends one link. */
  clientRequestId: z.string().uuid(),
});

export type ReviewLinkOutcome =
  | { outcome: "sent"; messageId: string | null }
  /** Night-time for the customer: the dispatcher sends it when their morning comes. */
  | { outcome: "deferred"; until: Date }
  /** The provider failed for now: the dispatcher retries it. */
  | { outcome: "retrying"; error: string };

/**
 * Sends the founder-voice review link to any customer the channel's consent allows, as a
 * recorded message with a tracked link. Never chosen by sentiment (no review gating).
 */
export async function sendReviewLink(
  input: z.infer<typeof reviewLinkSchema>,
  actorUserId: string,
  now = new Date(),
): Promise<ReviewLinkOutcome> {
  const conversation = await db.conversation.findUnique({
    where: { id: input.conversationId },
    include: { customer: true },
  });
  if (!conversation) throw AppError.because("not_found", "conversationGone");
  const settings = await getShopSettingsRow();
  if (!settings) throw AppError.because("bad_request", "setUpShopBeforeReviewLinks");
  if (!configuredChannels()[input.channel])
    throw AppError.because(
      "not_configured",
      input.channel === "sms" ? "smsNotConfiguredHere" : "emailNotConfiguredHere",
    );

  const step = { ...MANUAL_REVIEW_LINK, channel: input.channel };
  // The same consent rules as every automatic message; the time of day is handled by deferring.
  const decision = decideSend({
    message: step,
    customer: await withSmsState(conversation.customer, db),
    checkoutCompleted: false,
    hasOpenProblem: false,
    reviewRecorded: false,
    customerReplied: false,
    smsZones: customerTimeZones(conversation.customer, settings.timeZone),
    smsWindow: { startHour: settings.smsWindowStartHour, endHour: settings.smsWindowEndHour },
    now,
  });
  if (decision.action === "skip" || decision.action === "cancel" || decision.action === "pause") {
    throw AppError.because("bad_request", input.channel === "sms" ? "reviewLinkBlockedSms" : "reviewLinkBlockedEmail", {
      detail: decision.reason.replace(/^\w+: /, ""),
    });
  }

  const order = await db.order.findFirst({
    where: { customerId: conversation.customerId, cancelledAt: null },
    orderBy: [{ deliveredAt: { sort: "desc", nulls: "last" } }, { placedAt: "desc" }],
  });
  const idempotencyKey = `manual:review_link:${input.clientRequestId}`;
  const { count } = await db.scheduledMessage.createMany({
    data: [
      {
        ...step,
        customerId: conversation.customerId,
        conversationId: conversation.id,
        orderId: order?.id ?? null,
        dueAt: now,
        // Held by this request straight away, as the dispatcher's claim would.
        status: decision.action === "defer" ? "scheduled" : "sending",
        leaseExpiresAt: decision.action === "defer" ? null : new Date(now.getTime() + LEASE_MS),
        attempts: decision.action === "defer" ? 0 : 1,
        ...(decision.action === "defer" ? { dueAt: decision.until, statusReason: decision.reason } : {}),
        idempotencyKey,
      },
    ],
    skipDuplicates: true,
  });
  const scheduled = await db.scheduledMessage.findUniqueOrThrow({ where: { idempotencyKey } });
  if (count === 0) return describe(scheduled);
  await recordAudit({
    actorUserId,
    action: "conversation.review_link_sent",
    entityType: "conversation",
    entityId: conversation.id,
    data: { channel: input.channel, scheduledMessageId: scheduled.id },
  });
  if (decision.action === "defer") return { outcome: "deferred", until: decision.until };

  await sendScheduledMessage(scheduled.id, settings, now);
  return describe(await db.scheduledMessage.findUniqueOrThrow({ where: { id: scheduled.id } }));
}

function describe(scheduled: {
  status: string;
  dueAt: Date;
  sentMessageId: string | null;
  lastError: string | null;
  statusReason: string | null;
}): ReviewLinkOutcome {
  switch (scheduled.status) {
    case "sent":
      return { outcome: "sent", messageId: scheduled.sentMessageId };
    case "scheduled":
      return scheduled.lastError
        ? { outcome: "retrying", error: scheduled.lastError }
        : { outcome: "deferred", until: scheduled.dueAt };
    case "sending":
    case "unknown":
      return { outcome: "retrying", error: scheduled.lastError ?? "Still being sent." };
    default:
      throw AppError.because("bad_request", "reviewLinkNotSent", {
        detail: scheduled.lastError ?? scheduled.statusReason ?? scheduled.status,
      });
  }
}
