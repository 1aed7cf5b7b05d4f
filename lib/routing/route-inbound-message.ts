import "server-only";
import type { DbClient } from "@/lib/db";
import type { Classification } from "@/lib/classification/classification";
import { isHandledAutomatically } from "@/lib/classification/confidence";
import type { SenderCheck } from "@/lib/generated/prisma/enums";
import { unsubscribeEmail } from "@/lib/consent/email-consent";
import { optOutNumber } from "@/lib/consent/sms-consent";
import { cancelAbandonedCheckoutFlow } from "@/lib/outbound/abandoned-checkout-flow";
import { AUTO_REVIEW_LINK_STEP, CHECKOUT_FLOWS, DEFAULT_USEFUL_FOR_MS, STEPS } from "@/lib/outbound/flow-steps";
import { pauseReviewSteps } from "@/lib/outbound/review-pause";

export type RoutedMessage = {
  id: string;
  channel: "email" | "sms";
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
export async function routeInboundMessage(message: RoutedMessage, classification: Classification, tx: DbClient, now = new Date()): Promise<string[]> {
  const actions: string[] = [];
  const { customerId, conversationId } = message;

  // A mail whose sender did not authenticate may be anyone's: it is shown, but it changes
  // nothing by itself (no unsubscribe, no cancellation, no automatic reply). A person decides.
  if (message.channel === "email" && message.senderCheck !== "pass") {
    const urgent = classification.intent === "problem" || classification.sentiment === "negative";
    await tx.conversation.update({ where: { id: conversationId }, data: { needsHuman: true, ...(urgent ? { priority: "high" } : {}) } });
    return ["sender not verified: left to a person"];
  }

  // A reply of any kind: steps that would now read as ignoring it are cancelled.
  const { count: cancelled } = await tx.scheduledMessage.updateMany({
    where: { customerId, status: { in: ["scheduled", "paused"] }, OR: [{ flow: "post_delivery", step: STEPS.lastReminder.step }, { flow: { in: [...CHECKOUT_FLOWS] } }] },
    data: { status: "cancelled", statusReason: "cancelled: the customer replied" },
  });
  if (cancelled) actions.push(`cancelled ${cancelled} follow-up(s)`);

  // Only what is confidently handled automatically leaves the Needs human view: a clear opt-out,
  // and clear praise (which gets the review link). Everything else is a person's job.
  const automatic = isHandledAutomatically(classification);
  if (classification.intent === "opt_out") {
    // Honoured even when unsure: sending after a "stop" is worse than pausing a reply.
    if (message.channel === "email") await unsubscribeEmail(customerId, "email_reply", message.textBody.slice(0, 200), now, tx);
    else if (message.fromAddress) await optOutNumber(message.fromAddress, "reply", "sms_reply", message.textBody.slice(0, 200), now, tx);
    actions.push(`opted out of ${message.channel}`);
    if (automatic) return actions;
  }

  if (automatic && classification.intent === "praise") {
    const scheduled = await scheduleReviewLinkReply(message, tx, now);
    if (scheduled) actions.push(scheduled);
    return actions;
  }

  const urgent = classification.intent === "problem" || classification.sentiment === "negative";
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { priority: true } });
  await tx.conversation.update({ where: { id: conversationId }, data: { needsHuman: true, ...(urgent ? { priority: "high" } : conversation.priority === "low" ? { priority: "normal" } : {}) } });
  if (!urgent) return [...actions, "needs a human"];
  // Only a reported problem pauses review requests; an unhappy tone alone never withholds them.
  const paused = classification.intent === "problem" ? await pauseReviewSteps(customerId, tx, now) : 0;
  await cancelAbandonedCheckoutFlow({ checkoutId: null, customerId }, tx);
  return [...actions, "needs a human (high priority)", ...(paused ? [`paused ${paused} review step(s)`] : [])];
}

/**
 * A happy reply gets the review link once: by SMS after the SMS review request, by email after
 * the day 1 check-in if the day 5 request has not gone yet (it is then not sent at all).
 */
async function scheduleReviewLinkReply(message: RoutedMessage, tx: DbClient, now: Date): Promise<string | null> {
  if (message.channel === "sms") {
    const request = await tx.scheduledMessage.findFirst({ where: { customerId: message.customerId, flow: "sms_review_request", status: "sent" }, orderBy: { sentAt: "desc" } });
    if (!request) return null;
    const { count } = await tx.scheduledMessage.createMany({
      data: [{ flow: "auto_reply", step: AUTO_REVIEW_LINK_STEP, channel: "sms", customerId: message.customerId, orderId: request.orderId, conversationId: message.conversationId, dueAt: now, latestAt: new Date(now.getTime() + DEFAULT_USEFUL_FOR_MS), idempotencyKey: `auto_reply:review_link:${request.id}` }],
      skipDuplicates: true,
    });
    return count ? "review link by SMS scheduled" : null;
  }
  const checkIn = await tx.scheduledMessage.findFirst({ where: { customerId: message.customerId, flow: "post_delivery", step: STEPS.checkIn.step, status: "sent" }, orderBy: { sentAt: "desc" } });
  if (!checkIn?.orderId) return null;
  const reviewStep = await tx.scheduledMessage.findFirst({ where: { orderId: checkIn.orderId, flow: "post_delivery", step: STEPS.reviewRequest.step } });
  if (reviewStep && !["scheduled", "paused"].includes(reviewStep.status)) return null;
  const { count } = await tx.scheduledMessage.createMany({
    data: [{ flow: "auto_reply", step: AUTO_REVIEW_LINK_STEP, channel: "email", customerId: message.customerId, orderId: checkIn.orderId, conversationId: message.conversationId, dueAt: now, latestAt: new Date(now.getTime() + DEFAULT_USEFUL_FOR_MS), idempotencyKey: `auto_reply:review_link:${checkIn.orderId}` }],
    skipDuplicates: true,
  });
  if (!count) return null;
  if (reviewStep) await tx.scheduledMessage.update({ where: { id: reviewStep.id }, data: { status: "cancelled", statusReason: "cancelled: the review link went with the thank-you" } });
  return "thank-you with the review link scheduled";
}
