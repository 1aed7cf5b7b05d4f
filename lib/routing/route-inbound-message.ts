import "server-only";
import { CHANNEL_TRAITS, isMetaChannel, isShopChannel, type Channel, type MetaChannel } from "@/lib/channels/channels";
import { metaConfigured } from "@/lib/env";
import { STANDARD_WINDOW_MS } from "@/lib/channels/reply-window";
import type { DbClient } from "@/lib/db";
import type { Classification } from "@/lib/classification/classification";
import { isHandledAutomatically } from "@/lib/classification/confidence";
import type { SenderCheck } from "@/lib/generated/prisma/enums";
import { unsubscribeEmail } from "@/lib/consent/email-consent";
import { cancelPendingMessages } from "@/lib/delivery/cancel-pending-messages";
import { optOutNumber } from "@/lib/consent/sms-consent";
import { AUTO_REVIEW_LINK_STEP, CHECKOUT_FLOWS, DEFAULT_USEFUL_FOR_MS, STEPS } from "@/lib/outbound/flow-steps";
import { customerHasOpenProblem, pauseReviewSteps } from "@/lib/outbound/review-pause";

export type RoutedMessage = {
  id: string;
  channel: Channel;
  conversationId: string;
  customerId: string;
  fromAddress: string | null;
  textBody: string;
  /** Email: whether the sender authenticated for the From domain (null for SMS). */
  senderCheck: SenderCheck | null;
};

/**
 * What the automation does with a classified reply. Every branch is visible in the thread as
 * a scheduled automatic message or a change of the conversation's flags.
 */
export async function routeInboundMessage(
  message: RoutedMessage,
  classification: Classification,
  tx: DbClient,
  now = new Date(),
): Promise<string[]> {
  const actions: string[] = [];
  const { customerId, conversationId } = message;

  // A mail whose sender did not authenticate may be anyone's: it is shown, but it changes
  // nothing by itself (no unsubscribe, no cancellation, no automatic reply). A person decides.
  if (message.channel === "email" && message.senderCheck !== "pass") {
    await markNeedsHuman(conversationId, isUrgent(classification), tx, now);
    return ["sender not verified: left to a person"];
  }

  // A reply of any kind: steps that would now read as ignoring it are cancelled (the last
  // reminder, and every abandoned-checkout email).
  const cancelled = await cancelPendingMessages(
    { customerId, steps: [STEPS.lastReminder], flows: CHECKOUT_FLOWS },
    { kind: "customer_replied" },
    tx,
  );
  if (cancelled) actions.push(`cancelled ${cancelled} follow-up(s)`);

  // Only what is confidently handled automatically leaves the Needs human view: a clear opt-out,
  // and clear praise (which gets the review link). Everything else is a person's job.
  // Messenger and Instagram: the shop never writes first there, so an opt-out there changes no
  // consent and is left to a person; praise is handled as on the other channels.
  const automatic =
    isHandledAutomatically(classification) && (isShopChannel(message.channel) || classification.intent === "praise");
  if (classification.intent === "opt_out") {
    // Honoured even when unsure: sending after a "stop" is worse than pausing a reply.
    if (message.channel === "email")
      await unsubscribeEmail(customerId, "email_reply", message.textBody.slice(0, 200), now, tx);
    else if (message.channel === "sms" && message.fromAddress)
      await optOutNumber(message.fromAddress, "reply", "sms_reply", message.textBody.slice(0, 200), now, tx);
    if (isShopChannel(message.channel)) actions.push(`opted out of ${message.channel}`);
    if (automatic) return actions;
  }

  if (automatic && classification.intent === "praise") {
    const scheduled = await scheduleReviewLinkReply(message, tx, now);
    if (scheduled) actions.push(scheduled);
    return actions;
  }

  const urgent = isUrgent(classification);
  await markNeedsHuman(conversationId, urgent, tx, now, { raiseLow: true });
  if (!urgent) return [...actions, "needs a human"];
  // Only a reported problem pauses review requests; an unhappy tone alone never withholds them.
  const paused = classification.intent === "problem" ? await pauseReviewSteps(customerId, tx, now) : 0;
  return [...actions, "needs a human (high priority)", ...(paused ? [`paused ${paused} review step(s)`] : [])];
}

function isUrgent(classification: Classification): boolean {
  return classification.intent === "problem" || classification.sentiment === "negative";
}

/** In the Needs human view; urgent means high priority, and a low one may be raised to normal. */
async function markNeedsHuman(
  conversationId: string,
  urgent: boolean,
  tx: DbClient,
  now: Date,
  options: { raiseLow?: boolean } = {},
) {
  await tx.$executeRaw`
    UPDATE "Conversation" SET "needsHuman" = true, "updatedAt" = ${now},
      priority = CASE WHEN ${urgent} THEN 'high'::"Priority" WHEN ${Boolean(options.raiseLow)} AND priority = 'low' THEN 'normal'::"Priority" ELSE priority END
    WHERE id = ${conversationId}`;
}

/**
 * A happy reply gets the review link once: by SMS after the SMS review request, by email after
 * the day 1 check-in if the day 5 request has not gone yet (it is then not sent at all), on
 * Messenger or Instagram as scheduleChatReviewLink says.
 */
async function scheduleReviewLinkReply(message: RoutedMessage, tx: DbClient, now: Date): Promise<string | null> {
  if (isMetaChannel(message.channel)) return scheduleChatReviewLink(message, message.channel, tx, now);
  if (message.channel === "sms") {
    const request = await tx.scheduledMessage.findFirst({
      where: { customerId: message.customerId, flow: "sms_review_request", status: "sent" },
      orderBy: { sentAt: "desc" },
    });
    if (!request) return null;
    const scheduled = await scheduleReviewLink(
      message,
      request.orderId,
      `auto_reply:review_link:${request.id}`,
      tx,
      now,
    );
    return scheduled ? "review link by SMS scheduled" : null;
  }
  const checkIn = await tx.scheduledMessage.findFirst({
    where: { customerId: message.customerId, flow: "post_delivery", step: STEPS.checkIn.step, status: "sent" },
    orderBy: { sentAt: "desc" },
  });
  if (!checkIn?.orderId) return null;
  const reviewStep = await tx.scheduledMessage.findFirst({
    where: { orderId: checkIn.orderId, flow: "post_delivery", step: STEPS.reviewRequest.step },
  });
  if (reviewStep && !["scheduled", "paused"].includes(reviewStep.status)) return null;
  const scheduled = await scheduleReviewLink(
    message,
    checkIn.orderId,
    `auto_reply:review_link:${checkIn.orderId}`,
    tx,
    now,
  );
  if (!scheduled) return null;
  if (reviewStep) await cancelPendingMessages({ id: reviewStep.id }, { kind: "review_link_sent" }, tx);
  return "thank-you with the review link scheduled";
}

/** How recent a delivery a happy chat message is taken to be about. */
const CHAT_THANKS_DELIVERY_MS = 30 * 24 * 60 * 60_000;

/**
 * On Messenger or Instagram: a customer whose order was delivered in the last 30 days, not yet
 * asked about it (neither its day-5 email nor its SMS request has gone), with no reported problem
 * open, gets one thank-you with the link for that order (the key is the email thank-you's). Those
 * requests stay scheduled: the dispatcher skips them once the thank-you went, and sends them if it
 * could not go (the window closed, Meta refused), so the order is always asked once.
 */
async function scheduleChatReviewLink(
  message: RoutedMessage,
  channel: MetaChannel,
  tx: DbClient,
  now: Date,
): Promise<string | null> {
  // Without the page's token nothing could send it.
  if (!metaConfigured()) return null;
  const order = await tx.order.findFirst({
    where: { customerId: message.customerId, deliveredAt: { gte: new Date(now.getTime() - CHAT_THANKS_DELIVERY_MS) } },
    orderBy: { deliveredAt: "desc" },
    select: { id: true },
  });
  if (!order) return null;
  const asked = await tx.scheduledMessage.count({
    where: {
      orderId: order.id,
      OR: [STEPS.reviewRequest, STEPS.smsReviewRequest].map(({ flow, step }) => ({ flow, step })),
      status: { in: ["sending", "unknown", "sent"] },
    },
  });
  if (asked || (await customerHasOpenProblem(message.customerId, tx))) return null;
  const scheduled = await scheduleReviewLink(message, order.id, `auto_reply:review_link:${order.id}`, tx, now);
  return scheduled ? `thank-you with the review link on ${channel} scheduled` : null;
}

/** The automatic answer with the review link, once per key; on Meta's channels only while the window is open. */
async function scheduleReviewLink(
  message: RoutedMessage,
  orderId: string | null,
  idempotencyKey: string,
  tx: DbClient,
  now: Date,
): Promise<boolean> {
  // Meta's window (24 hours from this message) closes before the two days a thank-you stays useful elsewhere.
  const usefulFor = CHANNEL_TRAITS[message.channel].replyWindow ? STANDARD_WINDOW_MS : DEFAULT_USEFUL_FOR_MS;
  const { count } = await tx.scheduledMessage.createMany({
    data: [
      {
        flow: "auto_reply",
        step: AUTO_REVIEW_LINK_STEP,
        channel: message.channel,
        customerId: message.customerId,
        orderId,
        conversationId: message.conversationId,
        dueAt: now,
        latestAt: new Date(now.getTime() + usefulFor),
        idempotencyKey,
      },
    ],
    skipDuplicates: true,
  });
  return count > 0;
}
