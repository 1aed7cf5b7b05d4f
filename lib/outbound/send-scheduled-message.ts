import "server-only";
import { db, type DbClient } from "@/lib/db";
import { env } from "@/lib/env";
import type { ShopSettings } from "@/lib/generated/prisma/client";
import type { ScheduledStatus } from "@/lib/generated/prisma/enums";
import { composeMessage, CompositionError, type ComposedMessage } from "@/lib/outbound/compose-message";
import type { SendOutcome, Suppression } from "@/lib/outbound/providers/send-outcome";
import { sendEmail, sendSms } from "@/lib/outbound/providers/transport";
import { markNumberUnreachable, optOutNumber, withSmsState } from "@/lib/consent/sms-consent";
import { customerTimeZones } from "@/lib/outbound/quiet-hours";
import { customerHasOpenProblem } from "@/lib/outbound/review-pause";
import { HIGH_VALUE_CART_WINDOW, REVIEW_STEP_FILTER } from "@/lib/outbound/flow-steps";
import { decideSend, factsNeeded } from "@/lib/outbound/send-eligibility";
import { findOrCreateCustomerConversation } from "@/lib/threading/customer-conversation";
import { chainAfter } from "@/lib/threading/reply-headers";

export const MAX_ATTEMPTS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A day-5 email sent as a plain check-in because the SMS was the review request: not a review ask. */
export const SENT_AS_CHECK_IN = "sent as a check-in: the SMS is this order's review request";
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** 1, 2, 4 ... minutes after each failed attempt, at most an hour (about 5 hours in all); longer if the provider asks. */
export function retryDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}

export type SendResult = "sent" | "retry" | "failed" | "unknown" | "skipped" | "cancelled" | "paused" | "deferred" | "lost-lease";

/** Leaves "sending" for another status, only if this dispatcher still holds the message. */
async function release(id: string, data: { status: ScheduledStatus } & Record<string, unknown>, tx: DbClient = db): Promise<boolean> {
  const { count } = await tx.scheduledMessage.updateMany({ where: { id, status: "sending" }, data: { ...data, leaseExpiresAt: null } });
  return count === 1;
}

async function loadContext(id: string) {
  const scheduled = await db.scheduledMessage.findUnique({
    where: { id },
    include: {
      customer: true,
      order: { include: { lineItems: { take: 1 } } },
      checkout: { include: { lineItems: { take: 1 }, order: { select: { id: true } } } },
    },
  });
  if (!scheduled || scheduled.status !== "sending") return null;
  return scheduled;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadContext>>>;

async function reviewRecorded(scheduled: Loaded): Promise<boolean> {
  const since = scheduled.order?.placedAt ?? scheduled.createdAt;
  const [reviews, clicks] = await Promise.all([
    db.review.count({ where: { customerId: scheduled.customerId, createdAt: { gte: since } } }),
    // A click on a review link counts as a likely review.
    db.linkClick.count({ where: { link: { customerId: scheduled.customerId, kind: "review", createdAt: { gte: since } } } }),
  ]);
  return reviews + clicks > 0;
}

/** The last automated review ask sent to the customer (a day-5 email sent as a plain check-in is not one). */
async function lastReviewAskAt(scheduled: Loaded): Promise<Date | null> {
  const last = await db.scheduledMessage.findFirst({
    // statusReason is null for most sends: a bare NOT would drop them (SQL NULL <> x is not true).
    where: { customerId: scheduled.customerId, status: "sent", id: { not: scheduled.id }, AND: [REVIEW_STEP_FILTER, { OR: [{ statusReason: null }, { statusReason: { not: SENT_AS_CHECK_IN } }] }] },
    orderBy: { sentAt: "desc" },
    select: { sentAt: true },
  });
  return last?.sentAt ?? null;
}

/** Whether an SMS review request is this order's ask (waiting, on its way, or sent). */
async function smsAsksForOrder(scheduled: Loaded): Promise<boolean> {
  if (!scheduled.orderId) return false;
  return (await db.scheduledMessage.count({ where: { orderId: scheduled.orderId, flow: "sms_review_request", status: { in: ["scheduled", "paused", "sending", "unknown", "sent"] } } })) > 0;
}

async function customerReplied(scheduled: Loaded): Promise<boolean> {
  const since = scheduled.order?.deliveredAt ?? scheduled.createdAt;
  return (await db.message.count({ where: { direction: "inbound", conversation: { customerId: scheduled.customerId }, createdAt: { gte: since } } })) > 0;
}

async function applySuppression(customerId: string, to: string, suppression: Suppression, reason: string, now: Date, tx: DbClient) {
  if (suppression === "email_inactive") {
    await tx.customer.update({ where: { id: customerId }, data: { emailSuppressedAt: now, emailSuppressedReason: reason } });
  } else if (suppression === "sms_unreachable") {
    await markNumberUnreachable(to, now, tx);
  } else {
    await optOutNumber(to, "keyword", "twilio_21610", null, now, tx);
  }
}

/** The message row in the customer's thread, created on the first attempt and reused by retries. */
async function prepareThreadMessage(scheduled: Loaded, conversationId: string, composed: ComposedMessage, now: Date, tx: DbClient): Promise<string> {
  if (scheduled.sentMessageId) return scheduled.sentMessageId;
  const message = await tx.message.create({
    data: {
      conversationId,
      direction: "outbound",
      channel: composed.channel,
      authorType: "automation",
      fromAddress: composed.channel === "email" ? composed.from : env().TWILIO_FROM_NUMBER ?? null,
      toAddress: composed.to,
      subject: composed.channel === "email" ? composed.subject : null,
      textBody: composed.text,
      htmlBody: composed.channel === "email" ? composed.html : null,
      emailMessageId: composed.channel === "email" ? composed.messageIdHeader : null,
      smsSegments: composed.channel === "sms" ? composed.segments : null,
      deliveryStatus: "queued",
      createdAt: now,
    },
  });
  await tx.scheduledMessage.update({ where: { id: scheduled.id }, data: { sentMessageId: message.id, templateVersionId: composed.templateVersionId } });
  await tx.trackedLink.updateMany({ where: { scheduledMessageId: scheduled.id }, data: { messageId: message.id } });
  return message.id;
}

/** Records a confirmed send on the schedule, the thread message and the conversation. */
export async function recordSent(scheduledId: string, messageId: string, providerMessageId: string, at: Date, tx: DbClient, statusReason: string | null = null): Promise<void> {
  await tx.scheduledMessage.update({ where: { id: scheduledId }, data: { status: "sent", sentAt: at, leaseExpiresAt: null, lastError: null, statusReason } });
  const message = await tx.message.update({ where: { id: messageId }, data: { deliveryStatus: "sent", providerMessageId, sentAt: at } });
  await tx.conversation.update({ where: { id: message.conversationId }, data: { lastMessageAt: at } });
}

async function recordOutcome(scheduled: Loaded, messageId: string, to: string, outcome: SendOutcome, now: Date, sentReason: string | null): Promise<SendResult> {
  return db.$transaction(async (tx) => {
    const current = await tx.scheduledMessage.findUniqueOrThrow({ where: { id: scheduled.id } });
    if (current.status !== "sending" && current.status !== "unknown") return "lost-lease";
    switch (outcome.kind) {
      case "sent":
        await recordSent(scheduled.id, messageId, outcome.providerMessageId, now, tx, sentReason);
        return "sent";
      case "transient":
        if (current.attempts >= MAX_ATTEMPTS) {
          await tx.scheduledMessage.update({ where: { id: scheduled.id }, data: { status: "failed", lastError: outcome.error, leaseExpiresAt: null } });
          await tx.message.update({ where: { id: messageId }, data: { deliveryStatus: "failed", deliveryError: `Gave up after ${current.attempts} attempts: ${outcome.error}` } });
          return "failed";
        }
        await tx.scheduledMessage.update({
          where: { id: scheduled.id },
          data: { status: "scheduled", lastError: outcome.error, leaseExpiresAt: null, dueAt: new Date(now.getTime() + retryDelayMs(current.attempts, outcome.retryAfterMs)) },
        });
        return "retry";
      case "permanent":
        await tx.scheduledMessage.update({ where: { id: scheduled.id }, data: { status: "failed", lastError: outcome.error, leaseExpiresAt: null } });
        await tx.message.update({ where: { id: messageId }, data: { deliveryStatus: "failed", deliveryError: outcome.error, deliveryErrorCode: outcome.code ?? null } });
        if (outcome.suppress) await applySuppression(scheduled.customerId, to, outcome.suppress, outcome.error, now, tx);
        return "failed";
      case "unknown":
        await tx.scheduledMessage.update({ where: { id: scheduled.id }, data: { status: "unknown", lastError: outcome.error, leaseExpiresAt: null } });
        return "unknown";
    }
  });
}

/**
 * Sends one claimed message: checks the rules again, renders the approved text, records it in
 * the customer's thread, calls the provider once and records what happened.
 */
export async function sendScheduledMessage(id: string, settings: ShopSettings, now = new Date()): Promise<SendResult> {
  const scheduled = await loadContext(id);
  if (!scheduled) return "lost-lease";

  // Only the facts this step's rules read are queried.
  const needed = factsNeeded(scheduled);
  const decision = decideSend({
    message: scheduled,
    customer: await withSmsState(scheduled.customer, db),
    checkoutCompleted: Boolean(scheduled.checkout?.completedAt || scheduled.checkout?.order),
    hasOpenProblem: needed.openProblem && (await customerHasOpenProblem(scheduled.customerId, db)),
    reviewRecorded: needed.review && (await reviewRecorded(scheduled)),
    customerReplied: needed.reply && (await customerReplied(scheduled)),
    maxReviewPauseMs: settings.reviewPauseMaxDays * DAY_MS,
    lastReviewAskAt: needed.lastAsk ? await lastReviewAskAt(scheduled) : null,
    smsAsksForThisOrder: needed.smsAsk && (await smsAsksForOrder(scheduled)),
    day5EmailWithSms: settings.day5EmailWithSms,
    smsZones: customerTimeZones(scheduled.customer, settings.timeZone),
    smsWindow: scheduled.flow === "high_value_cart" ? HIGH_VALUE_CART_WINDOW : { startHour: settings.smsWindowStartHour, endHour: settings.smsWindowEndHour },
    now,
  });
  switch (decision.action) {
    case "skip":
      await release(id, { status: "skipped", statusReason: decision.reason });
      return "skipped";
    case "cancel":
      await release(id, { status: "cancelled", statusReason: decision.reason });
      return "cancelled";
    case "pause":
      await release(id, { status: "paused", statusReason: decision.reason, pausedAt: scheduled.pausedAt ?? now });
      return "paused";
    case "defer":
      await release(id, { status: "scheduled", statusReason: decision.reason, dueAt: decision.until, attempts: { decrement: 1 } });
      return "deferred";
  }

  let composed: ComposedMessage;
  let messageId: string;
  try {
    ({ composed, messageId } = await db.$transaction(async (tx) => {
      const lineItem = scheduled.order?.lineItems[0] ?? scheduled.checkout?.lineItems[0];
      const conversation = scheduled.conversationId
        ? await tx.conversation.findUniqueOrThrow({ where: { id: scheduled.conversationId } })
        : await findOrCreateCustomerConversation(scheduled.customerId, now, tx);
      // An automatic reply answers the customer's last mail in the thread, so it threads in their client.
      const answered = scheduled.conversationId ? await tx.message.findFirst({ where: { conversationId: conversation.id, direction: "inbound", channel: "email", emailMessageId: { not: null } }, orderBy: { createdAt: "desc" } }) : null;
      const replyingTo = answered ? chainAfter(answered) : [];
      const composed = await composeMessage(
        {
          scheduled,
          variant: decision.variant ?? null,
          customer: scheduled.customer,
          settings,
          productName: lineItem?.title ?? null,
          orderNumber: scheduled.order?.number ?? null,
          checkoutUrl: scheduled.checkout?.checkoutUrl ?? null,
          mailboxHash: conversation.mailboxHash,
          replyingTo,
          replySubject: answered?.subject ?? null,
        },
        tx,
      );
      return { composed, messageId: await prepareThreadMessage(scheduled, conversation.id, composed, now, tx) };
    }));
  } catch (error) {
    if (!(error instanceof CompositionError)) throw error;
    await release(id, { status: "failed", lastError: error.message });
    return "failed";
  }

  const { APP_URL } = env();
  const outcome =
    composed.channel === "email"
      ? await sendEmail({ from: composed.from, to: composed.to, replyTo: composed.replyTo, subject: composed.subject, htmlBody: composed.html, textBody: composed.text, headers: composed.headers, metadata: { scheduledMessageId: id } }, now)
      : await sendSms({ to: composed.to, body: composed.text, statusCallback: `${APP_URL.replace(/\/$/, "")}/api/webhooks/twilio/status` }, now);
  return recordOutcome(scheduled, messageId, composed.to, outcome, now, decision.variant === "check_in" ? SENT_AS_CHECK_IN : null);
}
